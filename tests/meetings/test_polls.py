"""Starting a date poll: who may, what is stored (UTC from UK time), bad input writes nothing, who sees polls."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.helpers import submit, text_of
from tests.meetings.support import audit_actions, count
from tests.meetings.test_polls_helpers import fresh_poll, future, make_poll, options_of, poll_form
from zone_networks.meetings.poll_models import DatePoll, PollOption

NEW = "/networks/skills-forum/polls/new"


def test_secretariat_starts_a_poll(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([future(20), future(21), future(22)], answer_by=future(10)))
    assert response.status_code == 303
    [poll] = _polls()
    assert response.headers["Location"].endswith(f"/polls/{poll.id}")
    assert poll.title == "Autumn Skills Forum" and poll.status == "open"
    assert poll.network.slug == "skills-forum" and poll.created_by_id == secretariat.id
    assert poll.format == "in_person" and poll.venue == "1 Victoria Street\nLondon" and not poll.is_public
    assert [option.all_day for option in options_of(poll)] == [False, False, False]
    assert audit_actions() == ["poll.created"]
    page = text_of(client.get(f"/polls/{poll.id}"))
    assert "Poll started." in page and "<strong>year</strong>" in page
    assert page.count("10am to midday") >= 3


def test_options_are_stored_in_utc_across_the_clock_change(client, login, secretariat) -> None:
    login(secretariat)
    days = [date(2027, 3, 27), date(2027, 3, 29)]  # Saturday in GMT, Monday in BST
    response = submit(client, NEW, poll_form(days, times=[("09:30", "11:00"), ("2pm", "3:30pm")]))
    assert response.status_code == 303
    first, second = options_of(_polls()[0])
    assert first.starts_at.replace(tzinfo=UTC) == datetime(2027, 3, 27, 9, 30, tzinfo=UTC)
    assert second.starts_at.replace(tzinfo=UTC) == datetime(2027, 3, 29, 13, tzinfo=UTC)
    assert second.ends_at.replace(tzinfo=UTC) == datetime(2027, 3, 29, 14, 30, tzinfo=UTC)


def test_all_day_options_run_from_london_midnight_to_midnight(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([date(2027, 7, 6), date(2027, 1, 12)], timing="all_day",
                                             option1_start="", option1_end=""))
    assert response.status_code == 303
    winter, summer = options_of(_polls()[0])
    assert winter.all_day and summer.all_day
    assert winter.starts_at.replace(tzinfo=UTC) == datetime(2027, 1, 12, tzinfo=UTC)
    assert summer.starts_at.replace(tzinfo=UTC) == datetime(2027, 7, 5, 23, tzinfo=UTC)
    assert summer.ends_at.replace(tzinfo=UTC) == datetime(2027, 7, 6, 23, tzinfo=UTC)


def test_blank_rows_are_ignored_and_options_are_sorted(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([future(30), None, future(20), None]))
    assert response.status_code == 303
    stored = options_of(_polls()[0])
    assert len(stored) == 2 and stored[0].starts_at < stored[1].starts_at


def test_the_convenor_starts_a_poll_for_their_network(client, login, convenor) -> None:
    login(convenor)
    response = submit(client, "/networks/innovation-leads/polls/new",
                      poll_form([future(), future(31)], format="online", venue="",
                                join_link="https://meet.example.gov.uk/x"))
    assert response.status_code == 303
    assert _polls()[0].network.slug == "innovation-leads"


@pytest.mark.parametrize(("who", "slug"), [
    ("member", "skills-forum"), ("official", "skills-forum"), ("outsider", "skills-forum"),
    ("convenor", "skills-forum"),
])
def test_others_may_not_start_a_poll(request, client, login, who, slug) -> None:
    login(request.getfixturevalue(who))
    assert client.get(f"/networks/{slug}/polls/new").status_code == 403
    assert client.post(f"/networks/{slug}/polls/new", data=poll_form([future(), future(31)])).status_code in (400, 403)
    assert count(DatePoll) == 0


def test_signed_out_people_are_asked_to_sign_in(client, secretariat) -> None:
    poll = make_poll(secretariat)
    for url in (NEW, f"/polls/{poll.id}", "/networks/skills-forum/polls", f"/polls/{poll.id}/close"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_an_unknown_network_is_not_found(client, login, secretariat) -> None:
    login(secretariat)
    assert client.get("/networks/nope/polls/new").status_code == 404
    assert client.get("/networks/nope/polls").status_code == 404


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": ""}, "Enter a title"),
    ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
    ({"option2_date": ["", "", ""], "option2_start": "", "option2_end": "", "option3_date": ["", "", ""],
      "option3_start": "", "option3_end": ""}, "Enter at least 2 options"),
    ({"option2_date": ["31", "2", "2030"]}, "The date of option 2 must be a real date"),
    ({"option2_date": ["3", "", "2030"]}, "The date of option 2 must include a month"),
    ({"option1_start": "25:00"}, "Enter the start time of option 1 like 14:30 or 2:30pm"),
    ({"option1_end": ""}, "Enter the end time of option 1"),
    ({"option2_end": "09:00"}, "Option 2 must end after it starts"),
    ({"option3_date": ["", "", ""]}, "Enter the date of option 3"),
    ({"option2_date": ["6", "1", "2020"]}, "Option 2 must be in the future"),
    ({"format": "in_person", "venue": ""}, "Enter the venue address"),
    ({"format": "online", "join_link": "meet.example"}, "Enter a link that starts with https://"),
    ({"capacity": "lots"}, "Number of places must be a whole number"),
    ({"answer_by": ["6", "1", "2020"]}, "The answer-by date must be today or in the future"),
    ({"timing": "sometimes"}, "Choose whether the meeting has set times or is all day"),
])
def test_bad_input_is_refused_and_nothing_is_written(client, login, secretariat, changes, message) -> None:
    login(secretariat)
    data = poll_form([future(20), future(21), future(22)])
    data.update(changes)
    response = client.post(NEW, data={**data, "csrf_token": _token(client)})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    assert count(DatePoll) == 0 and count(PollOption) == 0 and audit_actions() == []


def test_the_same_option_twice_is_refused(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([future(20), future(21), future(20)]))
    assert response.status_code == 400
    assert "Option 3 is the same as option 1" in text_of(response)
    assert count(DatePoll) == 0


def test_a_time_that_does_not_exist_is_refused(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([date(2027, 3, 28), future(20)], times=[("01:30", "03:00"),
                                                                                      ("10:00", "11:00")]))
    assert response.status_code == 400
    assert "1:30am does not exist on 28 March 2027" in text_of(response)
    assert count(DatePoll) == 0


def test_answer_by_must_not_be_after_the_first_option(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, poll_form([future(20), future(21)], answer_by=future(21)))
    assert response.status_code == 400
    assert "on or before the date of the earliest option" in text_of(response)


def test_add_another_option_keeps_what_was_typed_and_writes_nothing(client, login, secretariat) -> None:
    login(secretariat)
    page = text_of(client.get(NEW))
    assert 'name="option3_date"' in page and 'name="option4_date"' not in page
    data = poll_form([future(20), future(21), None], title="Keep me", add_option="Add another option")
    response = submit(client, NEW, data)
    assert response.status_code == 200
    page = text_of(response)
    assert 'name="option4_date"' in page and 'value="Keep me"' in page and "There is a problem" not in page
    assert 'name="option_count" type="hidden" value="4"' in page or 'value="4"' in page
    assert count(DatePoll) == 0


def test_at_most_twenty_options(client, login, secretariat) -> None:
    login(secretariat)
    days = [future(20 + n) for n in range(20)]
    data = poll_form(days, add_option="Add another option")
    page = text_of(submit(client, NEW, data))
    assert 'name="option20_date"' in page and 'name="option21_date"' not in page
    assert "Add another option" not in page
    data = poll_form(days)
    data["option_count"] = "99"
    data["option21_date"] = ["1", "1", str(future().year + 1)]
    assert submit(client, NEW, data).status_code == 303
    assert len(options_of(_polls()[0])) == 20


def test_the_poll_page_is_for_members_and_staff(client, login, secretariat, member, official, convenor,
                                                outsider) -> None:
    poll = make_poll(secretariat)
    for person, status in ((member, 200), (official, 200), (secretariat, 200), (convenor, 404), (outsider, 404)):
        login(person)
        assert client.get(f"/polls/{poll.id}").status_code == status, person.name
    login(member)
    assert client.get("/polls/999999").status_code == 404


def test_a_removed_member_no_longer_sees_the_poll(client, login, secretariat, member, db) -> None:
    from sqlalchemy import update

    from zone_networks.networks.models import Membership

    poll = make_poll(secretariat)
    db.session.execute(update(Membership).where(Membership.user_id == member.id).values(status="removed"))
    db.session.commit()
    login(member)
    assert client.get(f"/polls/{poll.id}").status_code == 404


def test_the_network_meetings_page_lists_open_polls_for_members(client, login, secretariat, member, outsider,
                                                                 db) -> None:
    poll = make_poll(secretariat, title="When shall we meet?", answer_by=datetime.now(UTC) + timedelta(days=5))
    closed = make_poll(secretariat, title="Old question")
    fresh_poll(closed).status = "closed"
    db.session.commit()
    login(member)
    page = text_of(client.get("/networks/skills-forum/meetings"))
    assert "When shall we meet?" in page and f"/polls/{poll.id}" in page and "Old question" not in page
    assert "Not answered yet" in page and "Please answer by" in page
    assert "Find a date for a meeting" not in page
    listing = text_of(client.get("/networks/skills-forum/polls"))
    assert "When shall we meet?" in listing and "Old question" in listing
    login(outsider)
    assert "When shall we meet?" not in text_of(client.get("/networks/skills-forum/meetings"))
    assert client.get("/networks/skills-forum/polls").status_code == 404
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    assert "When shall we meet?" not in text_of(client.get("/networks/skills-forum/meetings"))


def test_organisers_see_the_find_a_date_button(client, login, secretariat, convenor) -> None:
    login(secretariat)
    assert "/networks/skills-forum/polls/new" in text_of(client.get("/networks/skills-forum/meetings"))
    login(convenor)
    assert "/networks/innovation-leads/polls/new" in text_of(client.get("/networks/innovation-leads/meetings"))
    assert "/polls/new" not in text_of(client.get("/networks/skills-forum/meetings"))


def _polls() -> list[DatePoll]:
    from sqlalchemy import select

    from zone_networks.extensions import db

    db.session.expire_all()
    return list(db.session.scalars(select(DatePoll).order_by(DatePoll.id)).unique())


def _token(client) -> str:
    from tests.helpers import csrf_token

    return csrf_token(client, NEW)
