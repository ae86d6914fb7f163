"""Reads for action items: a meeting's actions, someone's open actions, and a network's filtered action log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from zone_networks.core.pagination import Page, paginate
from zone_networks.extensions import db
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.queries import visible_to
from zone_networks.zones.models import Zone


def _with_people(statement: Select[Any]) -> Select[Any]:
    return statement.options(selectinload(ActionItem.owner), selectinload(ActionItem.owner_zone))


def meeting_actions(meeting_id: int) -> list[ActionItem]:
    """The actions recorded at a meeting, in the order they were recorded."""
    statement = _with_people(select(ActionItem).where(ActionItem.meeting_id == meeting_id).order_by(ActionItem.id))
    return list(db.session.scalars(statement))


def action_in(meeting_id: int, action_id: int) -> ActionItem | None:
    """One action of the meeting, or None."""
    return db.session.scalar(select(ActionItem).where(ActionItem.id == action_id,
                                                      ActionItem.meeting_id == meeting_id))


def my_open_actions(viewer: Any) -> list[ActionItem]:
    """The viewer's open actions from meetings they may still see, soonest due first."""
    statement = (
        select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.owner_id == viewer.id, ActionItem.status == "open", visible_to(viewer))
        .options(selectinload(ActionItem.meeting))
        .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
    )
    return list(db.session.scalars(statement).unique())


@dataclass
class LogFilters:
    """The action log's filters (each None when not applied)."""

    zone_id: int | None = None
    status: str | None = None
    meeting_id: int | None = None


def action_log(network_id: int, viewer: Any, filters: LogFilters, page: int) -> Page[ActionItem]:
    """One page of the network's actions (from meetings the viewer may see), newest meeting first."""
    conditions = [ActionItem.network_id == network_id, visible_to(viewer)]
    if filters.zone_id is not None:
        conditions.append(ActionItem.owner_zone_id == filters.zone_id)
    if filters.status is not None:
        conditions.append(ActionItem.status == filters.status)
    if filters.meeting_id is not None:
        conditions.append(ActionItem.meeting_id == filters.meeting_id)
    base = select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id).where(*conditions)
    statement = _with_people(base).options(selectinload(ActionItem.meeting)).order_by(
        Meeting.starts_at.desc(), ActionItem.id)
    count = (select(func.count(ActionItem.id)).select_from(ActionItem)
             .join(Meeting, ActionItem.meeting_id == Meeting.id).where(*conditions))
    return paginate(statement, page, count_query=count)


def log_meetings(network_id: int, viewer: Any) -> list[Meeting]:
    """The network's meetings that have actions (for the meeting filter), newest first."""
    statement = (select(Meeting).where(Meeting.network_id == network_id, visible_to(viewer),
                                       Meeting.id.in_(select(ActionItem.meeting_id)
                                                      .where(ActionItem.network_id == network_id)))
                 .order_by(Meeting.starts_at.desc(), Meeting.id.desc()))
    return list(db.session.scalars(statement).unique())


def log_zones(network_id: int) -> list[Zone]:
    """The zones that own actions in the network (for the zone filter), by name."""
    statement = select(Zone).where(Zone.id.in_(select(ActionItem.owner_zone_id)
                                               .where(ActionItem.network_id == network_id))).order_by(Zone.name)
    return list(db.session.scalars(statement))
