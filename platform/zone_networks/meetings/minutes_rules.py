"""Who may read, write and comment on a meeting's minutes at each step of the cycle."""

from __future__ import annotations

from zone_networks.meetings.minutes_models import Minutes


def can_read(minutes: Minutes | None, *, manager: bool, attendee: bool) -> bool:
    """Managers always; attendees once circulated; published minutes: anyone who may see the meeting."""
    if minutes is None:
        return False
    if manager or minutes.status == "published":
        return True
    return attendee and minutes.status in ("circulated", "agreed")


def can_comment(minutes: Minutes | None, *, manager: bool, attendee: bool) -> bool:
    """Attendees (and managers) comment while the minutes are circulated."""
    return minutes is not None and minutes.status == "circulated" and (manager or attendee)
