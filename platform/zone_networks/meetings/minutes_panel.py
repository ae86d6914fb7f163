"""What the minutes area of a meeting's page (templates/meetings/_minutes.html) needs.

Owned by the agenda/minutes/actions part of issue 4. Whatever `meeting_panel()`
returns is `panel` inside _minutes.html. Published minutes of a public meeting
show here to anyone who can see the meeting, signed in or not. At most five
queries: the minutes, whether the viewer attended, the latest text, comments
and their authors.
"""

from __future__ import annotations

from typing import Any

from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.minutes_forms import CommentForm
from zone_networks.meetings.minutes_queries import comments_on, is_attendee, latest_version, minutes_for
from zone_networks.meetings.minutes_rules import can_comment, can_read
from zone_networks.meetings.models import Meeting
from zone_networks.networks.models import Membership

NEXT_STEP = {"draft": "circulate", "circulated": "agree", "agreed": "publish"}


def meeting_panel(meeting: Meeting, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the minutes area of the meeting page."""
    manager = meeting.can_manage(viewer, membership)
    minutes = minutes_for(meeting.id)
    if minutes is None:
        return {"meeting": meeting, "manager": manager, "minutes": None, "readable": False}
    attendee = False if manager or minutes.status in ("draft", "published") else is_attendee(meeting, viewer)
    readable = can_read(minutes, manager=manager, attendee=attendee)
    commenting = can_comment(minutes, manager=manager, attendee=attendee)
    show_comments = readable and (manager or commenting)
    return {
        "meeting": meeting,
        "manager": manager,
        "minutes": minutes,
        "readable": readable,
        "version": latest_version(minutes.id) if readable else None,
        "comments": comments_on(minutes.id) if show_comments else [],
        "comment_form": CommentForm(formdata=None) if commenting else None,
        "next_step": NEXT_STEP.get(minutes.status) if manager else None,
        "confirm": ConfirmForm() if manager else None,
    }
