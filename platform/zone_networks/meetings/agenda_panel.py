"""What the agenda area of a meeting's page (templates/meetings/_agenda.html) needs.

Owned by the agenda/minutes/actions part of issue 4. The meeting page calls
`meeting_panel()` once per request; whatever it returns is `panel` inside
_agenda.html: matters arising (open actions from earlier meetings), the agenda
(accepted items with start times, presenters and papers), items waiting for a
decision (managers, and each proposer for their own) and whether the viewer
may propose one. At most four queries: items, their presenters, their papers,
matters arising.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from zone_networks.core.clock import as_utc
from zone_networks.meetings.agenda_models import AgendaItem
from zone_networks.meetings.agenda_queries import agenda_items, matters_arising
from zone_networks.meetings.agenda_services import deadline_refusal
from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.models import Meeting, signed_in
from zone_networks.networks.models import Membership


@dataclass
class Slot:
    """An accepted item with its start time (None when an earlier item has no time yet)."""

    item: AgendaItem
    starts_at: datetime | None
    first: bool
    last: bool


def schedule(meeting: Meeting, accepted: list[AgendaItem]) -> list[Slot]:
    """Start times for the accepted items, counted from the meeting's start."""
    slots = []
    start: datetime | None = None if meeting.all_day else as_utc(meeting.starts_at)
    for index, item in enumerate(accepted):
        slots.append(Slot(item, start, index == 0, index == len(accepted) - 1))
        if start is not None and item.duration_minutes:
            start = start + timedelta(minutes=item.duration_minutes)
        else:
            start = None
    return slots


def meeting_panel(meeting: Meeting, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the agenda area of the meeting page."""
    manager = meeting.can_manage(viewer, membership)
    invitee = meeting.is_invitee(viewer, membership)
    items = agenda_items(meeting.id) if meeting.status != "draft" or manager else []
    accepted = [item for item in items if item.status == "accepted"]
    viewer_id = getattr(viewer, "id", None) if signed_in(viewer) else None
    pending = [item for item in items if item.status != "accepted"
               and (manager or (viewer_id is not None and item.submitted_by_id == viewer_id))]
    may_propose = manager or meeting.can_submit_agenda_item(viewer, membership)
    refusal = None
    if invitee and not may_propose and meeting.status == "scheduled":
        refusal = deadline_refusal(meeting, manager=False)
    return {
        "meeting": meeting,
        "slots": schedule(meeting, accepted),
        "pending": pending,
        "matters": matters_arising(meeting, viewer) if invitee or manager else [],
        "may_propose": may_propose and meeting.status in ("scheduled", "draft"),
        "refusal": refusal,
        "manager": manager,
        "confirm": ConfirmForm() if manager else None,
    }
