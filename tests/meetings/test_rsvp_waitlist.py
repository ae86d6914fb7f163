"""Capacity and the waiting list: queue order, automatic promotion (and its email), lower and higher capacity."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from tests.helpers import text_of
from tests.meetings.conftest import network
from tests.meetings.test_rsvp import answer, current, find_rsvp, fresh, rsvp_row, seats
from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db as _db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.meetings.rsvp_services import RsvpError, fill_free_seats, respond
from zone_networks.meetings.services import MeetingDetails, update_meeting
from zone_networks.networks.models import Membership


@pytest.fixture()
def people(db: Any) -> list[User]:
    """Six active Skills Forum members from different zones."""
    zones = ["humber-freeport", "thames-freeport", "anglesey-freeport", "plymouth-and-south-devon-freeport",
             "solent-freeport", "forth-green-freeport"]
    made = []
    for number, zone in enumerate(zones):
        person = make_user(f"p{number}@{zone}.example", zone, name=f"Person {number}")
        db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, status="active",
                                  role="member"))
        made.append(person)
    db.session.commit()
    return made


def confirmed_count(meeting: Meeting) -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count(Rsvp.id)).where(
        Rsvp.meeting_id == meeting.id, Rsvp.response == "yes", Rsvp.status == "confirmed")) or 0


def say(person: User, meeting: Meeting, response: str) -> Any:
    """Answer through the service (the routes are tested in test_rsvp)."""
    return respond(fresh(person), meeting.id, response)


def test_yes_beyond_capacity_joins_the_waiting_list_in_order(client, login, people, make_meeting):
    meeting = make_meeting(capacity=2)
    for person in people[:4]:
        login(person)
        answer(client, meeting, "yes")
    assert [rsvp_row(meeting, person).status for person in people[:4]] == \
        ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert seats(meeting) == 2
    login(people[3])
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "You are number 2 on the waiting list." in page
    login(people[2])
    assert "You are number 1 on the waiting list." in text_of(client.get(f"/meetings/{meeting.id}"))
    response = answer(client, meeting, "yes")  # saying yes again keeps the place in the queue
    assert response.status_code == 303
    assert "You are number 1 on the waiting list." in text_of(client.get(f"/meetings/{meeting.id}"))


def test_the_message_after_answering_gives_the_place_in_the_queue(client, login, people, make_meeting):
    meeting = make_meeting(capacity=1)
    login(people[0])
    answer(client, meeting, "yes")
    login(people[1])
    response = answer(client, meeting, "yes")
    page = text_of(client.get(response.headers["Location"]))
    assert "The meeting is full. You are number 1 on the waiting list." in page


def test_withdrawing_promotes_the_first_on_the_waiting_list_and_emails_them(client, login, people, make_meeting,
                                                                             outbox):
    meeting = make_meeting(capacity=2, title="Spring forum")
    for person in people[:5]:
        login(person)
        answer(client, meeting, "yes")
    login(people[0])
    answer(client, meeting, "no")
    assert rsvp_row(meeting, people[0]).response == "no"
    assert rsvp_row(meeting, people[2]).is_confirmed  # first in the queue
    assert rsvp_row(meeting, people[3]).is_waitlisted
    assert seats(meeting) == 2 == confirmed_count(meeting)
    mails = outbox()
    assert [mail["To"] for mail in mails] == [people[2].email]
    assert mails[0]["Subject"] == "You have a place: Spring forum"
    assert f"/meetings/{meeting.id}" in mails[0].get_content()
    login(people[3])
    assert "You are number 1 on the waiting list." in text_of(client.get(f"/meetings/{meeting.id}"))


def test_changing_yes_to_maybe_also_frees_the_seat(people, make_meeting):
    meeting = make_meeting(capacity=1)
    say(people[0], meeting, "yes")
    say(people[1], meeting, "yes")
    result = say(people[0], meeting, "maybe")
    assert [rsvp.user_id for rsvp in result.promoted] == [people[1].id]
    assert result.emails_sent == 1
    assert rsvp_row(meeting, people[1]).is_confirmed
    assert seats(meeting) == 1


def test_leaving_the_waiting_list_promotes_no_one(people, make_meeting, outbox):
    meeting = make_meeting(capacity=1)
    for person in people[:3]:
        say(person, meeting, "yes")
    result = say(people[1], meeting, "no")
    assert result.promoted == []
    assert rsvp_row(meeting, people[1]).status is None
    assert rsvp_row(meeting, people[1]).waitlisted_at is None
    assert rsvp_row(meeting, people[2]).is_waitlisted
    assert say(people[2], meeting, "yes").position == 1
    assert seats(meeting) == 1
    assert outbox() == []


def test_lowering_the_capacity_never_takes_a_seat_away(people, secretariat, make_meeting):
    meeting = make_meeting(capacity=3)
    for person in people[:3]:
        say(person, meeting, "yes")
    details = MeetingDetails.of(current(meeting))
    details.capacity = 1
    update_meeting(secretariat, current(meeting), details)
    assert [rsvp_row(meeting, person).is_confirmed for person in people[:3]] == [True, True, True]
    assert seats(meeting) == 3
    assert current(meeting).seats_left == 0
    assert say(people[3], meeting, "yes").rsvp.is_waitlisted  # new yeses wait
    assert say(people[0], meeting, "no").promoted == []  # 2 seats taken, capacity 1: no one moves up
    assert say(people[1], meeting, "no").promoted == []  # 1 taken, capacity 1: still full
    promoted = say(people[2], meeting, "no").promoted  # 0 taken: a seat is free
    assert [rsvp.user_id for rsvp in promoted] == [people[3].id]
    assert seats(meeting) == 1 == confirmed_count(meeting)


def test_raising_the_capacity_lets_the_waiting_list_in(people, secretariat, make_meeting):
    meeting = make_meeting(capacity=1)
    for person in people[:4]:
        say(person, meeting, "yes")
    details = MeetingDetails.of(current(meeting))
    details.capacity = 3
    update_meeting(secretariat, current(meeting), details)
    promoted = fill_free_seats(meeting.id)
    assert [rsvp.user_id for rsvp in promoted] == [people[1].id, people[2].id]
    assert rsvp_row(meeting, people[3]).is_waitlisted
    assert seats(meeting) == 3 == confirmed_count(meeting)


def test_a_waiting_list_tie_is_broken_by_who_asked_first(people, make_meeting):
    meeting = make_meeting(capacity=1)
    say(people[0], meeting, "yes")
    moment = utcnow()
    first = respond(fresh(people[1]), meeting.id, "yes", now=moment)
    second = respond(fresh(people[2]), meeting.id, "yes", now=moment)
    assert (first.position, second.position) == (1, 2)
    say(people[0], meeting, "no")
    assert rsvp_row(meeting, people[1]).is_confirmed
    assert rsvp_row(meeting, people[2]).is_waitlisted


def test_the_service_refuses_bad_answers_and_closed_meetings(people, make_meeting):
    meeting = make_meeting()
    with pytest.raises(RsvpError, match="Select yes, no or maybe"):
        say(people[0], meeting, "perhaps")
    later = utcnow() + timedelta(days=30)
    with pytest.raises(RsvpError, match="ended"):
        respond(fresh(people[0]), meeting.id, "yes", now=later)
    assert find_rsvp(meeting, people[0]) is None
    assert seats(meeting) == 0


def test_seats_taken_always_matches_the_confirmed_yeses(people, make_meeting):
    meeting = make_meeting(capacity=2)
    script = [(0, "yes"), (1, "yes"), (2, "yes"), (3, "maybe"), (1, "no"), (4, "yes"), (0, "maybe"),
              (2, "no"), (5, "yes"), (1, "yes"), (4, "no"), (0, "yes"), (5, "no"), (3, "yes")]
    for index, response in script:
        say(people[index], meeting, response)
        assert seats(meeting) == confirmed_count(meeting) <= 2
        waiting = _db.session.scalar(select(func.count(Rsvp.id)).where(
            Rsvp.meeting_id == meeting.id, Rsvp.status == "waitlisted")) or 0
        assert waiting == 0 or seats(meeting) == 2  # no one waits while a seat is free


def test_withdrawing_a_person_everywhere_frees_their_seats_for_the_queue(people, make_meeting, outbox):
    from zone_networks.meetings.rsvp_services import withdraw_from_upcoming

    upcoming = make_meeting(capacity=1)
    other = make_meeting(capacity=1, days=14)
    past = make_meeting(capacity=1, days=-7)
    for meeting in (upcoming, other):
        say(people[0], meeting, "yes")
        say(people[1], meeting, "yes")
    respond(fresh(people[0]), past.id, "yes", now=as_utc(past.starts_at) - timedelta(days=1))
    say(people[2], other, "yes")  # waiting behind people[1]

    assert withdraw_from_upcoming(people[0].id) == 2
    for meeting in (upcoming, other):
        assert rsvp_row(meeting, people[0]).response == "no"
        assert rsvp_row(meeting, people[1]).is_confirmed
        assert seats(meeting) == 1
    assert rsvp_row(past, people[0]).is_confirmed  # the past is left as it was
    assert sorted(mail["To"] for mail in outbox()) == [people[1].email, people[1].email]
    assert withdraw_from_upcoming(people[2].id) == 1  # leaves the waiting list; no one to promote
    assert rsvp_row(other, people[2]).response == "no"
