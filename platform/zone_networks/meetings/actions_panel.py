"""What the actions area of a meeting's page (templates/meetings/_actions.html) needs.

Owned by the agenda/minutes/actions part of issue 4. Whatever `meeting_panel()`
returns is `panel` inside _actions.html (the actions recorded at this meeting).
Actions name people, so they are for the network's invitees and managers only
(not anonymous readers of a public meeting). At most three queries.
"""

from __future__ import annotations

from typing import Any

from zone_networks.meetings.actions_queries import meeting_actions
from zone_networks.meetings.models import Meeting
from zone_networks.networks.models import Membership


def meeting_panel(meeting: Meeting, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the actions area of the meeting page."""
    manager = meeting.can_manage(viewer, membership)
    if not (manager or meeting.is_invitee(viewer, membership)):
        return {}
    return {
        "meeting": meeting,
        "manager": manager,
        "actions": meeting_actions(meeting.id),
        "viewer_id": getattr(viewer, "id", None),
    }
