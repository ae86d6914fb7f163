"""Answering a date poll: one form for every option, changeable while open, the tally and the best option."""

from __future__ import annotations

import pytest

from tests.factories import make_user
from tests.helpers import submit, text_of
from tests.meetings.conftest import network
from tests.meetings.support import count
from tests.meetings.test_polls_helpers import answer_data, fresh_poll, make_poll, options_of, votes_of
from zone_networks.extensions import db as _db
from zone_networks.meetings.poll_models import PollVote
from zone_networks.meetings.poll_queries import poll_results
from zone_networks.meetings.poll_services import PollRuleError, save_answers
from zone_networks.networks.models import Membership


def answer(client, poll, *answers: str, **extra: str):
    """Post the answers form shown on the poll page."""
    data = answer_data(poll, *answers) if answers else {}
    data.update(extra)
    return submit(client, f"/polls/{poll.id}/answers", data, form_url=f"/polls/{poll.id}")


def test_a_member_answers_every_option_and_can_change_them(client, login, secretariat, member) -> None:
    poll = make_poll(secretariat)
    first, second, third = (option.id for option in options_of(poll))
    login(member)
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Can you come?" in page and "No one has answered yet." in page
    response = answer(client, poll, "yes", "if_need_be", "no")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/polls/{poll.id}#answers")
    assert votes_of(member) == [(first, member.id, "yes"), (second, member.id, "if_need_be"),
                                (third, member.id, "no")]
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Thank you. Your answers have been saved." in page
    assert "Change your answers" in page and "Mina Member" in page
    assert f'id="option_{first}" name="option_{first}" type="radio" value="yes" checked' in page
    answer(client, poll, "no", "if_need_be", "yes")
    assert votes_of(member) == [(first, member.id, "no"), (second, member.id, "if_need_be"),
                                (third, member.id, "yes")]
    assert "Your answers have been changed." in text_of(client.get(f"/polls/{poll.id}"))
    answer(client, poll, "no", "if_need_be", "yes")
    assert "Your answers have not changed." in text_of(client.get(f"/polls/{poll.id}"))
    assert count(PollVote) == 3


def test_observers_answer_too(client, login, secretariat, official) -> None:
    poll = make_poll(secretariat)
    login(official)
    assert answer(client, poll, "yes", "yes", "no").status_code == 303
    assert len(votes_of(official)) == 3


@pytest.mark.parametrize("answers", [("yes", "no"), ("yes", "no", "maybe")])
def test_every_option_needs_a_real_answer(client, login, secretariat, member, answers) -> None:
    poll = make_poll(secretariat)
    ids = [option.id for option in options_of(poll)]
    login(member)
    data = {f"option_{option_id}": value for option_id, value in zip(ids, answers, strict=False)}
    response = submit(client, f"/polls/{poll.id}/answers", data, form_url=f"/polls/{poll.id}")
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Choose yes, if need be or no for" in page
    assert f'href="#option_{ids[2]}"' in page
    assert "<title>Error:" in page
    assert votes_of() == []


def test_a_changed_answer_with_a_mistake_keeps_the_old_answers(client, login, secretariat, member) -> None:
    poll = make_poll(secretariat)
    login(member)
    answer(client, poll, "yes", "yes", "yes")
    ids = [option.id for option in options_of(poll)]
    response = submit(client, f"/polls/{poll.id}/answers", {f"option_{ids[0]}": "no"}, form_url=f"/polls/{poll.id}")
    assert response.status_code == 400
    assert [vote[2] for vote in votes_of(member)] == ["yes", "yes", "yes"]


def test_people_outside_the_network_cannot_answer(client, login, secretariat, member, outsider, convenor) -> None:
    poll = make_poll(secretariat)
    login(member)
    data = answer_data(poll, "yes", "yes", "yes")
    from tests.helpers import csrf_token

    token = csrf_token(client, f"/polls/{poll.id}")
    for person in (outsider, convenor):
        login(person)
        assert client.post(f"/polls/{poll.id}/answers", data={**data, "csrf_token": token}).status_code == 404
    client.get("/")
    with client.session_transaction() as session:
        session.clear()
    response = client.post(f"/polls/{poll.id}/answers", data={**data, "csrf_token": token})
    assert response.status_code in (302, 400)  # signed out: sign in first (or the token no longer matches)
    assert votes_of() == []


def test_a_closed_poll_is_read_only(client, login, secretariat, member, db) -> None:
    poll = make_poll(secretariat)
    login(member)
    answer(client, poll, "yes", "no", "no")
    fresh_poll(poll).status = "closed"
    db.session.commit()
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Save your answers" not in page and "This poll is closed" in page and "Mina Member" in page
    from tests.helpers import csrf_token

    token = csrf_token(client, "/account")
    data = {**answer_data(poll, "no", "yes", "yes"), "csrf_token": token}
    response = client.post(f"/polls/{poll.id}/answers", data=data)
    assert response.status_code == 303
    assert "This poll has closed" in text_of(client.get(f"/polls/{poll.id}"))
    assert [vote[2] for vote in votes_of(member)] == ["yes", "no", "no"]


def test_the_service_refuses_partial_answers_and_closed_polls(app, db, secretariat, member) -> None:
    poll = make_poll(secretariat)
    ids = [option.id for option in options_of(poll)]
    with app.test_request_context():
        with pytest.raises(PollRuleError):
            save_answers(member, poll.id, {ids[0]: "yes"})
        with pytest.raises(PollRuleError):
            save_answers(member, poll.id, {ids[0]: "yes", ids[1]: "yes", ids[2]: "perhaps"})
        outsider = make_user("x@wrexham.example", "wrexham-and-flintshire-investment-zone")
        db.session.commit()
        with pytest.raises(PollRuleError):
            save_answers(outsider, poll.id, dict.fromkeys(ids, "yes"))
        fresh_poll(poll).status = "closed"
        db.session.commit()
        with pytest.raises(PollRuleError):
            save_answers(member, poll.id, dict.fromkeys(ids, "yes"))
    assert votes_of() == []


def test_the_best_option_has_most_yes_then_most_if_need_be(app, db, secretariat, member, official) -> None:
    poll = make_poll(secretariat, options=3)
    first, second, third = (option.id for option in options_of(poll))
    with app.test_request_context():
        save_answers(member, poll.id, {first: "yes", second: "yes", third: "if_need_be"})
        save_answers(official, poll.id, {first: "if_need_be", second: "no", third: "if_need_be"})
        results = poll_results(fresh_poll(poll), member)
    scores = {row.option.id: (row.score, row.is_best) for row in results.rows}
    # More yes beats more if-need-be (third loses to both); with equal yes, more if-need-be wins (first beats second).
    assert scores == {first: ((1, 1), True), second: ((1, 0), False), third: ((0, 2), False)}
    assert results.suggested == first and results.people == 2
    assert results.mine == {first: "yes", second: "yes", third: "if_need_be"}
    assert [person.name for person in results.rows[0].yes] == ["Mina Member"]
    assert [person.name for person in results.rows[2].if_need_be] == ["Mina Member", "Olwen Official"]


def test_equal_best_options_are_all_marked_and_the_earliest_suggested(app, db, secretariat, member) -> None:
    poll = make_poll(secretariat, options=3)
    first, second, third = (option.id for option in options_of(poll))
    with app.test_request_context():
        save_answers(member, poll.id, {first: "no", second: "yes", third: "yes"})
        results = poll_results(fresh_poll(poll), member)
        empty = poll_results(make_poll(secretariat), member)
    assert [row.is_best for row in results.rows] == [False, True, True]
    assert results.suggested == second
    assert not any(row.is_best for row in empty.rows) and empty.suggested is None


def test_the_page_highlights_the_most_popular_option(client, login, secretariat, member) -> None:
    poll = make_poll(secretariat)
    login(member)
    answer(client, poll, "no", "yes", "no")
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert page.count("govuk-tag--turquoise") == 1 and "Most popular" in page


def _crowd(size: int, poll_id: int) -> None:
    skills = network("skills-forum")
    ids = [option.id for option in options_of(poll_id)]
    for number in range(size):
        person = make_user(f"crowd{poll_id}-{number}@humber.example", "humber-freeport", name=f"Crowd {number}")
        _db.session.add(Membership(user_id=person.id, network_id=skills.id, role="member", status="active"))
        for option_id in ids:
            _db.session.add(PollVote(option_id=option_id, user_id=person.id, answer="yes"))
    _db.session.commit()


def test_the_poll_page_runs_a_fixed_number_of_queries(client, login, secretariat, member, count_queries) -> None:
    small = make_poll(secretariat, options=2)
    large = make_poll(secretariat, options=12)
    _crowd(2, small.id)
    _crowd(25, large.id)
    login(member)
    client.get(f"/polls/{small.id}")
    _db.session.expire_all()
    with count_queries() as few:
        assert client.get(f"/polls/{small.id}").status_code == 200
    _db.session.expire_all()
    with count_queries() as many:
        page = text_of(client.get(f"/polls/{large.id}"))
    assert "Crowd 24" in page
    assert len(many) == len(few) <= 10
