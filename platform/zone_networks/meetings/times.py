"""Europe/London wall time <-> stored UTC, in one place, for forms, series and polls.

People enter and read meeting times in UK time; the database stores UTC. Two
local times a year are a problem: when the clocks go forward (last Sunday of
March) 01:00-01:59 does not exist, and when they go back (last Sunday of
October) 01:00-01:59 happens twice. A time typed into a form at those moments
is refused with a clear message (`LocalTimeError`): the person picks another
time. Recurrences follow RFC 5545 instead (`wall_to_utc`): a time in the gap
uses the offset before the gap (01:30 becomes 02:30 BST) and a repeated time
means the first of the two (BST).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _

from zone_networks.core.clock import LONDON, to_london, utcnow

MIDNIGHT = time(0)


class LocalTimeError(ValueError):
    """A UK time that does not exist, or exists twice, on that day; the message says which, safe to show."""


def _format_time(at: time) -> str:
    hour = at.hour % 12 or 12
    return f"{hour}:{at.minute:02d}{'am' if at.hour < 12 else 'pm'}"


def _format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def is_nonexistent(wall: datetime) -> bool:
    """Whether the naive London wall time falls in the spring-forward gap."""
    aware = wall.replace(tzinfo=LONDON, fold=0)
    return aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != wall


def is_ambiguous(wall: datetime) -> bool:
    """Whether the naive London wall time happens twice (the autumn fall-back hour)."""
    first = wall.replace(tzinfo=LONDON, fold=0)
    second = wall.replace(tzinfo=LONDON, fold=1)
    return not is_nonexistent(wall) and first.utcoffset() != second.utcoffset()


def wall_to_utc(wall: datetime) -> datetime:
    """Naive London wall time to UTC by RFC 5545's rules (gap: offset before it; repeat: the first)."""
    return wall.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def london_to_utc(day: date, at: time) -> datetime:
    """A UK date and time typed by a person, as UTC; LocalTimeError for a time that is missing or repeated."""
    wall = datetime.combine(day, at)
    if is_nonexistent(wall):
        raise LocalTimeError(_(
            "%(time)s does not exist on %(day)s because the clocks go forward an hour. Enter a time "
            "before 1am or from 2am", time=_format_time(at), day=_format_day(day)))
    if is_ambiguous(wall):
        raise LocalTimeError(_(
            "%(time)s happens twice on %(day)s because the clocks go back an hour. Enter a time "
            "before 1am or from 2am", time=_format_time(at), day=_format_day(day)))
    return wall_to_utc(wall)


def london_midnight(day: date) -> datetime:
    """The UTC instant at which London's `day` begins (midnight never falls in a UK clock change)."""
    return wall_to_utc(datetime.combine(day, MIDNIGHT))


def all_day_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """Start and (exclusive) end in UTC of an all-day event running `first_day` to `last_day` in London."""
    return london_midnight(first_day), london_midnight(last_day + timedelta(days=1))


def london_today(now: datetime | None = None) -> date:
    """Today's date in the UK."""
    return to_london(now or utcnow()).date()


def london_wall(value: datetime) -> datetime:
    """A stored UTC datetime as naive London wall time (what a person would read on a clock)."""
    return to_london(value).replace(tzinfo=None)


_TIME = re.compile(
    r"^\s*(?P<hour>\d{1,2})(?:\s*[:.]\s*(?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?\s*$",
    re.IGNORECASE,
)


def parse_time(text: str) -> time | None:
    """Read a time of day as people type it: 14:30, 14.30, 9:05, 2pm, 2:30pm, 12am, midday/noon. None if not one."""
    cleaned = (text or "").strip().lower()
    if cleaned in ("midday", "noon", "12 noon"):
        return time(12)
    if cleaned == "midnight":
        return time(0)
    match = _TIME.match(cleaned)
    if not match:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        return None  # a bare "9" could be 9am or 9pm: ask for 09:00 or 9am
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def format_time_input(value: time) -> str:
    """A time as the form shows it back (24-hour, like 09:30)."""
    return f"{value.hour:02d}:{value.minute:02d}"
