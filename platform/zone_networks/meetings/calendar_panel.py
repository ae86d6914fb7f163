"""What the calendar area of a meeting's page (templates/meetings/_calendar_links.html) needs.

Owned by the calendars part of issue 4: the .ics download, the whole series
for invitees, and the way to the Calendar page (feeds). No queries: everything
comes from the meeting and the viewer's membership the page has loaded.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from zone_networks.meetings.models import Meeting, signed_in
from zone_networks.networks.models import Membership


def meeting_panel(meeting: Meeting, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Links for the calendar area: this meeting's .ics, its series' .ics (invitees), and the Calendar page."""
    invitee = meeting.is_invitee(viewer, membership)
    return {
        "meeting_ics": url_for("meetings.meeting_ics", meeting_id=meeting.id),
        # An invitee may see the series (MeetingSeries.can_view), so the link never leads to a 404.
        "series_ics": url_for("meetings.series_ics", series_id=meeting.series_id)
        if meeting.series_id is not None and invitee else None,
        "calendar_page": url_for("meetings.calendar_settings") if signed_in(viewer) else None,
    }
