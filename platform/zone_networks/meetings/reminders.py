"""Reminder emails 24 hours before a meeting, with its agenda, to the people who said yes or maybe.

Who: people whose answer to a *scheduled* meeting is "maybe" or "yes" -
including "yes" on the waiting list, whose email says they are waiting and
should come only if they get a place (they need to know as much as anyone
whether to travel). A substitute someone sent has their own "yes" and is
reminded like anyone else. Not the rest of the network, nobody whose account
is closed, and nobody who is no longer invited (left the network).

When: from 24 hours before the start until the start. Anyone who answers
later in that window is reminded on the next run. If a meeting moves after
its reminder went, the reminder goes again in the new window (a reminder
only counts if it was sent within 24 hours of the meeting's current start).

Exactly once: for each (meeting, person) a run *claims* the reminder by
writing its ReminderSent row - an INSERT ... SELECT that re-checks, in the
same statement, that the meeting is still scheduled and due and the answer is
still yes or maybe; the unique (meeting, person, kind) lets only one run win
(another run, thread or server process gets an IntegrityError and moves on).
A stale row (the meeting moved) is re-claimed with a conditional UPDATE. Both
use RETURNING to learn whether this run wrote the row. The row is committed before the email is sent, so a
crash between the two loses that one email rather than ever sending it twice.
If sending fails (SMTP down), the row is deleted so a later run tries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import and_, delete, exists, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.types import DateTime, Integer, String

from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.core.urls import absolute_url
from zone_networks.extensions import db
from zone_networks.meetings.agenda_models import AgendaItem
from zone_networks.meetings.calendar_models import ReminderSent
from zone_networks.meetings.emails import deliver, meeting_summary
from zone_networks.meetings.labels import meeting_when
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership

KIND = "24h"
LEAD = timedelta(hours=24)
REMINDED_RESPONSES = ("yes", "maybe")


@dataclass
class ReminderRun:
    """What one run did: reminders sent, and those that failed to send (they are retried next run)."""

    sent: int = 0
    failed: int = 0
    sent_to: list[tuple[int, int]] = field(default_factory=list)  # (meeting id, user id)


@dataclass(frozen=True)
class _Due:
    """One reminder to try: the meeting and person (for writing it) and plain values that outlive a commit."""

    meeting: Meeting
    person: User
    answer: str  # yes / maybe / waitlisted
    stale_marker_id: int | None  # a ReminderSent row from before the meeting moved
    meeting_id: int
    user_id: int
    starts_at: datetime


def _invited() -> Any:
    """SQL: the RSVP's person is still invited (staff, or an active member of the meeting's network)."""
    member = exists().where(Membership.user_id == Rsvp.user_id, Membership.network_id == Meeting.network_id,
                            Membership.status == "active")
    return or_(User.is_secretariat.is_(True), User.is_admin.is_(True), member)


def _due_answers(now: datetime) -> list[tuple[Meeting, Rsvp]]:
    """Yes/maybe answers to scheduled meetings starting within the next 24 hours, from people still invited."""
    query = (
        select(Meeting, Rsvp)
        .join(Rsvp, Rsvp.meeting_id == Meeting.id)
        .join(User, User.id == Rsvp.user_id)
        .where(Meeting.status == "scheduled", Meeting.starts_at > now, Meeting.starts_at <= now + LEAD,
               Rsvp.response.in_(REMINDED_RESPONSES), User.active.is_(True), User.deleted_at.is_(None), _invited())
        .order_by(Meeting.starts_at, Meeting.id, Rsvp.id)
    )
    return [(meeting, rsvp) for meeting, rsvp in db.session.execute(query).unique()]


def due_reminders(now: datetime | None = None) -> list[_Due]:
    """The reminders a run should try to send now (three queries, however many there are)."""
    moment = now or utcnow()
    answers = _due_answers(moment)
    if not answers:
        return []
    markers = db.session.scalars(
        select(ReminderSent).where(ReminderSent.meeting_id.in_({meeting.id for meeting, _rsvp in answers}),
                                   ReminderSent.kind == KIND)
    )
    sent = {(marker.meeting_id, marker.user_id): marker for marker in markers}
    due = []
    for meeting, rsvp in answers:
        marker = sent.get((meeting.id, rsvp.user_id))
        if marker is not None and as_utc(marker.sent_at) >= as_utc(meeting.starts_at) - LEAD:
            continue  # already reminded about the meeting as it stands
        answer = "waitlisted" if rsvp.is_waitlisted else rsvp.response
        due.append(_Due(meeting, rsvp.user, answer, marker.id if marker is not None else None,
                        meeting.id, rsvp.user_id, as_utc(meeting.starts_at)))
    return due


def agenda_items(meeting_ids: Sequence[int]) -> dict[int, list[AgendaItem]]:
    """Accepted agenda items of each meeting, in agenda order, with presenters and papers (three queries)."""
    found: dict[int, list[AgendaItem]] = {meeting_id: [] for meeting_id in meeting_ids}
    if not meeting_ids:
        return found
    query = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id.in_(meeting_ids), AgendaItem.status == "accepted")
        .options(selectinload(AgendaItem.presenter), selectinload(AgendaItem.papers))
        .order_by(AgendaItem.meeting_id, AgendaItem.position.is_(None), AgendaItem.position, AgendaItem.id)
    )
    for item in db.session.scalars(query):
        found[item.meeting_id].append(item)
    return found


def _still_due(meeting_id: int, user_id: int, now: datetime) -> Any:
    """SQL, checked in the claiming statement itself: the meeting is still due and the answer still yes/maybe."""
    meeting_due = exists().where(Meeting.id == meeting_id, Meeting.status == "scheduled", Meeting.starts_at > now,
                                 Meeting.starts_at <= now + LEAD)
    answered = exists().where(Rsvp.meeting_id == meeting_id, Rsvp.user_id == user_id,
                              Rsvp.response.in_(REMINDED_RESPONSES))
    return and_(meeting_due, answered)


def _claim(item: _Due, now: datetime) -> bool:
    """Write this reminder's ReminderSent row and commit; True if this run won it and must send it."""
    meeting_id, user_id = item.meeting_id, item.user_id
    try:
        if item.stale_marker_id is None:
            chosen = select(literal(meeting_id, Integer), literal(user_id, Integer), literal(KIND, String),
                            literal(now, DateTime(timezone=True))).where(_still_due(meeting_id, user_id, now))
            statement: Any = insert(ReminderSent).from_select(["meeting_id", "user_id", "kind", "sent_at"], chosen)
            statement = statement.returning(ReminderSent.id)
        else:
            window_start = item.starts_at - LEAD
            statement = (
                update(ReminderSent)
                .where(ReminderSent.id == item.stale_marker_id, ReminderSent.sent_at < window_start,
                       _still_due(meeting_id, user_id, now))
                .values(sent_at=now)
                .returning(ReminderSent.id)
                .execution_options(synchronize_session=False)
            )
        # RETURNING, not rowcount: the row tells us we wrote it (PostgreSQL reports -1 for an ORM INSERT ... SELECT).
        won = db.session.execute(statement).first() is not None
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # another run claimed it first
        return False
    return won


def _release(item: _Due) -> None:
    """Forget a claimed reminder whose email could not be sent, so a later run tries again."""
    db.session.execute(
        delete(ReminderSent)
        .where(ReminderSent.meeting_id == item.meeting_id, ReminderSent.user_id == item.user_id,
               ReminderSent.kind == KIND)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _answer_line(answer: str) -> str:
    if answer == "waitlisted":
        return _("You are on the waiting list. Please come only if we email you to say you have a place.")
    if answer == "maybe":
        return _("You said you might come. Please change your answer to yes or no if you know now.")
    return _("You said you will come.")


def _agenda_text(items: list[AgendaItem]) -> str:
    if not items:
        return _("The agenda has not been published yet. Check the meeting page for updates.")
    lines = [_("Agenda:")]
    for number, item in enumerate(items, start=1):
        line = f"{number}. {' '.join(item.title.split())}"
        if item.presenter_label:
            line += f" ({item.presenter_label})"
        if item.duration_minutes:
            line += " - " + ngettext("%(num)d minute", "%(num)d minutes", item.duration_minutes)
        lines.append(line)
        if item.papers:
            names = ", ".join(paper.original_name for paper in item.papers)
            lines.append("   " + _("Papers: %(names)s", names=names))
    return "\n".join(lines)


def write_reminder(meeting: Meeting, person: User, answer: str, items: list[AgendaItem]) -> tuple[str, str]:
    """The reminder's subject and body (call in the recipient's language)."""
    subject = _("Reminder: %(title)s, %(when)s", title=" ".join(meeting.title.split()), when=meeting_when(meeting))
    body = _(
        "Hello %(name)s,\n\nThis is a reminder about the %(network)s meeting \"%(title)s\".\n\n%(summary)s\n\n"
        "%(answer)s\n\n%(agenda)s\n\nThe meeting page has the papers, the link to join if the meeting is online, "
        "and your answer, which you can change:\n%(link)s\n\nZone Networks",
        name=person.name, network=meeting.network.name, title=" ".join(meeting.title.split()),
        summary=meeting_summary(meeting), answer=_answer_line(answer), agenda=_agenda_text(items),
        link=absolute_url("meetings.show", meeting_id=meeting.id),
    )
    return subject, body


def send_due(now: datetime | None = None) -> ReminderRun:
    """Send every reminder that is due and not yet sent (safe to run repeatedly and at the same time)."""
    moment = (now or utcnow()).replace(microsecond=0)
    due = due_reminders(moment)
    run = ReminderRun()
    if not due:
        return run
    agendas = agenda_items(sorted({item.meeting_id for item in due}))
    # Write every email before claiming any: a commit expires the loaded objects.
    letters = [(item, item.person.email, _render(item, agendas.get(item.meeting_id, []))) for item in due]
    for item, address, (subject, body) in letters:
        if not _claim(item, moment):
            continue
        if deliver(address, subject, body):
            run.sent += 1
            run.sent_to.append((item.meeting_id, item.user_id))
        else:
            run.failed += 1
            _release(item)
    if run.failed:
        current_app.logger.warning("%d reminder(s) could not be sent; they will be retried", run.failed)
    return run


def _render(item: _Due, items: list[AgendaItem]) -> tuple[str, str]:
    with force_locale(item.person.language or "en"):
        return write_reminder(item.meeting, item.person, item.answer, items)
