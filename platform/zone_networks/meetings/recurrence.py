"""Recurrence rules (RFC 5545 RRULE) for meeting series: presets, validation and occurrences.

A rule is evaluated in Europe/London wall time from the series' first start,
so "monthly on the 2nd Tuesday at 10:00" stays at 10:00 UK time in winter and
summer. Stored rules are canonical ("FREQ=MONTHLY;BYDAY=2TU", keys in a fixed
order, UNTIL in UTC with a Z, as RFC 5545 requires when DTSTART has a TZID), so
the calendar export can copy them as they are.

Only a safe subset is accepted (no HOURLY/MINUTELY/SECONDLY, no BYHOUR and
friends, no dates that never happen such as 30 February), because a rule that
matches nothing makes the rule engine search until the year 9999.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrule, rrulestr
from flask_babel import gettext as _

from zone_networks.meetings.times import london_midnight, london_wall, wall_to_utc

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PART_ORDER = ("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST", "COUNT", "UNTIL")
PRESETS = ("six_monthly", "monthly_weekday", "weekly", "custom")
MAX_COUNT = 500
MAX_INTERVAL = 99
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{8})(T(\d{6})Z?)?$")


class RecurrenceError(ValueError):
    """A rule the service cannot accept; the message says why and is safe to show."""


def _integers(value: str, low: int, high: int, *, allow_negative: bool = False) -> list[int]:
    numbers = []
    for item in value.split(","):
        if not re.fullmatch(r"[+-]?\d{1,3}", item):
            raise RecurrenceError(_("The rule has a number that is not valid: %(value)s", value=item))
        number = int(item)
        if number == 0 or abs(number) < low or abs(number) > high or (number < 0 and not allow_negative):
            raise RecurrenceError(_("The rule has a number that is not valid: %(value)s", value=item))
        numbers.append(number)
    return numbers


def _parse_until(value: str) -> datetime:
    """UNTIL as a UTC instant: a date means the end of that UK day; a local time is read as UK time."""
    match = _UNTIL.match(value)
    if not match:
        raise RecurrenceError(_("UNTIL must be a date like 20271231 or a UTC time like 20271231T235959Z"))
    try:
        day = datetime.strptime(match[1], "%Y%m%d").date()
        if match[2] is None:
            return london_midnight(day + timedelta(days=1)) - timedelta(seconds=1)
        moment = datetime.strptime(match[1] + match[3], "%Y%m%d%H%M%S")
    except ValueError as error:
        raise RecurrenceError(_("UNTIL is not a real date")) from error
    return moment.replace(tzinfo=UTC) if value.endswith("Z") else wall_to_utc(moment)


def _check_days_exist(months: list[int], monthdays: list[int]) -> None:
    """Refuse BYMONTH + BYMONTHDAY combinations that never happen (30 February, 31 April)."""
    if not monthdays:
        return
    longest = {month: calendar.monthrange(2024, month)[1] for month in (months or range(1, 13))}  # 2024: leap year
    if not any(abs(day) <= length for day in monthdays for length in longest.values()):
        raise RecurrenceError(_("The rule asks for a day of the month that never happens"))


def normalise_rule(text: str) -> str:
    """Check a typed rule and return it in canonical form; RecurrenceError says what is wrong."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    cleaned = cleaned.removeprefix("RRULE:")
    if not cleaned:
        raise RecurrenceError(_("Enter a recurrence rule, like FREQ=MONTHLY;BYDAY=2TU"))
    if len(cleaned) > 300:
        raise RecurrenceError(_("The recurrence rule must be 300 characters or fewer"))
    parts: dict[str, str] = {}
    for piece in cleaned.strip(";").split(";"):
        key, sep, value = piece.partition("=")
        if not sep or not value:
            raise RecurrenceError(_("Each part of the rule must look like NAME=VALUE, separated by semicolons"))
        if key not in PART_ORDER:
            raise RecurrenceError(_("The rule part %(part)s is not supported here", part=key))
        if key in parts:
            raise RecurrenceError(_("The rule has %(part)s more than once", part=key))
        parts[key] = value
    frequency = parts.get("FREQ")
    if frequency not in FREQUENCIES:
        raise RecurrenceError(_("The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError(_("A rule can end after a number of meetings (COUNT) or on a date (UNTIL), not both"))
    if "INTERVAL" in parts:
        _integers(parts["INTERVAL"], 1, MAX_INTERVAL)
    if "COUNT" in parts:
        _integers(parts["COUNT"], 1, MAX_COUNT)
    months = _integers(parts["BYMONTH"], 1, 12) if "BYMONTH" in parts else []
    monthdays = _integers(parts["BYMONTHDAY"], 1, 31, allow_negative=True) if "BYMONTHDAY" in parts else []
    _check_days_exist(months, monthdays)
    if "BYDAY" in parts:
        for item in parts["BYDAY"].split(","):
            match = _BYDAY.match(item)
            if not match:
                raise RecurrenceError(_("BYDAY must list days like MO, TU or 2TU"))
            if match[1] and frequency not in ("MONTHLY", "YEARLY"):
                raise RecurrenceError(_("A numbered day such as 2TU needs FREQ=MONTHLY or YEARLY"))
    if "BYSETPOS" in parts:
        if frequency not in ("MONTHLY", "YEARLY"):
            raise RecurrenceError(_("BYSETPOS needs FREQ=MONTHLY or YEARLY"))
        _integers(parts["BYSETPOS"], 1, 31 if frequency == "MONTHLY" else 366, allow_negative=True)
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise RecurrenceError(_("WKST must be a day such as MO"))
    if "UNTIL" in parts:
        parts["UNTIL"] = _parse_until(parts["UNTIL"]).strftime("%Y%m%dT%H%M%SZ")
    return ";".join(f"{key}={parts[key]}" for key in PART_ORDER if key in parts)


def preset_rule(preset: str, first_day: date) -> str:
    """The rule for one of the form's presets, from the first meeting's date (not for "custom")."""
    if preset == "six_monthly":
        return "FREQ=MONTHLY;INTERVAL=6"
    if preset == "weekly":
        return "FREQ=WEEKLY"
    if preset == "monthly_weekday":
        return f"FREQ=MONTHLY;BYDAY={nth_weekday_code(first_day)}"
    raise ValueError(f"no rule for preset {preset!r}")


def nth_weekday_code(day: date) -> str:
    """Which weekday of its month `day` is, as BYDAY: 2TU for the 2nd Tuesday, -1FR for a 5th (last) Friday."""
    week = (day.day - 1) // 7 + 1
    return f"{-1 if week == 5 else week}{WEEKDAYS[day.weekday()]}"


def with_end(rule: str, *, count: int | None = None, until_day: date | None = None) -> str:
    """`rule` ending after `count` meetings or on `until_day` (a UK date), replacing any end it had."""
    kept = ";".join(part for part in rule.split(";") if not part.startswith(("COUNT=", "UNTIL=")))
    if count is not None:
        kept += f";COUNT={count}"
    elif until_day is not None:
        kept += f";UNTIL={until_day:%Y%m%d}"
    return normalise_rule(kept)


def _engine(rule: str, first_start: datetime) -> rrule:
    """dateutil's rule over naive London wall times (UNTIL turned from UTC into wall time)."""
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        parts["UNTIL"] = london_wall(until).strftime("%Y%m%dT%H%M%S")
    text = ";".join(f"{key}={value}" for key, value in parts.items())
    result = rrulestr(f"RRULE:{text}", dtstart=london_wall(first_start))
    assert isinstance(result, rrule)
    return result


def occurrences(rule: str, first_start: datetime, *, after: datetime | None = None, before: datetime,
                limit: int) -> list[datetime]:
    """UTC starts the rule gives from `first_start` (UTC), later than `after`, before `before`, at most `limit`.

    Wall times are turned into UTC by RFC 5545's rules (`times.wall_to_utc`).
    """
    engine = _engine(rule, first_start)
    low = london_wall(after) if after is not None else None
    high = london_wall(before)
    found: list[datetime] = []
    for wall in engine.xafter(low, inc=False) if low is not None else engine:
        if wall >= high or len(found) >= limit:
            break
        found.append(wall_to_utc(wall))
    return found


def check_first_start_fits(rule: str, first_start: datetime) -> None:
    """Refuse a rule whose first meeting is not `first_start` (RFC 5545 leaves that case undefined)."""
    engine = _engine(rule, first_start)
    first = next(iter(engine), None)
    if first != london_wall(first_start):
        raise RecurrenceError(_("The date of the first meeting must fit the rule. For example, for "
                                "FREQ=MONTHLY;BYDAY=2TU the first meeting must be on a 2nd Tuesday"))




def describe_rule(rule: str) -> str:
    """The rule in words where it is one of the presets (with its end), otherwise the rule itself."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    core = {key: value for key, value in parts.items() if key not in ("COUNT", "UNTIL", "WKST")}
    words: str
    if core == {"FREQ": "MONTHLY", "INTERVAL": "6"}:
        words = _("Every 6 months")
    elif core == {"FREQ": "WEEKLY"}:
        words = _("Every week")
    elif core.keys() == {"FREQ", "BYDAY"} and core["FREQ"] == "MONTHLY" \
            and (match := _BYDAY.match(core["BYDAY"])) and match[1] and int(match[1]) in (1, 2, 3, 4, -1):
        day_names = {"MO": _("Monday"), "TU": _("Tuesday"), "WE": _("Wednesday"), "TH": _("Thursday"),
                     "FR": _("Friday"), "SA": _("Saturday"), "SU": _("Sunday")}
        words = _("Every month on the %(nth)s %(day)s", nth=_ordinal(int(match[1])), day=day_names[match[2]])
    else:
        return rule
    if "COUNT" in parts:
        words = _("%(rule)s, %(count)s meetings in all", rule=words, count=parts["COUNT"])
    elif "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        last = london_wall(until).date()
        words = _("%(rule)s, until %(day)s", rule=words, day=f"{last.day} {last:%B %Y}")
    return words


def _ordinal(number: int) -> str:
    return {1: _("1st"), 2: _("2nd"), 3: _("3rd"), 4: _("4th"), -1: _("last")}[number]
