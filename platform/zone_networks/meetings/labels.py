"""Human words for meetings' coded values, and "when" in the GOV.UK style ("Tuesday 9 March 2027, 10am to 12pm")."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from zone_networks.core.clock import to_london

STATUS_LABELS = {
    "draft": _l("Draft"),
    "scheduled": _l("Scheduled"),
    "cancelled": _l("Cancelled"),
    "held": _l("Held"),
}

# GOV.UK tag colours for each status.
STATUS_CLASSES = {
    "draft": "govuk-tag--grey",
    "scheduled": "govuk-tag--blue",
    "cancelled": "govuk-tag--red",
    "held": "govuk-tag--green",
}

FORMAT_LABELS = {
    "in_person": _l("In person"),
    "online": _l("Online"),
    "hybrid": _l("Hybrid (in person and online)"),
}

RECURRENCE_LABELS = {
    "six_monthly": _l("Every 6 months"),
    "monthly_weekday": _l("Every month, on the same week and day (for example, the 2nd Tuesday)"),
    "weekly": _l("Every week"),
    "custom": _l("Custom rule (RFC 5545 RRULE)"),
}

def status_label(code: str) -> str:
    """The words for a meeting status."""
    return str(STATUS_LABELS.get(code, code))


def status_class(code: str) -> str:
    """The GOV.UK tag class for a meeting status."""
    return STATUS_CLASSES.get(code, "")


def format_label(code: str) -> str:
    """The words for a meeting format."""
    return str(FORMAT_LABELS.get(code, code))


def clock(value: datetime) -> str:
    """A UK time the GOV.UK way: 10am, 2:30pm, midday, midnight."""
    local = to_london(value)
    if local.minute == 0 and local.hour == 12:
        return _("midday")
    if local.minute == 0 and local.hour == 0:
        return _("midnight")
    hour = local.hour % 12 or 12
    suffix = _("am") if local.hour < 12 else _("pm")
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def long_date(day: date) -> str:
    """A date with its weekday, such as "Tuesday 9 March 2027" (in the current language)."""
    return str(format_date(day, "EEEE d MMMM yyyy"))


def meeting_when(item: object) -> str:
    """When a meeting (or anything with starts_at, ends_at, all_day) happens, in UK time, in one line."""
    starts_at: datetime = item.starts_at  # type: ignore[attr-defined]
    ends_at: datetime = item.ends_at  # type: ignore[attr-defined]
    start, end = to_london(starts_at), to_london(ends_at)
    if getattr(item, "all_day", False):
        last = (end - timedelta(days=1)).date()
        if last <= start.date():
            return _("%(day)s (all day)", day=long_date(start.date()))
        return _("%(first)s to %(last)s (all day)", first=long_date(start.date()), last=long_date(last))
    if start.date() == end.date() or (end.hour == 0 and end.minute == 0 and (end - start).days < 1):
        return _("%(day)s, %(start)s to %(end)s", day=long_date(start.date()), start=clock(starts_at),
                 end=clock(ends_at))
    return _("%(first)s at %(start)s to %(last)s at %(end)s", first=long_date(start.date()), start=clock(starts_at),
             last=long_date(end.date()), end=clock(ends_at))

