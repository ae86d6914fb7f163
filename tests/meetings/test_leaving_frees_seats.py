"""When the secretariat deactivates or deletes someone, their seats at meetings to come pass to those waiting."""

from __future__ import annotations

from typing import Any

from tests.meetings.test_rsvp import rsvp_row, seats
from tests.meetings.test_rsvp_waitlist import people as six_members
from tests.meetings.test_rsvp_waitlist import say
from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.directory.admin_services import deactivate
from zone_networks.directory.deletion import confirm_deletion
from zone_networks.extensions import db as _db


def _user(user: User) -> User:
    fresh = _db.session.get(User, user.id)
    assert fresh is not None
    return fresh


people = six_members  # the same fixture, under the name these tests use


def test_deactivating_someone_gives_their_seat_to_the_first_waiting(people, make_meeting, secretariat, outbox):
    meeting = make_meeting(capacity=1, title="Autumn forum")
    say(people[0], meeting, "yes")
    say(people[1], meeting, "yes")
    assert rsvp_row(meeting, people[1]).is_waitlisted

    assert deactivate(_user(secretariat), _user(people[0]))

    assert rsvp_row(meeting, people[0]).response == "no"
    assert rsvp_row(meeting, people[1]).is_confirmed
    assert seats(meeting) == 1
    assert [mail["To"] for mail in outbox()] == [people[1].email]


def test_confirmed_deletion_gives_their_seat_to_the_first_waiting(people, make_meeting, secretariat: Any):
    meeting = make_meeting(capacity=1)
    say(people[0], meeting, "yes")
    say(people[1], meeting, "yes")
    leaving = _user(people[0])
    leaving.deletion_requested_at = utcnow()
    _db.session.commit()

    assert confirm_deletion(_user(secretariat), leaving)

    assert rsvp_row(meeting, people[0]).response == "no"
    assert rsvp_row(meeting, people[1]).is_confirmed
    assert seats(meeting) == 1


def test_without_anyone_waiting_the_seat_is_simply_freed(people, make_meeting, secretariat):
    meeting = make_meeting(capacity=2)
    say(people[0], meeting, "yes")
    deactivate(_user(secretariat), _user(people[0]))
    assert seats(meeting) == 0
