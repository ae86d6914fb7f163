"""Writes for the agenda: propose an item, accept or decline it, order and time it. Each function commits."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.core import audit
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.papers import StoredPaper, discard_paper


class AgendaError(Exception):
    """A change the agenda refuses, with the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Proposal:
    """What someone proposes: a title, a summary and who presents it (an account or a typed name)."""

    title: str
    summary: str
    presenter_id: int | None
    presenter_name: str


def deadline_refusal(meeting: Meeting, *, manager: bool) -> str | None:
    """Why new items are refused now (None: they are welcome). Managers may still add after the deadline."""
    if meeting.status != "scheduled" and not (manager and meeting.status == "draft"):
        return _("You can only propose agenda items for a scheduled meeting.")
    if not manager and not meeting.papers_open():
        return _("The deadline for agenda items and papers has passed. Contact the network's convenor "
                 "or the secretariat if your item is urgent.")
    return None


def add_item(actor: User, meeting: Meeting, proposal: Proposal, *, manager: bool,
             paper: StoredPaper | None = None) -> AgendaItem:
    """Add a proposed item, with its stored paper (a manager's item is accepted at once, at the end).

    If the item cannot be written, a newly stored paper file is removed again.
    """
    try:
        reason = deadline_refusal(meeting, manager=manager)
        if reason:
            raise AgendaError(reason)
        item = AgendaItem(meeting_id=meeting.id, title=proposal.title, summary=proposal.summary,
                          presenter_id=proposal.presenter_id, presenter_name=proposal.presenter_name,
                          submitted_by_id=actor.id, status="submitted")
        db.session.add(item)
        if manager:
            _accept(actor, item)
        db.session.flush()
        if paper is not None:
            db.session.add(AgendaPaper(item_id=item.id, stored_name=paper.stored_name,
                                       original_name=paper.original_name, content_type=paper.content_type,
                                       size=paper.size, uploaded_by_id=actor.id))
        audit.record(actor, "agenda.item_proposed", "agenda_item", item.id, meeting_id=meeting.id,
                     paper=paper.stored_name if paper else None)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        if paper is not None:
            discard_paper(paper)
        raise
    return item


def _next_position(meeting_id: int) -> int:
    highest = db.session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id,
                                                                            AgendaItem.status == "accepted"))
    return int(highest or 0) + 1


def _accept(actor: User, item: AgendaItem) -> None:
    item.position = _next_position(item.meeting_id)
    item.status = "accepted"
    item.decided_by_id = actor.id
    item.decided_at = utcnow()


def decide(actor: User, item: AgendaItem, accept: bool) -> None:
    """Accept an item (it goes to the end of the agenda) or decline it (it leaves the agenda)."""
    if accept and item.status != "accepted":
        _accept(actor, item)
    elif not accept:
        item.status = "declined"
        item.position = None
        item.decided_by_id = actor.id
        item.decided_at = utcnow()
    audit.record(actor, "agenda.item_accepted" if accept else "agenda.item_declined", "agenda_item", item.id,
                 meeting_id=item.meeting_id)
    db.session.commit()


def move(actor: User, item: AgendaItem, up: bool) -> None:
    """Swap an accepted item with its neighbour above or below."""
    if item.status != "accepted" or item.position is None:
        raise AgendaError(_("Only accepted items can be moved."))
    comparison = AgendaItem.position < item.position if up else AgendaItem.position > item.position
    order = AgendaItem.position.desc() if up else AgendaItem.position
    neighbour = db.session.scalar(
        select(AgendaItem).where(AgendaItem.meeting_id == item.meeting_id, AgendaItem.status == "accepted",
                                 comparison).order_by(order).limit(1))
    if neighbour is None:
        return
    item.position, neighbour.position = neighbour.position, item.position
    audit.record(actor, "agenda.item_moved", "agenda_item", item.id, meeting_id=item.meeting_id,
                 direction="up" if up else "down")
    db.session.commit()


def set_duration(actor: User, item: AgendaItem, minutes: int) -> None:
    """Give an accepted item its time on the agenda."""
    item.duration_minutes = minutes
    audit.record(actor, "agenda.item_timed", "agenda_item", item.id, meeting_id=item.meeting_id, minutes=minutes)
    db.session.commit()
