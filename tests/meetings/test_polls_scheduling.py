"""Choosing a date: the chosen option becomes a scheduled meeting in one step, the poll closes, voters are emailed."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask

from tests.factories import make_user
from tests.helpers import csrf_token, submit, text_of
from tests.meetings.support import audit_actions, count, meetings
from tests.meetings.test_polls_helpers import answer_data, fresh_poll, make_poll, options_of, votes_of
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.extensions import db as _db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.poll_services import PollRuleError, save_answers, schedule_from_poll


def choose(client, poll, option_id: int | str | None):
    """Post the "schedule the meeting" form shown on the poll page."""
    data = {} if option_id is None else {"option": str(option_id)}
    return submit(client, f"/polls/{poll.id}/schedule", data, form_url=f"/polls/{poll.id}")


def vote(client, login, person, poll, *answers: str) -> None:
    login(person)
    submit(client, f"/polls/{poll.id}/answers", answer_data(poll, *answers), form_url=f"/polls/{poll.id}")


def test_the_secretariat_schedules_the_chosen_option(client, login, secretariat, member, official, outbox) -> None:
    poll = make_poll(secretariat, description="Bring **ideas**.", format="hybrid", venue="Hull Guildhall",
                     join_link="https://meet.example.gov.uk/forum", capacity=40, is_public=True)
    _first, second, _third = options_of(poll)
    vote(client, login, member, poll, "no", "yes", "yes")
    vote(client, login, official, poll, "yes", "yes", "no")
    login(secretariat)
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert f'value="{second.id}" checked' in page  # the most popular option is suggested
    response = choose(client, poll, second.id)
    [meeting] = meetings()
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/meetings/{meeting.id}")
    assert meeting.status == "scheduled" and meeting.network.slug == "skills-forum"
    assert (meeting.title, meeting.description) == ("Autumn Skills Forum", "Bring **ideas**.")
    assert meeting.starts_at == second.starts_at and meeting.ends_at == second.ends_at and not meeting.all_day
    assert (meeting.format, meeting.venue, meeting.join_link) == ("hybrid", "Hull Guildhall",
                                                                  "https://meet.example.gov.uk/forum")
    assert meeting.capacity == 40 and meeting.is_public and meeting.seats_taken == 0
    assert meeting.created_by_id == secretariat.id
    closed = fresh_poll(poll)
    assert closed.status == "closed" and closed.meeting_id == meeting.id and closed.closed_by_id == secretariat.id
    assert closed.closed_at is not None
    assert [option.is_chosen for option in options_of(poll)] == [False, True, False]
    assert audit_actions() == ["poll.created", "meeting.created", "poll.scheduled"]
    event = _db.session.query(AuditEvent).filter_by(action="poll.scheduled").one()
    assert event.actor_id == secretariat.id and event.details["meeting_id"] == meeting.id
    assert "We emailed 2 people who answered the poll." in text_of(client.get(f"/meetings/{meeting.id}"))
    mail = {message["To"]: message for message in outbox()}
    assert set(mail) == {member.email, official.email}
    body = mail[member.email].get_content()
    assert mail[member.email]["Subject"] == "Date chosen: Autumn Skills Forum"
    assert f"/meetings/{meeting.id}" in body and "Hello Mina Member" in body and "(UK time)" in body
    assert "meet.example.gov.uk" not in body  # the joining link stays on the meeting page
    login(member)
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "This poll is closed" in page and f"/meetings/{meeting.id}" in page and "Save your answers" not in page
    assert "Chosen" in page


def test_the_organiser_is_not_emailed_about_their_own_choice(client, login, secretariat, member, outbox) -> None:
    poll = make_poll(secretariat)
    vote(client, login, member, poll, "yes", "yes", "yes")
    vote(client, login, secretariat, poll, "yes", "no", "no")
    login(secretariat)
    choose(client, poll, options_of(poll)[0].id)
    assert [message["To"] for message in outbox()] == [member.email]


def test_a_convenor_schedules_for_their_network(client, login, convenor) -> None:
    poll = make_poll(convenor, "innovation-leads", format="online", venue="",
                     join_link="https://meet.example.gov.uk/leads")
    login(convenor)
    response = choose(client, poll, options_of(poll)[2].id)
    assert response.status_code == 303
    [meeting] = meetings()
    assert meeting.network.slug == "innovation-leads" and meeting.format == "online"


def test_members_may_not_schedule_or_close(client, login, secretariat, member, official, outsider) -> None:
    poll = make_poll(secretariat)
    option_id = options_of(poll)[0].id
    login(member)
    token = csrf_token(client, f"/polls/{poll.id}")
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Schedule the meeting" not in page and f"/polls/{poll.id}/close" not in page
    for person, status in ((member, 403), (official, 403), (outsider, 404)):
        login(person)
        assert client.post(f"/polls/{poll.id}/schedule", data={"option": option_id, "csrf_token": token}) \
            .status_code == status
        assert client.get(f"/polls/{poll.id}/close").status_code == status
        assert client.post(f"/polls/{poll.id}/close", data={"csrf_token": token}).status_code == status
    assert count(Meeting) == 0 and fresh_poll(poll).is_open
    assert audit_actions() == ["poll.created"]


def test_a_convenor_of_another_network_cannot_see_or_schedule(client, login, secretariat, convenor) -> None:
    poll = make_poll(secretariat)
    login(convenor)
    assert client.get(f"/polls/{poll.id}").status_code == 404
    assert client.get(f"/polls/{poll.id}/close").status_code == 404


@pytest.mark.parametrize("option", [None, "", "abc", "999999"])
def test_choosing_nothing_or_a_stranger_option_is_refused(client, login, secretariat, option) -> None:
    poll = make_poll(secretariat)
    other = make_poll(secretariat)
    login(secretariat)
    value = options_of(other)[0].id if option == "999999" else option
    response = choose(client, poll, value)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Choose the option to schedule the meeting for" in page
    assert count(Meeting) == 0 and fresh_poll(poll).is_open and fresh_poll(other).is_open


def test_an_option_that_has_started_cannot_be_scheduled(client, login, secretariat, db) -> None:
    poll = make_poll(secretariat)
    past = options_of(poll)[0]
    past.starts_at = past.starts_at - timedelta(days=30)
    past.ends_at = past.ends_at - timedelta(days=30)
    db.session.commit()
    login(secretariat)
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert f'name="option" type="radio" value="{past.id}"' not in page
    assert choose(client, poll, past.id).status_code == 400
    assert count(Meeting) == 0
    with pytest.raises(PollRuleError):
        schedule_from_poll(db.session.get(User, secretariat.id), poll.id, past.id)
    assert count(Meeting) == 0 and fresh_poll(poll).is_open


def test_a_closed_poll_cannot_be_scheduled_twice(client, login, secretariat) -> None:
    poll = make_poll(secretariat)
    first, second, _third = options_of(poll)
    login(secretariat)
    token = csrf_token(client, f"/polls/{poll.id}")
    assert choose(client, poll, first.id).status_code == 303
    response = client.post(f"/polls/{poll.id}/schedule", data={"option": second.id, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/polls/{poll.id}")
    assert count(Meeting) == 1
    assert audit_actions().count("poll.scheduled") == 1


def test_close_without_scheduling(client, login, secretariat, member, outbox) -> None:
    poll = make_poll(secretariat)
    vote(client, login, member, poll, "yes", "yes", "yes")
    login(secretariat)
    page = text_of(client.get(f"/polls/{poll.id}/close"))
    assert "Are you sure you want to close this poll without scheduling a meeting?" in page
    response = submit(client, f"/polls/{poll.id}/close", {})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/polls/{poll.id}")
    closed = fresh_poll(poll)
    assert closed.status == "closed" and closed.meeting_id is None and closed.closed_by_id == secretariat.id
    assert count(Meeting) == 0 and outbox() == []
    assert audit_actions() == ["poll.created", "poll.closed"]
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Poll closed. No meeting was scheduled." in page and "No meeting was scheduled from it." in page
    assert "Schedule the meeting" not in page
    # Once closed: no more closing, scheduling or answering.
    assert client.get(f"/polls/{poll.id}/close").status_code == 303
    assert choose(client, poll, options_of(poll)[0].id).status_code == 303
    login(member)
    token = csrf_token(client, "/account")
    client.post(f"/polls/{poll.id}/answers", data={**answer_data(poll, "no", "no", "no"), "csrf_token": token})
    assert {vote[2] for vote in votes_of(member)} == {"yes"}
    assert count(Meeting) == 0 and audit_actions() == ["poll.created", "poll.closed"]


def test_answers_after_the_meeting_is_scheduled_are_refused(app, db, secretariat, member) -> None:
    poll = make_poll(secretariat)
    ids = [option.id for option in options_of(poll)]
    actor = db.session.get(User, secretariat.id)
    with app.test_request_context():
        schedule_from_poll(actor, poll.id, ids[0])
        with pytest.raises(PollRuleError):
            save_answers(db.session.get(User, member.id), poll.id, dict.fromkeys(ids, "yes"))
    assert votes_of() == []


def test_inactive_voters_are_not_emailed(client, login, secretariat, member, official, outbox, db) -> None:
    poll = make_poll(secretariat)
    vote(client, login, member, poll, "yes", "yes", "yes")
    vote(client, login, official, poll, "yes", "yes", "yes")
    db.session.get(User, official.id).active = False
    db.session.commit()
    login(secretariat)
    choose(client, poll, options_of(poll)[0].id)
    assert [message["To"] for message in outbox()] == [member.email]


def test_two_organisers_choosing_at_once_make_one_meeting(app: Flask, db, secretariat) -> None:
    """Both requests run in their own threads and sessions; the poll's lock lets only one of them close it."""
    poll = make_poll(secretariat)
    ids = [option.id for option in options_of(poll)]
    other = make_user("second@zones.example", "industrial-strategy-zones-secretariat", is_secretariat=True)
    db.session.commit()
    poll_id = poll.id
    people = [secretariat.id, other.id]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run(person_id: int, option_id: int) -> None:
        with app.app_context(), app.test_request_context():
            actor = _db.session.get(User, person_id)
            assert actor is not None
            barrier.wait()
            try:
                schedule_from_poll(actor, poll_id, option_id)
                outcomes.append("scheduled")
            except PollRuleError:
                outcomes.append("refused")
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(person, option)) for person, option in zip(people, ids,
                                                                                               strict=False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "scheduled"]
    assert count(Meeting) == 1 and audit_actions().count("poll.scheduled") == 1
    assert sum(option.is_chosen for option in options_of(poll_id)) == 1
