"""Reads for the agenda: a meeting's items (with presenters and papers), matters arising, presenter choices."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.agenda_models import AgendaItem
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.queries import visible_to
from zone_networks.networks.models import Membership


def agenda_items(meeting_id: int) -> list[AgendaItem]:
    """Every item of a meeting: accepted ones in agenda order, then the rest oldest first."""
    statement = (
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        .options(selectinload(AgendaItem.presenter), selectinload(AgendaItem.papers))
        .order_by(AgendaItem.position.is_(None), AgendaItem.position, AgendaItem.id)
    )
    return list(db.session.scalars(statement))


def item_of(meeting_id: int, item_id: int) -> AgendaItem | None:
    """One item of the meeting, or None."""
    return db.session.scalar(select(AgendaItem).where(AgendaItem.id == item_id,
                                                      AgendaItem.meeting_id == meeting_id))


def matters_arising(meeting: Meeting, viewer: Any) -> list[ActionItem]:
    """Open actions from earlier meetings of the same series (one-off meetings: of the same network)."""
    earlier = Meeting.starts_at < meeting.starts_at
    if meeting.series_id is not None:
        scope = Meeting.series_id == meeting.series_id
    else:
        scope = Meeting.network_id == meeting.network_id
    statement = (
        select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.status == "open", ActionItem.meeting_id != meeting.id, scope, earlier,
               visible_to(viewer))
        .options(selectinload(ActionItem.owner), selectinload(ActionItem.owner_zone),
                 selectinload(ActionItem.meeting))
        .order_by(Meeting.starts_at, ActionItem.id)
    )
    return list(db.session.scalars(statement).unique())


def presenter_choices(network_id: int) -> list[User]:
    """The network's active members, by name (people who may present an item)."""
    statement = (
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.network_id == network_id, Membership.status == "active", User.active.is_(True),
               User.deleted_at.is_(None))
        .order_by(User.name, User.id)
    )
    return list(db.session.scalars(statement).unique())
