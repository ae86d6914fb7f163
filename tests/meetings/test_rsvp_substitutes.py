"""Sending a substitute from your own zone: who can be chosen, and how seats and queue places pass to them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_user
from tests.helpers import submit, text_of
from tests.meetings.conftest import network
from tests.meetings.test_rsvp import answer, fresh, rsvp_row, rsvp_total, seats
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.meetings.rsvp_services import RsvpError, respond, send_substitute
from zone_networks.networks.models import Membership


def join(person: User, slug: str = "skills-forum", status: str = "active") -> User:
    _db.session.add(Membership(user_id=person.id, network_id=network(slug).id, status=status, role="member"))
    return person


@pytest.fixture()
def colleague(db: Any, member: User) -> User:
    """Another Humber skills person, active in the Skills Forum (the member's possible substitute)."""
    person = join(make_user("colleague@humber.example", "humber-freeport", name="Cara Colleague",
                            job_title="Deputy skills lead"))
    db.session.commit()
    return person


@pytest.fixture()
def others(db: Any) -> dict[str, User]:
    """People who may not be chosen: same zone but not in the network, in the network but another zone,
    same zone but only asked to join, same zone but deactivated."""
    made = {
        "not_member": make_user("innovation@humber.example", "humber-freeport", name="Ivan Innovation"),
        "other_zone": join(make_user("lead@thames.example", "thames-freeport", name="Tara Thames")),
        "requested": join(make_user("new@humber.example", "humber-freeport", name="Nia New"), status="requested"),
        "inactive": join(make_user("gone@humber.example", "humber-freeport", name="Gus Gone", active=False)),
    }
    db.session.commit()
    return made


def send(client: Any, meeting: Any, person: User | None) -> Any:
    data = {"substitute": str(person.id) if person else ""}
    return submit(client, f"/meetings/{meeting.id}/rsvp/substitute", data)


def test_the_choice_lists_active_network_members_from_the_same_zone_only(client, login, member, colleague, others,
                                                                         make_meeting):
    meeting = make_meeting()
    login(member)
    assert "Send someone from your zone in your place" in text_of(client.get(f"/meetings/{meeting.id}"))
    page = text_of(client.get(f"/meetings/{meeting.id}/rsvp/substitute"))
    assert "Cara Colleague, Deputy skills lead" in page
    for person in others.values():
        assert person.name not in page
    assert "Mina Member" not in page  # not yourself


def test_someone_not_on_the_list_is_refused_and_nothing_changes(client, login, member, colleague, others,
                                                                make_meeting):
    meeting = make_meeting(capacity=3)
    login(member)
    answer(client, meeting, "yes")
    for person in [*others.values(), member, None]:
        response = send(client, meeting, person)
        assert response.status_code == 400
        page = text_of(response)
        assert "There is a problem" in page
        assert "Choose who will go in your place" in page
    assert rsvp_row(meeting, member).is_confirmed
    assert rsvp_total() == 1
    with pytest.raises(RsvpError, match="Choose someone from your zone"):
        send_substitute(fresh(member), meeting.id, others["other_zone"].id)


def test_a_substitute_takes_the_senders_seat_even_when_people_are_waiting(client, login, member, colleague, official,
                                                                         make_meeting, outbox):
    meeting = make_meeting(capacity=1, title="Autumn forum")
    login(member)
    answer(client, meeting, "yes")
    login(official)
    answer(client, meeting, "yes")  # waiting
    login(member)
    response = send(client, meeting, colleague)
    assert response.status_code == 303
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "You are sending Cara Colleague in your place. They have a place and we have emailed them." in page
    assert "No. You are sending Cara Colleague in your place." in page
    mine = rsvp_row(meeting, member)
    assert (mine.response, mine.status, mine.substitute_user_id) == ("no", None, colleague.id)
    assert rsvp_row(meeting, colleague).is_confirmed
    assert rsvp_row(meeting, official).is_waitlisted  # the seat changed hands; no one else moved
    assert seats(meeting) == 1
    mails = outbox()
    assert [mail["To"] for mail in mails] == [colleague.email]
    assert mails[0]["Subject"] == "Mina Member has asked you to go in their place: Autumn forum"
    assert "You have a place." in mails[0].get_content()
    login(colleague)
    assert "Yes. You have a place." in text_of(client.get(f"/meetings/{meeting.id}"))


def test_a_waiting_sender_passes_on_their_place_in_the_queue(member, colleague, official, secretariat, make_meeting,
                                                             outbox):
    meeting = make_meeting(capacity=1)
    respond(secretariat, meeting.id, "yes")
    respond(fresh(member), meeting.id, "yes")  # number 1
    respond(fresh(official), meeting.id, "yes")  # number 2
    result = send_substitute(fresh(member), meeting.id, colleague.id)
    assert result.substitute_position == 1
    assert rsvp_row(meeting, colleague).is_waitlisted
    assert rsvp_row(meeting, member).status is None
    assert "You are number 1 on the waiting list." in outbox()[-1].get_content()
    respond(fresh(secretariat), meeting.id, "no")
    assert rsvp_row(meeting, colleague).is_confirmed
    assert rsvp_row(meeting, official).is_waitlisted


def test_a_sender_without_a_yes_gives_the_substitute_an_ordinary_yes(member, colleague, official, make_meeting):
    meeting = make_meeting(capacity=1)
    respond(fresh(official), meeting.id, "yes")  # the only seat
    result = send_substitute(fresh(member), meeting.id, colleague.id)
    assert rsvp_row(meeting, colleague).is_waitlisted
    assert result.substitute_position == 1
    assert rsvp_row(meeting, member).response == "no"
    assert seats(meeting) == 1


def test_a_substitute_who_already_had_a_seat_frees_the_senders_for_the_queue(member, colleague, official,
                                                                               secretariat, make_meeting):
    meeting = make_meeting(capacity=2)
    respond(fresh(member), meeting.id, "yes")
    respond(fresh(colleague), meeting.id, "yes")
    respond(fresh(official), meeting.id, "yes")  # waiting
    result = send_substitute(fresh(member), meeting.id, colleague.id)
    assert [rsvp.user_id for rsvp in result.promoted] == [official.id]
    assert rsvp_row(meeting, official).is_confirmed
    assert seats(meeting) == 2


def test_answering_again_clears_the_substitute_but_theirs_stays(member, colleague, make_meeting):
    meeting = make_meeting(capacity=2)
    respond(fresh(member), meeting.id, "yes")
    send_substitute(fresh(member), meeting.id, colleague.id)
    respond(fresh(member), meeting.id, "yes")
    mine = rsvp_row(meeting, member)
    assert mine.substitute_user_id is None and mine.is_confirmed
    assert rsvp_row(meeting, colleague).is_confirmed
    assert seats(meeting) == 2


def test_people_without_a_zone_or_colleagues_are_told_why(client, login, official, member, make_meeting):
    meeting = make_meeting()
    login(official)
    assert "Send someone from your zone" not in text_of(client.get(f"/meetings/{meeting.id}"))
    page = text_of(client.get(f"/meetings/{meeting.id}/rsvp/substitute"))
    assert "Only people who work for a zone can send a substitute" in page
    login(member)  # no colleague in the network
    page = text_of(client.get(f"/meetings/{meeting.id}/rsvp/substitute"))
    assert "No one else from your zone is a member of the Industrial Strategy Zones Skills Forum" in page
    assert "<select" not in page


def test_substitutes_follow_the_same_rules_as_answers(client, login, member, colleague, outsider, make_meeting):
    past = make_meeting(days=-7)
    cancelled = make_meeting(status="cancelled")
    private = make_meeting()
    login(member)
    for meeting in (past, cancelled):
        assert client.get(f"/meetings/{meeting.id}/rsvp/substitute").status_code == 303
        with pytest.raises(RsvpError):
            send_substitute(fresh(member), meeting.id, colleague.id)
    login(outsider)
    assert client.get(f"/meetings/{private.id}/rsvp/substitute").status_code == 404
    assert rsvp_total() == 0
