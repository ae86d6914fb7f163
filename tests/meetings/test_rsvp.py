"""Answering a meeting: yes / maybe / no, who may answer, and what the meeting page shows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.factories import make_user
from tests.helpers import csrf_token, submit, text_of
from tests.meetings.conftest import network
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership


def answer(client: Any, meeting: Meeting, response: str | None, **extra: Any) -> Any:
    """Post an answer with a real CSRF token (taken from the meeting's own RSVP page)."""
    data = {"rsvp_response": response} if response is not None else {}
    data.update(extra)
    return submit(client, f"/meetings/{meeting.id}/rsvp", data, form_url=f"/meetings/{meeting.id}/rsvp")


def answer_from_meeting_page(client: Any, meeting: Meeting, response: str) -> Any:
    """Post the form shown on the meeting page itself."""
    return submit(client, f"/meetings/{meeting.id}/rsvp", {"rsvp_response": response},
                  form_url=f"/meetings/{meeting.id}")


def fresh(user: User | int) -> User:
    """The user as stored now (an id or a possibly stale copy)."""
    found = _db.session.get(User, user if isinstance(user, int) else user.id)
    assert found is not None
    return found


def current(meeting: Meeting) -> Meeting:
    """The meeting as stored now."""
    found = _db.session.get(Meeting, meeting.id)
    assert found is not None
    return found


def find_rsvp(meeting: Meeting, user: User) -> Rsvp | None:
    """`user`'s answer to `meeting` as stored now, if any."""
    _db.session.expire_all()
    return _db.session.scalars(select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.user_id == user.id)).first()


def rsvp_row(meeting: Meeting, user: User) -> Rsvp:
    """`user`'s answer to `meeting` as stored now (it must exist)."""
    found = find_rsvp(meeting, user)
    assert found is not None, f"{user.name} has no answer"
    return found


def rsvp_total() -> int:
    return _db.session.scalar(select(func.count(Rsvp.id))) or 0


def seats(meeting: Meeting) -> int:
    _db.session.expire_all()
    return current(meeting).seats_taken


def test_member_says_yes_maybe_no_and_the_page_shows_it(client, login, member, make_meeting):
    meeting = make_meeting(capacity=10)
    login(member)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Will you come to this meeting?" in page
    assert f'action="/meetings/{meeting.id}/rsvp"' in page

    response = answer_from_meeting_page(client, meeting, "yes")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#rsvp")
    assert rsvp_row(meeting, member).is_confirmed
    assert seats(meeting) == 1
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "You said you will come. You have a place." in page
    assert "Yes. You have a place." in page
    assert "9 of 10" in page  # places left

    answer(client, meeting, "maybe")
    row = rsvp_row(meeting, member)
    assert (row.response, row.status) == ("maybe", None)
    assert seats(meeting) == 0
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "You said you might come." in page
    assert "Maybe." in page

    answer(client, meeting, "no")
    assert rsvp_row(meeting, member).response == "no"
    assert "You said you cannot come." in text_of(client.get(f"/meetings/{meeting.id}"))
    assert rsvp_total() == 1


def test_saying_yes_twice_keeps_one_row_and_one_seat(client, login, member, make_meeting):
    meeting = make_meeting(capacity=5)
    login(member)
    answer(client, meeting, "yes")
    response = answer(client, meeting, "yes")
    assert response.status_code == 303
    assert rsvp_total() == 1
    assert seats(meeting) == 1
    assert "You already have a place." in text_of(client.get(f"/meetings/{meeting.id}"))


def test_the_current_answer_is_selected_in_the_form(client, login, member, make_meeting):
    meeting = make_meeting()
    login(member)
    answer(client, meeting, "maybe")
    for url in (f"/meetings/{meeting.id}/rsvp", f"/meetings/{meeting.id}"):
        page = text_of(client.get(url))
        assert 'type="radio" value="maybe" checked>' in page
        assert page.count(" checked>") == 1
        assert "Change your answer" in page or url.endswith("/rsvp")


def test_no_answer_chosen_shows_the_error_summary_and_writes_nothing(client, login, member, make_meeting):
    meeting = make_meeting()
    login(member)
    response = answer(client, meeting, None)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Select yes, no or maybe" in page
    assert "<title>Error:" in page
    assert rsvp_total() == 0


def test_an_unknown_answer_is_refused(client, login, member, make_meeting):
    meeting = make_meeting()
    login(member)
    response = answer(client, meeting, "definitely")
    assert response.status_code == 400
    assert "Select yes, no or maybe" in text_of(response)
    assert rsvp_total() == 0


def test_every_kind_of_invitee_can_answer(client, login, official, secretariat, convenor, make_meeting):
    forum = make_meeting()
    leads = make_meeting("innovation-leads")
    for person, meeting in ((official, forum), (secretariat, forum), (convenor, leads)):
        login(person)
        assert answer(client, meeting, "yes").status_code == 303
        assert rsvp_row(meeting, person).is_confirmed


def test_without_a_capacity_everyone_gets_a_place(client, login, member, official, make_meeting):
    meeting = make_meeting(capacity=None)
    for person in (member, official):
        login(person)
        answer(client, meeting, "yes")
    assert seats(meeting) == 2
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Places left" not in page
    assert "Waiting list" not in page


# Who may not answer -------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, make_meeting):
    meeting = make_meeting(is_public=True)
    token = csrf_token(client, "/login")
    response = client.post(f"/meetings/{meeting.id}/rsvp", data={"rsvp_response": "yes", "csrf_token": token})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.get(f"/meetings/{meeting.id}/rsvp").status_code == 302
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "to say whether you will come" in page
    assert "Will you come to this meeting?" not in page
    assert rsvp_total() == 0


def test_non_members_get_404_for_members_only_and_403_for_public_meetings(client, login, outsider, make_meeting):
    private = make_meeting()
    public = make_meeting(is_public=True)
    login(outsider)
    token = csrf_token(client, f"/meetings/{public.id}")
    assert client.get(f"/meetings/{private.id}/rsvp").status_code == 404
    assert client.post(f"/meetings/{private.id}/rsvp",
                       data={"rsvp_response": "yes", "csrf_token": token}).status_code == 404
    assert client.get(f"/meetings/{public.id}/rsvp").status_code == 403
    assert client.post(f"/meetings/{public.id}/rsvp",
                       data={"rsvp_response": "yes", "csrf_token": token}).status_code == 403
    assert client.get(f"/meetings/{public.id}/rsvp/substitute").status_code == 403
    # The outsider can read the public page: counts and the reason, but no form.
    page = text_of(client.get(f"/meetings/{public.id}"))
    assert "Only members of the Industrial Strategy Zones Skills Forum can reply." in page
    assert "Will you come to this meeting?" not in page
    assert rsvp_total() == 0


def test_a_member_whose_membership_was_removed_cannot_answer(client, login, member, make_meeting):
    meeting = make_meeting(is_public=True)
    login(member)
    form_page = f"/meetings/{meeting.id}/rsvp"
    token_ok = client.get(form_page).status_code
    assert token_ok == 200
    membership = _db.session.scalars(select(Membership).where(
        Membership.user_id == member.id, Membership.network_id == network("skills-forum").id)).one()
    membership.status = "removed"
    _db.session.commit()
    assert client.get(form_page).status_code == 403
    assert find_rsvp(meeting, member) is None


def test_drafts_cancelled_and_past_meetings_refuse_answers_with_a_reason(client, login, member, secretariat,
                                                                           make_meeting):
    draft = make_meeting(status="draft")
    cancelled = make_meeting(status="cancelled")
    past = make_meeting(days=-7)
    login(member)
    assert client.get(f"/meetings/{draft.id}/rsvp").status_code == 404  # members cannot see drafts
    for meeting, reason in ((cancelled, "This meeting has been cancelled, so you cannot reply."),
                            (past, "This meeting has ended, so you can no longer reply.")):
        response = client.get(f"/meetings/{meeting.id}/rsvp")
        assert response.status_code == 303
        page = text_of(client.get(f"/meetings/{meeting.id}"))
        assert reason in page
        assert "Will you come to this meeting?" not in page
    login(secretariat)
    response = client.get(f"/meetings/{draft.id}/rsvp")
    assert response.status_code == 303
    assert "People can reply once the meeting is scheduled." in text_of(client.get(f"/meetings/{draft.id}"))
    assert rsvp_total() == 0


def test_a_form_posted_after_the_meeting_was_cancelled_writes_nothing(client, login, member, make_meeting):
    meeting = make_meeting()
    login(member)
    token_source = client.get(f"/meetings/{meeting.id}/rsvp")
    assert token_source.status_code == 200
    page = text_of(token_source)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    current(meeting).status = "cancelled"
    _db.session.commit()
    response = client.post(f"/meetings/{meeting.id}/rsvp", data={"rsvp_response": "yes", "csrf_token": token},
                           follow_redirects=True)
    assert "This meeting has been cancelled, so you cannot reply." in text_of(response)
    assert rsvp_total() == 0
    assert seats(meeting) == 0


def test_managers_see_every_answer_members_do_not(client, login, member, official, secretariat, make_meeting):
    meeting = make_meeting(capacity=1)
    login(member)
    answer(client, meeting, "yes")
    login(official)
    answer(client, meeting, "yes")
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Mina Member" not in page  # members see counts, not names
    assert "Answers" not in page
    login(secretariat)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Mina Member" in page and "Olwen Official" in page
    assert "Yes, with a place" in page
    assert "Yes, number 1 on the waiting list" in page


def test_page_counts_yes_maybe_and_waiting_list(client, login, member, official, secretariat, make_meeting):
    meeting = make_meeting(capacity=1)
    login(member)
    answer(client, meeting, "yes")
    login(official)
    answer(client, meeting, "yes")
    login(secretariat)
    answer(client, meeting, "maybe")
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    section = page.split('id="rsvp"')[1]
    assert "Coming" in section and "Maybe" in section and "Waiting list" in section
    assert "0 of 1" in section


def test_meeting_page_queries_stay_bounded(client, login, secretariat, make_meeting, count_queries, db):
    meeting = make_meeting(capacity=3)
    people = []
    for number in range(12):
        person = make_user(f"person{number}@humber.example", "humber-freeport", name=f"Person {number}")
        db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, status="active",
                                  role="member"))
        people.append(person)
    db.session.commit()
    for person in people[:4]:
        login(person)
        answer(client, meeting, "yes")
    login(secretariat)
    client.get(f"/meetings/{meeting.id}")
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as few:
        client.get(f"/meetings/{meeting.id}")
    for person in people[4:]:
        login(person)
        answer(client, meeting, "maybe")
    login(secretariat)
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as many:
        client.get(f"/meetings/{meeting.id}")
    assert len(many) == len(few)
