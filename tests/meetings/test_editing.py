"""Changing and cancelling a meeting: who may, the iCalendar sequence, and who is told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import make_user
from tests.helpers import submit, text_of
from tests.meetings.support import audit_actions, meeting_form, meetings, say_yes
from zone_networks.extensions import db
from zone_networks.meetings.times import london_today


def _day(meeting) -> date:
    return meeting.first_day


@pytest.fixture()
def yes_sayers(db, member, official, make_meeting):
    """A scheduled Skills Forum meeting: the member confirmed, the official waitlisted, a third person said no."""
    meeting = make_meeting(capacity=1)
    say_yes(meeting, member)
    say_yes(meeting, official, status="waitlisted")
    from zone_networks.meetings.rsvp_models import Rsvp

    other = make_user("no@humber.example", "humber-freeport", name="Nia No")
    db.session.add(Rsvp(meeting_id=meeting.id, user_id=other.id, response="no"))
    db.session.commit()
    return meeting


def test_moving_a_scheduled_meeting_emails_everyone_who_said_yes(client, login, secretariat, yes_sayers,
                                                                 outbox) -> None:
    meeting = yes_sayers
    login(secretariat)
    url = f"/meetings/{meeting.id}/edit"
    form = meeting_form(_day(meeting) + timedelta(days=1), title=meeting.title, venue=meeting.venue, capacity="1")
    response = submit(client, url, form)
    assert response.status_code == 303
    [moved] = meetings()
    assert moved.ical_sequence == 1
    assert moved.first_day == _day(meeting)
    emails = outbox()
    assert sorted(email["To"] for email in emails) == ["member@humber.example", "official@gov.wales.example"]
    assert all(email["Subject"] == f"Changed: {meeting.title}" for email in emails)
    body = emails[0].get_content()
    assert "has changed: the date or time" in body
    assert f"/meetings/{meeting.id}" in body
    assert audit_actions()[-1] == "meeting.updated"
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "We emailed 2 people who said they would come" in page


def test_a_title_change_bumps_the_sequence_but_emails_nobody(client, login, secretariat, yes_sayers, outbox) -> None:
    meeting = yes_sayers
    login(secretariat)
    form = meeting_form(_day(meeting), title="A better title", venue=meeting.venue, capacity="1")
    assert submit(client, f"/meetings/{meeting.id}/edit", form).status_code == 303
    [changed] = meetings()
    assert changed.title == "A better title"
    assert changed.ical_sequence == 1
    assert outbox() == []


def test_saving_without_changes_changes_nothing(client, login, secretariat, yes_sayers, outbox) -> None:
    meeting = yes_sayers
    login(secretariat)
    form = meeting_form(_day(meeting), title=meeting.title, description="", venue=meeting.venue, capacity="1")
    response = submit(client, f"/meetings/{meeting.id}/edit", form, follow_redirects=True)
    assert "Nothing was changed." in text_of(response)
    assert meetings()[0].ical_sequence == 0
    assert outbox() == []


def test_editing_a_draft_emails_nobody_and_keeps_sequence_zero(client, login, secretariat, make_meeting,
                                                               member, outbox) -> None:
    draft = make_meeting(status="draft")
    login(secretariat)
    form = meeting_form(_day(draft) + timedelta(days=2), title=draft.title, venue="Elsewhere", status="draft")
    assert submit(client, f"/meetings/{draft.id}/edit", form).status_code == 303
    assert meetings()[0].ical_sequence == 0
    assert outbox() == []


def test_cancelling_emails_everyone_who_said_yes(client, login, secretariat, yes_sayers, outbox) -> None:
    meeting = yes_sayers
    login(secretariat)
    url = f"/meetings/{meeting.id}/cancel"
    assert "Are you sure you want to cancel this meeting?" in text_of(client.get(url))
    response = submit(client, url, {})
    assert response.status_code == 303
    [cancelled] = meetings()
    assert cancelled.status == "cancelled"
    assert cancelled.ical_sequence == 1
    emails = outbox()
    assert len(emails) == 2
    assert all(email["Subject"] == f"Cancelled: {meeting.title}" for email in emails)
    assert audit_actions()[-1] == "meeting.cancelled"
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "This meeting has been cancelled." in page
    assert "Cancel meeting" not in page


def test_reinstating_a_cancelled_meeting_tells_people_it_is_back_on(client, login, secretariat, yes_sayers,
                                                                    outbox) -> None:
    meeting = yes_sayers
    login(secretariat)
    submit(client, f"/meetings/{meeting.id}/cancel", {})
    form = meeting_form(_day(meeting), title=meeting.title, venue=meeting.venue, capacity="1")
    assert submit(client, f"/meetings/{meeting.id}/edit", form).status_code == 303
    subjects = [email["Subject"] for email in outbox()]
    assert subjects.count(f"Back on: {meeting.title}") == 2


def test_emails_are_written_in_the_recipients_language(client, login, secretariat, yes_sayers, member,
                                                       outbox) -> None:
    member.language = "cy"
    db.session.commit()
    login(secretariat)
    submit(client, f"/meetings/{yes_sayers.id}/cancel", {})
    # Without a Welsh catalogue the text stays English; what matters is that each email is written under
    # its recipient's locale (force_locale) and both are sent.
    assert len(outbox()) == 2


def test_marking_a_past_meeting_as_held(client, login, secretariat, make_meeting) -> None:
    past = make_meeting(days=-2)
    login(secretariat)
    form = meeting_form(_day(past), title=past.title, venue=past.venue, status="held")
    assert submit(client, f"/meetings/{past.id}/edit", form).status_code == 303
    assert meetings()[0].status == "held"


def test_a_future_meeting_cannot_be_marked_held(client, login, secretariat, make_meeting) -> None:
    meeting = make_meeting()
    login(secretariat)
    form = meeting_form(_day(meeting), title=meeting.title, venue=meeting.venue, status="held")
    response = submit(client, f"/meetings/{meeting.id}/edit", form)
    assert response.status_code == 400
    assert "A meeting can only be marked as held once it has started" in text_of(response)
    assert meetings()[0].status == "scheduled"


def test_bad_input_on_edit_writes_nothing(client, login, secretariat, yes_sayers, outbox) -> None:
    login(secretariat)
    form = meeting_form(london_today() + timedelta(days=3), title="", venue=yes_sayers.venue)
    response = submit(client, f"/meetings/{yes_sayers.id}/edit", form)
    assert response.status_code == 400
    assert "Enter a title" in text_of(response)
    [unchanged] = meetings()
    assert unchanged.title == yes_sayers.title and unchanged.ical_sequence == 0
    assert outbox() == []


def test_the_edit_form_shows_the_meeting_in_uk_time(client, login, secretariat, make_meeting) -> None:
    meeting = make_meeting()
    login(secretariat)
    page = text_of(client.get(f"/meetings/{meeting.id}/edit"))
    assert 'name="start_time" type="text" value="10:00"' in page
    assert 'name="end_time" type="text" value="12:00"' in page
    assert f'value="{meeting.first_day.year}"' in page


@pytest.mark.parametrize("who", ["member", "official"])
def test_members_can_see_but_not_change_or_cancel(request, client, login, make_meeting, who) -> None:
    meeting = make_meeting()
    login(request.getfixturevalue(who))
    assert client.get(f"/meetings/{meeting.id}").status_code == 200
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 403
    assert client.get(f"/meetings/{meeting.id}/cancel").status_code == 403
    assert client.post(f"/meetings/{meeting.id}/cancel").status_code in (400, 403)
    assert meetings()[0].status == "scheduled"
    assert "Edit meeting" not in text_of(client.get(f"/meetings/{meeting.id}"))


def test_people_outside_the_network_get_404(client, login, outsider, convenor, make_meeting) -> None:
    meeting = make_meeting()
    for person in (outsider, convenor):  # the convenor convenes a different network
        login(person)
        assert client.get(f"/meetings/{meeting.id}").status_code == 404
        assert client.get(f"/meetings/{meeting.id}/edit").status_code == 404
        assert client.get(f"/meetings/{meeting.id}/cancel").status_code == 404


def test_a_convenor_manages_their_own_networks_meetings(client, login, convenor, make_meeting) -> None:
    meeting = make_meeting("innovation-leads")
    login(convenor)
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 200
    assert submit(client, f"/meetings/{meeting.id}/cancel", {}).status_code == 303
    assert meetings()[0].status == "cancelled"


def test_a_convenor_who_is_no_longer_active_cannot_manage(client, login, convenor, make_meeting) -> None:
    from tests.networks.support import membership

    meeting = make_meeting("innovation-leads")
    membership(convenor, "innovation-leads").status = "removed"
    db.session.commit()
    login(convenor)
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 404


def test_signed_out_visitors_are_asked_to_sign_in_to_edit(client, make_meeting) -> None:
    meeting = make_meeting(is_public=True)
    response = client.get(f"/meetings/{meeting.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
