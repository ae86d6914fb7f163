"""Scheduling a meeting: who may, what is stored (UTC from UK time), and bad input writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.helpers import submit, text_of
from tests.meetings.support import audit_actions, count, meeting_form, meetings
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.times import london_today

NEW = "/networks/skills-forum/meetings/new"


def future(days: int = 30) -> date:
    return london_today() + timedelta(days=days)


def test_secretariat_schedules_a_meeting(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, meeting_form(future()))
    assert response.status_code == 303
    [meeting] = meetings()
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}")
    assert meeting.title == "Spring Skills Forum"
    assert meeting.network.slug == "skills-forum"
    assert meeting.status == "scheduled"
    assert meeting.uid.endswith("@zone-networks")
    assert meeting.ical_sequence == 0 and meeting.seats_taken == 0
    assert meeting.created_by_id == secretariat.id
    assert audit_actions() == ["meeting.created"]
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Meeting scheduled." in page
    assert "<strong>plan</strong>" in page


def test_summer_and_winter_times_are_stored_in_utc(client, login, secretariat) -> None:
    login(secretariat)
    submit(client, NEW, meeting_form(date(2027, 7, 6)))
    submit(client, NEW, meeting_form(date(2027, 1, 12)))
    summer, winter = meetings()
    assert summer.starts_at.replace(tzinfo=UTC) == datetime(2027, 7, 6, 9, tzinfo=UTC)
    assert winter.starts_at.replace(tzinfo=UTC) == datetime(2027, 1, 12, 10, tzinfo=UTC)
    for meeting in (summer, winter):
        assert "10am to midday" in text_of(client.get(f"/meetings/{meeting.id}"))


def test_times_on_the_clock_change_days(client, login, secretariat) -> None:
    login(secretariat)
    assert submit(client, NEW, meeting_form(date(2026, 3, 29), start_time="00:30", end_time="03:00")).status_code == 303
    [meeting] = meetings()
    # 00:30 GMT to 03:00 BST is one and a half hours.
    assert (meeting.ends_at - meeting.starts_at) == timedelta(hours=1, minutes=30)
    autumn_form = meeting_form(date(2026, 10, 25), start_time="00:30", end_time="02:00")
    assert submit(client, NEW, autumn_form).status_code == 303
    autumn = meetings()[-1]
    assert (autumn.ends_at - autumn.starts_at) == timedelta(hours=2, minutes=30)


@pytest.mark.parametrize(("day", "start", "message"), [
    (date(2026, 3, 29), "1:30am", "1:30am does not exist on 29 March 2026 because the clocks go forward"),
    (date(2026, 10, 25), "01:15", "1:15am happens twice on 25 October 2026 because the clocks go back"),
])
def test_a_missing_or_repeated_time_is_refused_clearly(client, login, secretariat, day, start, message) -> None:
    login(secretariat)
    response = submit(client, NEW, meeting_form(day, start_time=start, end_time="04:00"))
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert count(Meeting) == 0


def test_all_day_meeting_over_two_days(client, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, NEW, meeting_form(date(2027, 3, 3), end_date=date(2027, 3, 4), timing="all_day",
                                                start_time="", end_time=""))
    assert response.status_code == 303
    [meeting] = meetings()
    assert meeting.all_day
    assert meeting.starts_at.replace(tzinfo=UTC) == datetime(2027, 3, 3, 0, tzinfo=UTC)
    assert meeting.ends_at.replace(tzinfo=UTC) == datetime(2027, 3, 5, 0, tzinfo=UTC)
    assert (meeting.first_day, meeting.last_day) == (date(2027, 3, 3), date(2027, 3, 4))
    assert "Wednesday 3 March 2027 to Thursday 4 March 2027 (all day)" in text_of(client.get(f"/meetings/{meeting.id}"))


def test_timed_meeting_over_several_days(client, login, secretariat) -> None:
    login(secretariat)
    submit(client, NEW, meeting_form(date(2027, 3, 3), end_date=date(2027, 3, 4), start_time="9am", end_time="1pm"))
    [meeting] = meetings()
    assert meeting.is_multi_day and not meeting.all_day
    assert "Wednesday 3 March 2027 at 9am to Thursday 4 March 2027 at 1pm" in text_of(
        client.get(f"/meetings/{meeting.id}"))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"title": ""}, "Enter a title"),
    ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
    ({"start_date": None}, "Enter the date the meeting starts"),
    ({"start_date": ["31", "2", "2027"]}, "Start date must be a real date"),
    ({"start_date": ["3", "", "2027"]}, "Start date must include a month"),
    ({"start_date": ["3", "3", "27"]}, "Year must include 4 numbers"),
    ({"start_time": ""}, "Enter the time the meeting starts"),
    ({"start_time": "25:00"}, "Enter a start time like 14:30 or 2:30pm"),
    ({"end_time": "09:00"}, "The meeting must end after it starts"),
    ({"end_date": date(2027, 3, 1)}, "End date must be the same as or after the start date"),
    ({"format": "online", "join_link": ""}, "Enter the link to join the meeting online"),
    ({"format": "hybrid", "join_link": "https://x.example/a", "venue": ""}, "Enter the venue address"),
    ({"format": "online", "join_link": "javascript:alert(1)"}, "Enter a link that starts with https://"),
    ({"format": "banana"}, "Choose how people will attend"),
    ({"capacity": "0"}, "Number of places must be a whole number between 1 and 10,000"),
    ({"capacity": "lots"}, "Number of places must be a whole number between 1 and 10,000"),
    ({"visibility": ""}, "Choose who can see this meeting"),
    ({"status": "held"}, "Choose a status"),
    ({"papers_date": date(2027, 3, 10)}, "The papers deadline must be before the meeting starts"),
    ({"papers_time": "17:00"}, "Enter the date of the deadline, or clear the deadline time"),
])
def test_bad_input_shows_an_error_and_writes_nothing(client, login, secretariat, overrides, message) -> None:
    login(secretariat)
    response = submit(client, NEW, meeting_form(date(2027, 3, 3), **overrides))
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert count(Meeting) == 0
    assert audit_actions() == []


def test_papers_deadline_without_a_time_means_the_end_of_that_day(client, login, secretariat) -> None:
    login(secretariat)
    submit(client, NEW, meeting_form(date(2027, 7, 6), papers_date=date(2027, 6, 29)))
    [meeting] = meetings()
    assert meeting.papers_deadline is not None
    assert meeting.papers_deadline.replace(tzinfo=UTC) == datetime(2027, 6, 29, 22, 59, tzinfo=UTC)


def test_a_convenor_schedules_for_their_own_network_only(client, login, convenor) -> None:
    login(convenor)
    assert client.get("/networks/innovation-leads/meetings/new").status_code == 200
    response = submit(client, "/networks/innovation-leads/meetings/new", meeting_form(future()))
    assert response.status_code == 303
    assert client.get(NEW).status_code == 403
    response = client.post(NEW, data=meeting_form(future()))
    assert response.status_code in (400, 403)
    assert count(Meeting) == 1


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_members_officials_and_outsiders_cannot_schedule(request, client, login, who) -> None:
    login(request.getfixturevalue(who))
    assert client.get(NEW).status_code == 403
    assert count(Meeting) == 0


def test_signed_out_visitors_are_sent_to_sign_in(client, db) -> None:
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_unknown_network_is_404(client, login, secretariat) -> None:
    login(secretariat)
    assert client.get("/networks/nope/meetings/new").status_code == 404


def test_a_draft_is_seen_only_by_its_managers(client, login, secretariat, member, make_meeting) -> None:
    draft = make_meeting(status="draft", is_public=True)
    assert client.get(f"/meetings/{draft.id}").status_code == 404
    login(member)
    assert client.get(f"/meetings/{draft.id}").status_code == 404
    assert client.get(f"/meetings/{draft.id}/edit").status_code == 404
    login(secretariat)
    assert "This is a draft" in text_of(client.get(f"/meetings/{draft.id}"))
