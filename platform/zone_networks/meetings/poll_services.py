"""Date polls: start one, answer it, and turn the chosen option into a scheduled meeting (or close it).

Every change to a poll's answers or status runs under the poll's row lock
(PostgreSQL `SELECT ... FOR UPDATE`; SQLite `BEGIN IMMEDIATE`) with the RSVP
part's bounded retries (`rsvp_locking.run_locked`), so an answer saved while
the organiser schedules the meeting either lands before the poll closes or is
refused, and two organisers choosing at once make one meeting, not two.
Emails go out only after the commit.

Rule breaches raise PollRuleError(field, message): the message is safe to show
and `field` names the form field it belongs to ("" for the poll as a whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import as_utc, to_london, utcnow
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.poll_emails import send_scheduled
from zone_networks.meetings.poll_models import POLL_ANSWERS, DatePoll, PollOption, PollVote
from zone_networks.meetings.queries import membership_in
from zone_networks.meetings.rsvp_locking import run_locked
from zone_networks.meetings.services import MeetingDetails, MeetingRuleError, add_meeting, validate
from zone_networks.networks.models import Network

MIN_OPTIONS = 2
MAX_OPTIONS = 20


class PollRuleError(Exception):
    """A poll, answer or choice the rules do not allow; nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Slot:
    """One proposed time, in UTC (all-day: London midnight to the next London midnight)."""

    starts_at: datetime
    ends_at: datetime
    all_day: bool = False

    @property
    def first_day(self) -> date:
        """The UK date the slot starts on."""
        return to_london(self.starts_at).date()


@dataclass
class PollDetails:
    """What the organiser proposes: the meeting's title and details, and the options."""

    title: str
    slots: list[Slot]
    description: str = ""
    answer_by: datetime | None = None
    format: str = "in_person"
    venue: str = ""
    join_link: str = ""
    capacity: int | None = None
    is_public: bool = False


@dataclass(frozen=True)
class Scheduled:
    """The meeting made from a poll, and how many people who answered were emailed about it."""

    meeting: Meeting
    emailed: int = 0


@dataclass(frozen=True)
class Answered:
    """How many of a person's answers changed (0 when they saved the same answers again)."""

    changed: int
    first_time: bool = False


def _meeting_details(details: PollDetails, slot: Slot) -> MeetingDetails:
    return MeetingDetails(
        title=details.title, description=details.description, starts_at=slot.starts_at, ends_at=slot.ends_at,
        all_day=slot.all_day, format=details.format, venue=details.venue, join_link=details.join_link,
        capacity=details.capacity, is_public=details.is_public, status="scheduled",
    )


def _clean(details: PollDetails) -> PollDetails:
    details.title = details.title.strip()
    details.description = details.description.strip()
    details.venue = details.venue.strip() if details.format != "online" else ""
    details.join_link = details.join_link.strip() if details.format != "in_person" else ""
    return details


def validate_poll(details: PollDetails, *, now: datetime | None = None) -> None:
    """Check a proposal; raise PollRuleError for the first problem."""
    moment = now or utcnow()
    if not MIN_OPTIONS <= len(details.slots) <= MAX_OPTIONS:
        raise PollRuleError("option1_date", _("Enter between %(low)d and %(high)d options", low=MIN_OPTIONS,
                                              high=MAX_OPTIONS))
    seen: set[tuple[datetime, datetime]] = set()
    for number, slot in enumerate(details.slots, start=1):
        where = f"option{number}_date"
        if as_utc(slot.ends_at) <= as_utc(slot.starts_at):
            raise PollRuleError(f"option{number}_end", _("Option %(number)d must end after it starts", number=number))
        if as_utc(slot.starts_at) <= moment:
            raise PollRuleError(where, _("Option %(number)d must be in the future", number=number))
        key = (as_utc(slot.starts_at), as_utc(slot.ends_at))
        if key in seen:
            raise PollRuleError(where, _("Option %(number)d is the same as an earlier option", number=number))
        seen.add(key)
    try:  # the meeting the poll will make must be a valid meeting (title, format, venue, link, places)
        validate(_meeting_details(details, details.slots[0]), now=moment)
    except MeetingRuleError as error:
        raise PollRuleError(error.field, error.message) from error


def create_poll(actor: User, network: Network, details: PollDetails) -> DatePoll:
    """Start a poll for `network` with the proposed options; audit it and commit."""
    _clean(details)
    validate_poll(details)
    poll = DatePoll(
        network_id=network.id, network=network, title=details.title, description=details.description,
        status="open", answer_by=details.answer_by, format=details.format, venue=details.venue,
        join_link=details.join_link, capacity=details.capacity, is_public=details.is_public,
        created_by_id=actor.id,
    )
    db.session.add(poll)
    db.session.flush()
    ordered = sorted(details.slots, key=lambda slot: (as_utc(slot.starts_at), as_utc(slot.ends_at)))
    db.session.add_all(PollOption(poll_id=poll.id, starts_at=slot.starts_at, ends_at=slot.ends_at,
                                  all_day=slot.all_day, is_chosen=False) for slot in ordered)
    record(actor, "poll.created", "poll", poll.id, network=network.slug, title=poll.title, options=len(ordered))
    db.session.commit()
    return poll


def _lock_poll(poll_id: int) -> DatePoll:
    """Start the locked transaction and return the poll as it is now (PollRuleError if it has gone)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        if raw is not None and not raw.in_transaction:  # see rsvp_locking.lock_meeting
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    query = (
        select(DatePoll)
        .where(DatePoll.id == poll_id)
        .with_for_update(of=DatePoll)
        .execution_options(populate_existing=True)
    )
    poll = db.session.scalars(query).unique().first()
    if poll is None:
        raise PollRuleError("", _("This poll no longer exists."))
    return poll


def _open_poll(poll_id: int) -> DatePoll:
    poll = _lock_poll(poll_id)
    if not poll.is_open:
        raise PollRuleError("", _("This poll has closed, so it can no longer be changed."))
    return poll


def _options(poll: DatePoll) -> list[PollOption]:
    query = select(PollOption).where(PollOption.poll_id == poll.id).order_by(PollOption.starts_at, PollOption.id)
    return list(db.session.scalars(query))


def save_answers(voter: User, poll_id: int, answers: dict[int, str]) -> Answered:
    """Record `voter`'s yes / if need be / no for every option of an open poll (replacing earlier answers)."""

    def work() -> Answered:
        poll = _open_poll(poll_id)
        if not poll.can_vote(voter, membership_in(voter, poll.network_id)):
            raise PollRuleError("", _("Only members of the network can answer this poll."))
        option_ids = {option.id for option in _options(poll)}
        if set(answers) != option_ids or any(answer not in POLL_ANSWERS for answer in answers.values()):
            raise PollRuleError("", _("Answer yes, if need be or no for every option."))
        query = select(PollVote).where(PollVote.user_id == voter.id, PollVote.option_id.in_(option_ids))
        existing = {vote.option_id: vote for vote in db.session.scalars(query).unique()}
        changed = 0
        for option_id, answer in answers.items():
            vote = existing.get(option_id)
            if vote is None:
                db.session.add(PollVote(option_id=option_id, user_id=voter.id, answer=answer))
                changed += 1
            elif vote.answer != answer:
                vote.answer = answer
                vote.updated_at = utcnow()
                changed += 1
        return Answered(changed, first_time=not existing)

    return run_locked(work)


def _voters(poll: DatePoll, *, leave_out: User) -> list[User]:
    """Active people who answered the poll (except `leave_out`), by name."""
    answered = select(PollVote.user_id).join(PollOption).where(PollOption.poll_id == poll.id)
    query = select(User).where(User.id.in_(answered), User.active.is_(True), User.id != leave_out.id) \
        .order_by(User.id)
    return list(db.session.scalars(query).unique())


def schedule_from_poll(actor: User, poll_id: int, option_id: int) -> Scheduled:
    """Turn the chosen option into a scheduled meeting and close the poll; then email everyone who answered."""

    def work() -> tuple[Meeting, list[User]]:
        poll = _open_poll(poll_id)
        if not poll.can_manage(actor, membership_in(actor, poll.network_id)):
            raise PollRuleError("", _("Only the secretariat and the network's convenors can schedule the meeting."))
        option = next((item for item in _options(poll) if item.id == option_id), None)
        if option is None:
            raise PollRuleError("option", _("Choose one of the poll's options"))
        if as_utc(option.starts_at) <= utcnow():
            raise PollRuleError("option", _("That option has already started. Choose a later one or close the poll."))
        slot = Slot(option.starts_at, option.ends_at, option.all_day)
        details = PollDetails(title=poll.title, slots=[slot], description=poll.description, format=poll.format,
                              venue=poll.venue, join_link=poll.join_link, capacity=poll.capacity,
                              is_public=poll.is_public)
        try:
            meeting = add_meeting(actor, poll.network, _meeting_details(details, slot))
        except MeetingRuleError as error:
            raise PollRuleError("option", error.message) from error
        option.is_chosen = True
        poll.status = "closed"
        poll.closed_at = utcnow()
        poll.closed_by_id = actor.id
        poll.meeting_id = meeting.id
        record(actor, "poll.scheduled", "poll", poll.id, network=poll.network.slug, title=poll.title,
               option_id=option.id, meeting_id=meeting.id, starts_at=as_utc(option.starts_at).isoformat())
        return meeting, _voters(poll, leave_out=actor)

    meeting, voters = run_locked(work)
    emailed = sum(1 for person in voters if send_scheduled(person, meeting))
    return Scheduled(meeting, emailed)


def close_poll(actor: User, poll_id: int) -> DatePoll:
    """Close an open poll without scheduling a meeting; audit it and commit."""

    def work() -> DatePoll:
        poll = _open_poll(poll_id)
        if not poll.can_manage(actor, membership_in(actor, poll.network_id)):
            raise PollRuleError("", _("Only the secretariat and the network's convenors can close this poll."))
        poll.status = "closed"
        poll.closed_at = utcnow()
        poll.closed_by_id = actor.id
        record(actor, "poll.closed", "poll", poll.id, network=poll.network.slug, title=poll.title)
        return poll

    return run_locked(work)
