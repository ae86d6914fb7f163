"""Downloading a meeting or a series as .ics: what it says, to whom, and that standard parsers read it back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from icalendar import Calendar

from tests.helpers import text_of
from tests.meetings.conftest import at_london, network
from zone_networks.core.clock import LONDON, as_utc
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.series_services import SeriesDetails, create_series
from zone_networks.meetings.services import MeetingDetails, update_meeting
from zone_networks.meetings.times import all_day_bounds, london_today

LINK = "https://meet.example.gov.uk/forum"


def parse(response: Any) -> Calendar:
    """Parse a calendar response with icalendar, checking the headers on the way."""
    assert response.status_code == 200, text_of(response)
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def events(calendar: Calendar) -> list[Any]:
    """The calendar's VEVENTs."""
    return list(calendar.walk("VEVENT"))


def original(meeting: Meeting) -> datetime:
    """An occurrence's original start (its RECURRENCE-ID), in UTC."""
    assert meeting.original_start is not None
    return as_utc(meeting.original_start)


def test_tricky_title_round_trips_as_exactly_one_event(client, login, member, make_meeting) -> None:
    title = "Skills, plans; and\nEND:VEVENT\nBEGIN:VEVENT\nŴyl Dewi \u2013 côr, ŵ ŷ â"
    description = "Line one\r\nEND:VCALENDAR\n\n" + "Long line " * 30
    meeting = make_meeting(title=title, description=description)
    login(member)
    response = client.get(f"/meetings/{meeting.id}.ics")
    calendar = parse(response)
    found = events(calendar)
    assert len(found) == 1
    assert str(found[0]["SUMMARY"]) == title
    assert str(found[0]["DESCRIPTION"]).startswith("Line one\nEND:VCALENDAR\n\nLong line")
    # Folded per RFC 5545: no content line longer than 75 octets, and CRLF line ends.
    raw = response.data
    assert b"\r\n" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = raw.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VEVENT") == 1
    assert 'attachment; filename="meeting-' in response.headers["Content-Disposition"]


def test_ten_am_london_in_summer_and_winter(client, login, member, make_meeting) -> None:
    year = london_today().year + 1
    summer = make_meeting(title="Summer", starts_at=at_london(date(year, 7, 15), 10),
                          ends_at=at_london(date(year, 7, 15), 12))
    winter = make_meeting(title="Winter", starts_at=at_london(date(year, 1, 14), 10),
                          ends_at=at_london(date(year, 1, 14), 12))
    login(member)
    offsets = {}
    for meeting, day in ((summer, date(year, 7, 15)), (winter, date(year, 1, 14))):
        response = client.get(f"/meetings/{meeting.id}.ics")
        assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T100000".encode() in response.data
        assert f"DTEND;TZID=Europe/London:{day:%Y%m%d}T120000".encode() in response.data
        calendar = parse(response)
        zones = list(calendar.walk("VTIMEZONE"))
        assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
        start = events(calendar)[0].decoded("DTSTART")
        assert (start.hour, start.minute) == (10, 0)
        assert start.tzinfo is not None
        offsets[meeting.title] = start.utcoffset()
        assert as_utc(start) == as_utc(meeting.starts_at)
    assert offsets == {"Summer": timedelta(hours=1), "Winter": timedelta(0)}


def test_all_day_and_multi_day_meetings_are_dates(client, login, member, make_meeting) -> None:
    first = london_today() + timedelta(days=30)
    starts, ends = all_day_bounds(first, first + timedelta(days=1))
    meeting = make_meeting(all_day=True, starts_at=starts, ends_at=ends)
    login(member)
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert f"DTSTART;VALUE=DATE:{first:%Y%m%d}".encode() in response.data
    event = events(parse(response))[0]
    assert event.decoded("DTSTART") == first
    assert event.decoded("DTEND") == first + timedelta(days=2)  # exclusive end, after the last day


def test_uid_sequence_status_and_edits(client, login, member, secretariat, make_meeting, db) -> None:
    meeting = make_meeting()
    login(member)
    first = events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]
    again = events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]
    assert str(first["UID"]) == str(again["UID"]) == meeting.uid
    assert int(first["SEQUENCE"]) == 0
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["URL"]).endswith(f"/meetings/{meeting.id}")
    details = MeetingDetails.of(meeting)
    update_meeting(secretariat, meeting, replace(details, starts_at=as_utc(details.starts_at) + timedelta(hours=1)))
    update_meeting(secretariat, meeting, replace(MeetingDetails.of(meeting), status="cancelled"))
    event = events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"


def test_join_link_only_for_invitees(client, login, member, outsider, make_meeting) -> None:
    meeting = make_meeting(format="hybrid", join_link=LINK, is_public=True)
    response = client.get(f"/meetings/{meeting.id}.ics")  # anonymous: public meeting, no link
    assert LINK.encode() not in response.data
    assert str(events(parse(response))[0]["LOCATION"]) == "1 Victoria Street, London"
    login(outsider)
    assert LINK.encode() not in client.get(f"/meetings/{meeting.id}.ics").data
    login(member)
    event = events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]
    assert LINK in str(event["DESCRIPTION"])


def test_online_meeting_location_is_the_link_for_invitees(client, login, member, make_meeting) -> None:
    meeting = make_meeting(format="online", venue="", join_link=LINK, is_public=True)
    assert str(events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]["LOCATION"]) == "Online"
    login(member)
    assert str(events(parse(client.get(f"/meetings/{meeting.id}.ics")))[0]["LOCATION"]) == LINK


def test_download_follows_the_meeting_page_permissions(client, login, member, outsider, secretariat,
                                                      make_meeting) -> None:
    members_only = make_meeting()
    draft = make_meeting(status="draft", title="Draft one")
    assert client.get(f"/meetings/{members_only.id}.ics").status_code == 404  # anonymous
    assert client.get("/meetings/999999.ics").status_code == 404
    login(outsider)
    assert client.get(f"/meetings/{members_only.id}.ics").status_code == 404
    login(member)
    assert client.get(f"/meetings/{members_only.id}.ics").status_code == 200
    assert client.get(f"/meetings/{draft.id}.ics").status_code == 404
    login(secretariat)
    event = events(parse(client.get(f"/meetings/{draft.id}.ics")))[0]
    assert str(event["STATUS"]) == "TENTATIVE"


def test_conditional_download_with_etag(client, login, member, make_meeting) -> None:
    meeting = make_meeting()
    login(member)
    first = client.get(f"/meetings/{meeting.id}.ics")
    etag = first.headers["ETag"]
    assert client.get(f"/meetings/{meeting.id}.ics", headers={"If-None-Match": etag}).status_code == 304


def test_meeting_page_links_to_the_downloads(client, login, member, outsider, make_meeting, secretariat) -> None:
    meeting = make_meeting(is_public=True)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert f"/meetings/{meeting.id}.ics" in page
    assert "/account/calendar" not in page  # signed out: no Calendar page
    login(member)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert f"/meetings/{meeting.id}.ics" in page and "/account/calendar" in page
    series, made = _monthly_series(secretariat)
    page = text_of(client.get(f"/meetings/{made[0].id}"))
    assert f"/series/{series.id}.ics" in page


# Series -----------------------------------------------------------------------------------------------------------

def _monthly_series(secretariat: Any, **fields: Any) -> tuple[Any, list[Meeting]]:
    """A monthly series on the 2nd Tuesday at 10:00 UK time, starting next January (so it crosses BST)."""
    year = london_today().year + 1
    first = next(day for day in (date(year, 1, 1) + timedelta(days=n) for n in range(7, 14)) if day.weekday() == 1)
    values: dict[str, Any] = {
        "title": "Innovation leads monthly", "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
        "starts_at": at_london(first, 10), "duration_minutes": 90, "venue": "Glasgow", "format": "in_person",
    }
    values.update(fields)
    return create_series(secretariat, network("skills-forum"), SeriesDetails(**values))


def test_series_exports_rrule_exdate_and_moved_occurrence(client, login, member, secretariat, db) -> None:
    series, made = _monthly_series(secretariat)
    cancelled, moved = made[1], made[6]  # February (GMT) and July (BST)
    update_meeting(secretariat, cancelled, replace(MeetingDetails.of(cancelled), status="cancelled"))
    new_start = as_utc(moved.starts_at) + timedelta(days=1, hours=4)  # Wednesday 2pm
    update_meeting(secretariat, moved, replace(MeetingDetails.of(moved), starts_at=new_start,
                                                ends_at=new_start + timedelta(minutes=90)))
    login(member)
    response = client.get(f"/series/{series.id}.ics")
    calendar = parse(response)
    found = events(calendar)
    assert len(found) == 2
    master, override = found
    assert str(master["UID"]) == str(override["UID"]) == series.uid
    assert master["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=12;BYDAY=2TU"
    assert master.decoded("DTSTART") == as_utc(series.starts_at).astimezone(LONDON)
    assert master.decoded("DTSTART").hour == 10
    excluded = [value.dt for value in master["EXDATE"].dts]
    assert excluded == [original(cancelled).astimezone(LONDON)]
    assert excluded[0].hour == 10
    assert b"EXDATE;TZID=Europe/London:" in response.data
    assert override.decoded("RECURRENCE-ID") == original(moved).astimezone(LONDON)
    assert override.decoded("RECURRENCE-ID").hour == 10  # July, BST: still 10:00 London
    assert override.decoded("DTSTART").hour == 14
    assert int(override["SEQUENCE"]) >= 1
    assert 'filename="series-' in response.headers["Content-Disposition"]


def test_series_occurrence_renamed_after_the_series_is_an_override(client, login, member, secretariat, db) -> None:
    series, made = _monthly_series(secretariat)
    renamed = made[2]
    update_meeting(secretariat, renamed, replace(MeetingDetails.of(renamed), title="Special session"))
    login(member)
    found = events(parse(client.get(f"/series/{series.id}.ics")))
    assert [str(event["SUMMARY"]) for event in found] == ["Innovation leads monthly", "Special session"]


def test_all_day_series_until_is_a_date(client, login, member, secretariat, db) -> None:
    start_day = london_today() + timedelta(days=40)
    until = start_day + timedelta(days=400)
    series, _made = _monthly_series(
        secretariat, rrule=f"FREQ=MONTHLY;INTERVAL=6;UNTIL={until:%Y%m%d}", all_day=True,
        starts_at=all_day_bounds(start_day, start_day)[0], duration_minutes=1440)
    login(member)
    response = client.get(f"/series/{series.id}.ics")
    master = events(parse(response))[0]
    assert master.decoded("DTSTART") == start_day
    assert master.decoded("DTEND") == start_day + timedelta(days=1)
    assert f"UNTIL={until:%Y%m%d};".encode() in response.data or f"UNTIL={until:%Y%m%d}\r".encode() in response.data


def test_series_download_permissions_and_hidden_occurrences(client, login, member, outsider, secretariat,
                                                           db) -> None:
    series, made = _monthly_series(secretariat)
    assert client.get(f"/series/{series.id}.ics").status_code == 404
    login(outsider)
    assert client.get(f"/series/{series.id}.ics").status_code == 404
    hidden = made[3]
    update_meeting(secretariat, hidden, replace(MeetingDetails.of(hidden), status="draft"))
    login(member)
    master = events(parse(client.get(f"/series/{series.id}.ics")))[0]
    assert [value.dt for value in master["EXDATE"].dts] == [original(hidden).astimezone(LONDON)]
    login(secretariat)  # managers see the draft occurrence, as a tentative override
    found = events(parse(client.get(f"/series/{series.id}.ics")))
    assert "EXDATE" not in found[0]
    assert [str(event["STATUS"]) for event in found[1:]] == ["TENTATIVE"]


def test_draft_series_is_sent_one_by_one_to_non_managers(client, login, member, secretariat, db) -> None:
    series, made = _monthly_series(secretariat, occurrence_status="draft")
    visible = made[0]
    update_meeting(secretariat, visible, replace(MeetingDetails.of(visible), status="scheduled"))
    login(member)
    found = events(parse(client.get(f"/series/{series.id}.ics")))
    assert [str(event["UID"]) for event in found] == [visible.uid]
    assert "RRULE" not in found[0]
    login(secretariat)
    assert "RRULE" in events(parse(client.get(f"/series/{series.id}.ics")))[0]


def test_public_series_for_anonymous_visitors(client, secretariat, db) -> None:
    series, _made = _monthly_series(secretariat, is_public=True, format="hybrid", join_link=LINK)
    response = client.get(f"/series/{series.id}.ics")
    assert LINK.encode() not in response.data
    assert "RRULE" in events(parse(response))[0]


def test_london_times_survive_the_clock_change_in_rrule_expansion(client, login, member, secretariat, db) -> None:
    from dateutil.rrule import rrulestr

    series, made = _monthly_series(secretariat)
    login(member)
    master = events(parse(client.get(f"/series/{series.id}.ics")))[0]
    start = master.decoded("DTSTART")
    rule = rrulestr("RRULE:" + master["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    expanded = [wall.replace(tzinfo=LONDON) for wall in rule]
    assert [as_utc(moment) for moment in expanded] == [original(meeting) for meeting in made]
    assert {moment.time() for moment in expanded} == {time(10)}
    assert {moment.utcoffset() for moment in expanded} == {timedelta(0), timedelta(hours=1)}


def test_feed_datetimes_are_aware(db) -> None:
    # A sanity check on the fixture helper the tests rely on.
    assert at_london(date(2030, 7, 1), 10) == datetime(2030, 7, 1, 9, tzinfo=as_utc(datetime(2030, 1, 1)).tzinfo)


def test_series_page_links_to_the_series_download(client, login, member, secretariat, db) -> None:
    series, _made = _monthly_series(secretariat)
    login(member)
    assert f"/series/{series.id}.ics" in text_of(client.get(f"/series/{series.id}"))
