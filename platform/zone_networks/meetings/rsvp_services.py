"""Answering a meeting: yes / no / maybe, the waiting list, promotion, and sending a substitute.

The rules (every change runs under the meeting's lock, see rsvp_locking):

- **Seats.** A "yes" takes a seat if one is free (`capacity` is None, or
  `seats_taken < capacity`), otherwise it joins the end of the waiting list
  (ordered by the time it joined, then by id). `Meeting.seats_taken` is always
  the number of confirmed yeses and only this module changes it.
- **Withdrawing.** Changing a confirmed "yes" to "no" or "maybe" frees the seat
  and, in the same transaction, the first person on the waiting list takes it
  (as many as there are free seats). They are emailed after the commit.
  Leaving the waiting list just removes you from it. Saying "yes" again when
  you already said yes changes nothing (you keep your seat or your place).
- **Lowering the capacity** (meetings-core's edit form) never takes a seat
  from anyone who has one: `seats_taken` may exceed `capacity` for a while, new
  yeses wait, and withdrawals promote no one until the count is below the new
  capacity again. Raising it lets the waiting list in on the next RSVP change
  (or at once if meetings-core calls `fill_free_seats`).
- **Substitutes.** A person may send one active colleague from the same zone
  who is also invited to the meeting (see rsvp_queries.substitute_choices).
  Their own answer becomes "no", recording whom they sent; the substitute's
  answer becomes "yes" and takes the sender's place: the sender's seat passes
  straight to them (the count does not change, so no one can take it in
  between); a sender on the waiting list passes on their place in the queue
  (the substitute keeps the earlier of the two places if already waiting); a
  sender without a "yes" gives nothing to pass on, so the substitute's "yes"
  is handled like anyone's. If the substitute already had a seat, the sender's
  seat is freed for the waiting list. The substitute is emailed and can change
  the answer like anyone else. Answering again yourself clears the substitute
  from your answer (theirs stays as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, signed_in
from zone_networks.meetings.queries import membership_in
from zone_networks.meetings.rsvp_emails import email_promoted, email_substitute
from zone_networks.meetings.rsvp_locking import lock_meeting, run_locked
from zone_networks.meetings.rsvp_models import RSVP_RESPONSES, Rsvp
from zone_networks.meetings.rsvp_queries import first_waiting, rsvp_of, substitute_choices, waitlist_position
from zone_networks.networks.models import Membership


class RsvpError(Exception):
    """The answer cannot be given (meeting not open for answers, not invited, bad substitute); nothing written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RsvpResult:
    """What an answer did: the answer now, its place in the queue, and who got a seat because of it."""

    rsvp: Rsvp
    changed: bool
    position: int | None = None  # on the waiting list
    promoted: list[Rsvp] = field(default_factory=list)
    substitute_rsvp: Rsvp | None = None  # the substitute's answer, when one was sent
    substitute_position: int | None = None
    emails_sent: int = 0


def refusal(meeting: Meeting, user: Any, membership: Membership | None,
            now: datetime | None = None) -> str | None:
    """Why `user` may not answer the meeting now, in words; None if they may."""
    if meeting.can_rsvp(user, membership, now):
        return None
    if meeting.status == "draft":
        return _("People can reply once the meeting is scheduled.")
    if meeting.status == "cancelled":
        return _("This meeting has been cancelled, so you cannot reply.")
    if meeting.status == "held" or meeting.has_ended(now):
        return _("This meeting has ended, so you can no longer reply.")
    if not signed_in(user):
        return _("Sign in to say whether you will come.")
    return _("Only members of the %(network)s can reply.", network=meeting.network.name)


def _take_seat(meeting: Meeting) -> bool:
    """Take one seat if one is free; the WHERE clause makes over-booking impossible whatever the caller read."""
    result = db.session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id,
               or_(Meeting.capacity.is_(None), Meeting.seats_taken < Meeting.capacity))
        .values(seats_taken=Meeting.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    taken = getattr(result, "rowcount", 0) == 1
    if taken:
        set_committed_value(meeting, "seats_taken", meeting.seats_taken + 1)
    return taken


def _free_seat(meeting: Meeting) -> None:
    db.session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.seats_taken > 0)
        .values(seats_taken=Meeting.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(meeting, "seats_taken", max(0, meeting.seats_taken - 1))


def _has_free_seat(meeting: Meeting) -> bool:
    return meeting.capacity is None or meeting.seats_taken < meeting.capacity


def _answer(meeting: Meeting, user_id: int) -> Rsvp:
    """The person's answer row, locked with the meeting; a new one (not yet an answer) if they have none."""
    rsvp = rsvp_of(meeting.id, user_id)
    if rsvp is None:
        rsvp = Rsvp(meeting_id=meeting.id, user_id=user_id, response="no")
        db.session.add(rsvp)
    return rsvp


def _say_yes(meeting: Meeting, rsvp: Rsvp, now: datetime) -> None:
    """Make `rsvp` a yes: a seat if one is free, else the end of the waiting list."""
    rsvp.response = "yes"
    rsvp.substitute_user_id = None
    if _take_seat(meeting):
        rsvp.status, rsvp.waitlisted_at = "confirmed", None
    else:
        rsvp.status, rsvp.waitlisted_at = "waitlisted", now


def _say_not_yes(meeting: Meeting, rsvp: Rsvp, response: str) -> None:
    if rsvp.is_confirmed:
        _free_seat(meeting)
    rsvp.response, rsvp.status, rsvp.waitlisted_at = response, None, None


def _fill(meeting: Meeting) -> list[Rsvp]:
    """Give free seats to the waiting list, first come first served; return who got one."""
    promoted: list[Rsvp] = []
    while _has_free_seat(meeting):
        waiting = first_waiting(meeting.id)
        if waiting is None or not _take_seat(meeting):
            break
        waiting.status, waiting.waitlisted_at = "confirmed", None
        db.session.flush()
        promoted.append(waiting)
    return promoted


def _open_meeting(meeting_id: int, actor: User, now: datetime | None) -> Meeting:
    """Lock the meeting and check, under the lock, that `actor` may still answer it."""
    meeting = lock_meeting(meeting_id)
    if meeting is None:
        raise RsvpError(_("This meeting no longer exists."))
    reason = refusal(meeting, actor, membership_in(actor, meeting.network_id), now)
    if reason:
        raise RsvpError(reason)
    return meeting


def _email_promoted(meeting_id: int, promoted: list[Rsvp]) -> int:
    if not promoted:
        return 0
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:  # pragma: no cover (deleted in the instant after the commit)
        return 0
    return sum(1 for rsvp in promoted if email_promoted(rsvp.user, meeting))


def respond(actor: User, meeting_id: int, response: str, *, now: datetime | None = None) -> RsvpResult:
    """Record `actor`'s yes / no / maybe; promote from the waiting list if a seat was freed; email after commit."""
    if response not in RSVP_RESPONSES:
        raise RsvpError(_("Select yes, no or maybe"))

    def work() -> RsvpResult:
        meeting = _open_meeting(meeting_id, actor, now)
        moment = now or utcnow()  # read under the lock, so the waiting list's order is the order of the commits
        rsvp = _answer(meeting, actor.id)
        is_new = rsvp.id is None
        if response == "yes" and rsvp.response == "yes" and not is_new:
            return RsvpResult(rsvp, changed=False, position=waitlist_position(rsvp))
        if not is_new and rsvp.response == response and rsvp.substitute_user_id is None:
            return RsvpResult(rsvp, changed=False)
        if response == "yes":
            _say_yes(meeting, rsvp, moment)
        else:
            _say_not_yes(meeting, rsvp, response)
            rsvp.substitute_user_id = None
        db.session.flush()
        promoted = _fill(meeting)
        return RsvpResult(rsvp, changed=True, position=waitlist_position(rsvp), promoted=promoted)

    result = run_locked(work)
    result.emails_sent = _email_promoted(meeting_id, result.promoted)
    return result


def _pass_place(meeting: Meeting, mine: Rsvp, theirs: Rsvp, moment: datetime) -> None:
    """Make the sender's answer a no and give their seat or queue place to the substitute (see the module docstring)."""
    had_seat, queued_at = mine.is_confirmed, (mine.waitlisted_at if mine.is_waitlisted else None)
    mine.response, mine.status, mine.waitlisted_at = "no", None, None
    if theirs.is_confirmed:
        if had_seat:
            _free_seat(meeting)
        return
    if had_seat:  # the seat changes hands; seats_taken stays the same
        theirs.response, theirs.status, theirs.waitlisted_at = "yes", "confirmed", None
    elif queued_at is not None and theirs.is_waitlisted and theirs.waitlisted_at is not None:
        theirs.waitlisted_at = min(as_utc(theirs.waitlisted_at), as_utc(queued_at))
    elif queued_at is not None:
        theirs.response, theirs.status, theirs.waitlisted_at = "yes", "waitlisted", queued_at
    elif not theirs.is_waitlisted:
        _say_yes(meeting, theirs, moment)
    theirs.substitute_user_id = None


def send_substitute(actor: User, meeting_id: int, substitute_id: int, *,
                    now: datetime | None = None) -> RsvpResult:
    """`actor` cannot come and sends `substitute_id` from their zone in their place; both answers change together."""

    def work() -> RsvpResult:
        meeting = _open_meeting(meeting_id, actor, now)
        moment = now or utcnow()  # under the lock (see respond)
        substitute = next((person for person in substitute_choices(meeting, actor) if person.id == substitute_id),
                          None)
        if substitute is None:
            raise RsvpError(_("Choose someone from your zone who is a member of the %(network)s",
                                network=meeting.network.name))
        mine = _answer(meeting, actor.id)
        theirs = _answer(meeting, substitute.id)
        _pass_place(meeting, mine, theirs, moment)
        mine.substitute_user_id = substitute.id
        db.session.flush()
        promoted = _fill(meeting)
        return RsvpResult(mine, changed=True, promoted=promoted, substitute_rsvp=theirs,
                          substitute_position=waitlist_position(theirs))

    result = run_locked(work)
    sent = _email_promoted(meeting_id, result.promoted)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is not None and result.substitute_rsvp is not None:
        sent += _email_substitute(result, meeting, actor)
    result.emails_sent = sent
    return result


def _email_substitute(result: RsvpResult, meeting: Meeting, sender: User) -> int:
    theirs = result.substitute_rsvp
    if theirs is None:
        return 0
    return int(email_substitute(theirs.user, meeting, sender, confirmed=theirs.is_confirmed,
                                position=result.substitute_position))


def fill_free_seats(meeting_id: int) -> list[Rsvp]:
    """Let the waiting list into seats freed by a higher capacity (for meetings-core after an edit); email them."""

    def work() -> list[Rsvp]:
        meeting = lock_meeting(meeting_id)
        return _fill(meeting) if meeting is not None and meeting.status == "scheduled" else []

    promoted = run_locked(work)
    _email_promoted(meeting_id, promoted)
    return promoted


def withdraw_from_upcoming(user_id: int, *, now: datetime | None = None) -> int:
    """Give up `user_id`'s seats and waiting-list places at meetings still to come; promote and email the next.

    For other features to call after they commit a change that means the person
    can no longer come (account deactivated or deleted, removed from a network).
    Each meeting is its own locked transaction. Returns how many answers changed.
    """
    moment = now or utcnow()
    query = (
        select(Rsvp.meeting_id)
        .join(Meeting, Meeting.id == Rsvp.meeting_id)
        .where(Rsvp.user_id == user_id, Rsvp.response == "yes", Meeting.ends_at > moment)
        .order_by(Rsvp.meeting_id)
    )
    changed = 0
    for meeting_id in list(db.session.scalars(query)):

        def work(meeting_id: int = meeting_id) -> tuple[bool, list[Rsvp]]:
            meeting = lock_meeting(meeting_id)
            rsvp = rsvp_of(meeting_id, user_id)
            if meeting is None or rsvp is None or rsvp.response != "yes":
                return False, []
            _say_not_yes(meeting, rsvp, "no")
            db.session.flush()
            return True, _fill(meeting) if meeting.status == "scheduled" else []

        done, promoted = run_locked(work)
        changed += int(done)
        _email_promoted(meeting_id, promoted)
    return changed
