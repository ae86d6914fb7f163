"""What the RSVP area of a meeting's page (templates/meetings/_rsvp.html) and a series' page need.

Owned by the RSVP/attendance part of issue 4. The meeting page calls
`meeting_panel()` once per request; whatever it returns is `panel` inside
_rsvp.html. It runs at most six queries whoever is looking: the counts; the
viewer's answer (and their place on the waiting list); every answer, for the
meeting's managers; the attendance, once the meeting has started.
"""

from __future__ import annotations

from typing import Any

from zone_networks.meetings.attendance_queries import meeting_attendance, series_attendance
from zone_networks.meetings.attendance_services import attendance_refusal
from zone_networks.meetings.models import Meeting, MeetingSeries, is_invitee, signed_in
from zone_networks.meetings.rsvp_forms import RsvpForm
from zone_networks.meetings.rsvp_queries import answers, rsvp_counts, rsvp_of, waitlist_position
from zone_networks.meetings.rsvp_services import refusal
from zone_networks.networks.models import Membership


def meeting_panel(meeting: Meeting, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the RSVP area of the meeting page (answers, seats, waiting list, attendance)."""
    can_manage = meeting.can_manage(viewer, membership)
    invitee = meeting.is_invitee(viewer, membership)
    mine = rsvp_of(meeting.id, viewer.id) if signed_in(viewer) and invitee else None
    reason = refusal(meeting, viewer, membership)
    form = None
    if reason is None:
        form = RsvpForm(formdata=None, data={"rsvp_response": mine.response if mine else None})
    # Attendance is for the network (its members, the secretariat), not for anonymous readers of a public page.
    may_see_attendance = (invitee or can_manage) and attendance_refusal(meeting) is None
    return {
        "meeting": meeting,
        "counts": rsvp_counts(meeting.id) if meeting.status != "draft" else None,
        "mine": mine,
        "position": waitlist_position(mine) if mine is not None and mine.is_waitlisted else None,
        "form": form,
        "reason": reason,
        "signed_in": signed_in(viewer),
        "can_send_substitute": form is not None and viewer.zone is not None,
        "answers": answers(meeting.id) if can_manage and meeting.status != "draft" else None,
        "can_manage": can_manage,
        "attendance": meeting_attendance(meeting.id) if may_see_attendance else None,
        "can_record_attendance": can_manage and attendance_refusal(meeting) is None,
    }


def series_panel(series: MeetingSeries, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the attendance area of a series page (templates/meetings/_series_attendance.html)."""
    if not (is_invitee(viewer, membership, series.network_id) or series.can_manage(viewer, membership)):
        return {"attendance": None}
    return {"attendance": series_attendance(series, viewer), "series": series}
