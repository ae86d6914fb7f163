"""Writes for action items: record one at a meeting, change its status. Each function commits."""

from __future__ import annotations

from datetime import date

from zone_networks.accounts.models import User
from zone_networks.core import audit
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.meetings.action_models import ACTION_STATUSES, ActionItem
from zone_networks.meetings.models import Meeting


def add_action(actor: User, meeting: Meeting, description: str, owner: User, due: date | None) -> ActionItem:
    """Record an action at the meeting; the owner's zone is kept as it is today."""
    zone = owner.zone
    action = ActionItem(meeting_id=meeting.id, network_id=meeting.network_id, description=description,
                        owner_id=owner.id, owner_zone_id=zone.id if zone is not None else None, due_date=due,
                        status="open", created_by_id=actor.id)
    db.session.add(action)
    db.session.flush()
    audit.record(actor, "action.created", "action_item", action.id, meeting_id=meeting.id, owner_id=owner.id)
    db.session.commit()
    return action


def set_status(actor: User, action: ActionItem, status: str) -> None:
    """Mark an action open, done or dropped."""
    if status not in ACTION_STATUSES:
        raise ValueError(status)
    if status == action.status:
        return
    previous = action.status
    action.status = status
    action.completed_at = utcnow() if status == "done" else None
    audit.record(actor, "action.status_changed", "action_item", action.id, previous=previous, status=status)
    db.session.commit()
