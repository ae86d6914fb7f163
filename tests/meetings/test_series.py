"""Meeting series: set up with a preset or a custom rule, occurrences as meetings, one moved or cancelled alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from tests.helpers import submit, text_of
from tests.meetings.support import audit_actions, count, meeting_form, series_form, series_rows
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.series_services import BATCH, extend_all_series
from zone_networks.meetings.times import london_to_utc, london_wall

NEW = "/networks/innovation-leads/series/new"
FIRST = date(2027, 1, 12)  # the 2nd Tuesday of January 2027


def _occurrences() -> list[Meeting]:
    db.session.expire_all()
    return list(db.session.scalars(select(Meeting).where(Meeting.series_id.is_not(None))
                                   .order_by(Meeting.original_start)).unique())


def test_monthly_2nd_tuesday_at_10_is_10_uk_time_in_winter_and_summer(client, login, convenor) -> None:
    login(convenor)
    response = submit(client, NEW, series_form(FIRST, count="12"))
    assert response.status_code == 303
    [series] = series_rows()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=12"
    assert series.duration_minutes == 120
    occurrences = _occurrences()
    assert len(occurrences) == 12
    for meeting in occurrences:
        local = london_wall(meeting.starts_at)
        assert local.time() == time(10) and local.weekday() == 1 and 8 <= local.day <= 14
        assert meeting.original_start == meeting.starts_at
        assert meeting.ends_at - meeting.starts_at == timedelta(hours=2)
        assert meeting.status == "scheduled" and meeting.network.slug == "innovation-leads"
        assert meeting.join_link == "https://meet.example.gov.uk/innovation"
    january = occurrences[0].starts_at.replace(tzinfo=UTC)
    july = next(m for m in occurrences if m.starts_at.month == 7).starts_at.replace(tzinfo=UTC)
    assert january == datetime(2027, 1, 12, 10, tzinfo=UTC)
    assert july == datetime(2027, 7, 13, 9, tzinfo=UTC)  # same 10:00 on the clock, an hour earlier in UTC
    assert len({meeting.uid for meeting in occurrences}) == 12
    assert audit_actions() == ["series.created"]
    body = text_of(client.get(response.headers["Location"]))
    assert "Every month on the 2nd Tuesday, 12 meetings in all" in body
    assert "Series set up with 12 meetings." in body


def test_every_six_months_for_the_skills_forum(client, login, secretariat) -> None:
    login(secretariat)
    form = series_form(date(2027, 3, 4), recurrence="six_monthly", title="Skills Forum", format="in_person",
                       venue="Manchester", join_link="", timing="all_day", start_time="", end_time="")
    assert submit(client, "/networks/skills-forum/series/new", form).status_code == 303
    occurrences = _occurrences()
    days = [meeting.first_day for meeting in occurrences]
    assert days[:3] == [date(2027, 3, 4), date(2027, 9, 4), date(2028, 3, 4)]
    assert all(meeting.all_day and meeting.first_day == meeting.last_day for meeting in occurrences)
    # September's all-day meeting runs from BST midnight to BST midnight.
    september = occurrences[1]
    assert september.starts_at.replace(tzinfo=UTC) == datetime(2027, 9, 3, 23, tzinfo=UTC)


def test_occurrences_stop_at_the_horizon_and_are_topped_up_idempotently(client, login, secretariat, app) -> None:
    login(secretariat)
    first = date.today() + timedelta(days=1)
    assert submit(client, NEW, series_form(first, recurrence="weekly")).status_code == 303
    assert len(_occurrences()) == BATCH
    made = extend_all_series()
    assert made == BATCH
    assert len(_occurrences()) == 2 * BATCH
    assert len({m.original_start for m in _occurrences()}) == 2 * BATCH
    result = app.test_cli_runner().invoke(args=["meetings", "extend-series"])
    assert result.exit_code == 0, result.output
    assert len(_occurrences()) == 3 * BATCH
    # Far enough ahead, nothing more is made.
    for _ in range(3):
        extend_all_series()
    total = len(_occurrences())
    assert extend_all_series() == 0
    assert len(_occurrences()) == total
    latest = max(m.starts_at for m in _occurrences()).replace(tzinfo=UTC)
    assert latest < datetime.now(UTC) + timedelta(days=2 * 366 + 8)


def test_moving_one_occurrence_leaves_the_others(client, login, convenor) -> None:
    login(convenor)
    submit(client, NEW, series_form(FIRST, count="4"))
    second = _occurrences()[1]
    form = meeting_form(second.first_day + timedelta(days=1), title=second.title, format="online", venue="",
                        join_link=second.join_link)
    assert submit(client, f"/meetings/{second.id}/edit", form).status_code == 303
    occurrences = _occurrences()
    assert occurrences[1].is_moved
    assert occurrences[1].starts_at.replace(tzinfo=UTC) == london_to_utc(date(2027, 2, 10), time(10))
    original = occurrences[1].original_start
    assert original is not None and original.replace(tzinfo=UTC) == london_to_utc(date(2027, 2, 9), time(10))
    assert not any(meeting.is_moved for index, meeting in enumerate(occurrences) if index != 1)
    assert "Moved from" in text_of(client.get(f"/meetings/{second.id}"))


def test_cancelling_one_occurrence_leaves_the_others(client, login, convenor) -> None:
    login(convenor)
    submit(client, NEW, series_form(FIRST, count="4"))
    third = _occurrences()[2]
    assert submit(client, f"/meetings/{third.id}/cancel", {}).status_code == 303
    assert [meeting.status for meeting in _occurrences()] == ["scheduled", "scheduled", "cancelled", "scheduled"]


def test_editing_the_series_changes_future_occurrences_only(client, login, secretariat, app) -> None:
    login(secretariat)
    first = date.today() - timedelta(days=21)
    submit(client, NEW, series_form(first, recurrence="weekly", count="6"))
    [series] = series_rows()
    cancelled = _occurrences()[-1]
    submit(client, f"/meetings/{cancelled.id}/cancel", {})
    response = submit(client, f"/series/{series.id}/edit", {"title": "Innovation leads call", "description": "New"})
    assert response.status_code == 303
    occurrences = _occurrences()
    now = datetime.now(UTC)
    for meeting in occurrences:
        upcoming = meeting.starts_at.replace(tzinfo=UTC) > now and meeting.status != "cancelled"
        assert (meeting.title == "Innovation leads call") == upcoming
        assert meeting.ical_sequence == (1 if upcoming else (1 if meeting.status == "cancelled" else 0))
    assert series_rows()[0].ical_sequence == 1
    assert audit_actions()[-1] == "series.updated"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"title": ""}, "Enter a title"),
    ({"recurrence": ""}, "Choose how often the series meets"),
    ({"first_date": None}, "Enter the date of the first meeting"),
    ({"end_time": "09:00"}, "The meetings must end after they start"),
    ({"count": "0"}, "Enter the number of meetings as a whole number between 1 and 500"),
    ({"count": "3", "until_date": date(2027, 6, 1)}, "Enter a number of meetings or a last date, not both"),
    ({"until_date": date(2026, 12, 1)}, "The last date must be on or after the date of the first meeting"),
    ({"format": "online", "join_link": ""}, "Enter the link to join the meeting online"),
    ({"papers_days": "400"}, "Enter the number of days as a whole number between 0 and 365"),
    ({"recurrence": "custom", "custom_rule": "FREQ=HOURLY"}, "Choose how often the series meets"),
])
def test_bad_series_input_writes_nothing(client, login, convenor, overrides, message) -> None:
    login(convenor)
    response = submit(client, NEW, series_form(FIRST, **overrides))
    assert response.status_code == 400
    assert message in text_of(response)
    assert count(MeetingSeries) == 0 and count(Meeting) == 0


def test_staff_may_use_a_custom_rule_and_bad_rules_are_explained(client, login, secretariat) -> None:
    login(secretariat)
    assert "Custom rule (RFC 5545 RRULE)" in text_of(client.get(NEW))
    response = submit(client, NEW, series_form(FIRST, recurrence="custom", custom_rule="FREQ=HOURLY"))
    assert response.status_code == 400
    assert "The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY" in text_of(response)
    response = submit(client, NEW, series_form(FIRST, recurrence="custom", custom_rule="FREQ=MONTHLY;BYDAY=1WE"))
    assert response.status_code == 400
    assert "The date of the first meeting must fit the rule" in text_of(response)
    assert count(MeetingSeries) == 0
    response = submit(client, NEW, series_form(FIRST, recurrence="custom",
                                               custom_rule="FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;COUNT=3"))
    assert response.status_code == 303
    assert [m.first_day for m in _occurrences()] == [date(2027, 1, 12), date(2027, 3, 9), date(2027, 5, 11)]


def test_convenors_are_not_offered_custom_rules(client, login, convenor) -> None:
    login(convenor)
    assert "Custom rule (RFC 5545 RRULE)" not in text_of(client.get(NEW))


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_only_managers_set_up_series(request, client, login, who) -> None:
    login(request.getfixturevalue(who))
    assert client.get(NEW).status_code == 403
    assert client.get("/networks/skills-forum/series/new").status_code == 403


def test_series_page_permissions(client, login, convenor, member, outsider) -> None:
    login(convenor)
    submit(client, NEW, series_form(FIRST, count="2"))
    [series] = series_rows()
    assert client.get(f"/series/{series.id}/edit").status_code == 200
    login(member)  # not in the Innovation Leads Network
    assert client.get(f"/series/{series.id}").status_code == 404
    assert client.get(f"/series/{series.id}/edit").status_code == 404
    client.delete_cookie("zn_session")
    assert client.get(f"/series/{series.id}").status_code == 404
    assert client.get("/series/999").status_code == 404


def test_members_see_a_series_but_cannot_edit_it(client, login, member, secretariat) -> None:
    login(secretariat)
    submit(client, "/networks/skills-forum/series/new", series_form(FIRST, count="2"))
    [series] = series_rows()
    login(member)
    body = text_of(client.get(f"/series/{series.id}"))
    assert "Meetings in this series" in body and "Edit the series" not in body
    assert client.get(f"/series/{series.id}/edit").status_code == 403
    meeting = _occurrences()[0]
    assert "See every meeting in this series" in text_of(client.get(f"/meetings/{meeting.id}"))


def test_each_occurrence_gets_its_papers_deadline(client, login, convenor) -> None:
    login(convenor)
    submit(client, NEW, series_form(FIRST, count="2", papers_days="7"))
    for meeting in _occurrences():
        assert meeting.papers_deadline is not None
        assert london_wall(meeting.papers_deadline) == london_wall(meeting.starts_at) - timedelta(days=7)


def test_bad_series_edit_writes_nothing(client, login, convenor) -> None:
    login(convenor)
    submit(client, NEW, series_form(FIRST, count="2"))
    [series] = series_rows()
    response = submit(client, f"/series/{series.id}/edit", {"title": "", "description": "x"})
    assert response.status_code == 400
    assert "Enter a title" in text_of(response)
    [unchanged] = series_rows()
    assert unchanged.title == "Innovation leads monthly call" and unchanged.ical_sequence == 0
    assert audit_actions() == ["series.created"]
