"""The Calendar page and the tokenised feeds: who gets what, revocation, alarms, and cheap reads."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from icalendar import Calendar
from sqlalchemy import func, select

from tests.helpers import submit, text_of
from tests.meetings.conftest import network
from tests.meetings.test_ical import LINK, _monthly_series, events, parse
from zone_networks.core.audit import AuditEvent
from zone_networks.core.tokens import hash_token
from zone_networks.meetings.calendar_models import CalendarToken
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership

PAGE = "/account/calendar"
_FEED = re.compile(r'value="https?://[^/"]+(/calendar/([A-Za-z0-9_-]+)\.ics)"')


def answer(db: Any, meeting: Any, user: Any, response: str, status: str | None = None) -> None:
    """Record an RSVP directly (the RSVP part has its own tests)."""
    if response == "yes" and status is None:
        status = "confirmed"
    db.session.add(Rsvp(meeting_id=meeting.id, user_id=user.id, response=response, status=status))
    db.session.commit()


def make_link(client: Any, alarm: str = "no") -> tuple[str, str]:
    """Create a feed link on the Calendar page; returns (feed path, raw token) scraped from the page."""
    response = submit(client, PAGE, {"alarm": alarm})
    assert response.status_code == 200, text_of(response)
    assert response.headers["Cache-Control"] == "no-store"
    match = _FEED.search(text_of(response))
    assert match, text_of(response)
    return match.group(1), match.group(2)


def summaries(response: Any) -> list[str]:
    """The titles in a calendar response."""
    return [str(event["SUMMARY"]) for event in events(parse(response))]


# The Calendar page -----------------------------------------------------------------------------------------------

def test_calendar_page_needs_sign_in(client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.post(PAGE + "/turn-off").status_code in (302, 400)


def test_page_without_a_link(client, login, member) -> None:
    login(member)
    page = text_of(client.get(PAGE))
    assert "Add meetings to your calendar" in page
    assert "Create link" in page
    assert "Turn off calendar link" not in page


def test_choice_is_required_and_nothing_is_written(client, login, member, db) -> None:
    login(member)
    response = submit(client, PAGE, {})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Select whether you want your calendar to remind you before each meeting" in page
    assert "Error:" in page
    response = submit(client, PAGE, {"alarm": "sometimes"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(CalendarToken.id))) == 0


def test_create_link_shows_it_once_and_stores_only_the_hash(client, login, member, db) -> None:
    login(member)
    path, raw = make_link(client, alarm="yes")
    token = db.session.scalars(select(CalendarToken)).one()
    assert token.token_hash == hash_token(raw) != raw
    assert token.with_alarm is True and token.user_id == member.id and token.network_id is None
    page = text_of(client.get(PAGE))
    assert raw not in page  # never shown again
    assert "Create a new link" in page and "1 day before each meeting" in page
    assert f"/calendar/{raw}/networks/skills-forum.ics" not in page
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed.created")).one()
    assert audit.actor_id == member.id and raw not in str(audit.details)
    assert client.get(path).status_code == 200


def test_creation_page_lists_network_feeds_for_own_networks(client, login, member) -> None:
    login(member)
    response = submit(client, PAGE, {"alarm": "no"})
    page = text_of(response)
    raw = _FEED.search(page).group(2)  # type: ignore[union-attr]
    assert f"/calendar/{raw}/networks/skills-forum.ics" in page
    assert f"/calendar/{raw}/networks/net-zero.ics" in page
    assert f"/calendar/{raw}/networks/innovation-leads.ics" not in page
    assert "webcal://" in page


def test_new_link_revokes_the_old_one(client, login, member, db) -> None:
    login(member)
    old_path, _old = make_link(client)
    new_path, _new = make_link(client, alarm="yes")
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200
    assert db.session.scalar(select(func.count(CalendarToken.id)).where(CalendarToken.revoked_at.is_(None))) == 1


def test_turn_off(client, login, member, db) -> None:
    login(member)
    path, raw = make_link(client)
    response = submit(client, PAGE + "/turn-off", {}, form_url=PAGE, follow_redirects=True)
    assert response.status_code == 200
    assert "Your calendar link is turned off" in text_of(response)
    assert client.get(path).status_code == 404
    assert client.get(f"/calendar/{raw}/networks/skills-forum.ics").status_code == 404
    assert "Create link" in text_of(client.get(PAGE))
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "calendar_feed.turned_off")) == 1


def test_turn_off_needs_csrf(client, login, member) -> None:
    login(member)
    make_link(client)
    assert client.post(PAGE + "/turn-off").status_code == 400


def test_one_persons_turn_off_leaves_others_alone(client, login, member, official) -> None:
    login(member)
    member_path, _raw = make_link(client)
    login(official)
    official_path, _raw2 = make_link(client)
    submit(client, PAGE + "/turn-off", {}, form_url=PAGE)
    assert client.get(official_path).status_code == 404
    assert client.get(member_path).status_code == 200


# The personal feed -----------------------------------------------------------------------------------------------

def test_unknown_or_odd_tokens_are_404(client, db) -> None:
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get("/calendar/" + "a" * 300 + ".ics").status_code == 404


def test_personal_feed_holds_yes_and_maybe_only(client, login, member, make_meeting, db) -> None:
    going = make_meeting(title="Going", format="hybrid", join_link=LINK)
    maybe = make_meeting(title="Maybe going", days=8)
    waiting = make_meeting(title="Waiting", days=9)
    declined = make_meeting(title="Declined", days=10)
    make_meeting(title="Not answered", days=11)
    answer(db, going, member, "yes")
    answer(db, maybe, member, "maybe")
    answer(db, waiting, member, "yes", "waitlisted")
    answer(db, declined, member, "no")
    login(member)
    path, _raw = make_link(client, alarm="yes")
    client.get("/logout")  # calendar apps have no session
    response = client.get(path)
    calendar = parse(response)
    assert summaries(response) == ["Going", "Maybe going", "Waiting"]
    assert str(calendar["X-WR-CALNAME"]) == "Your meetings (Zone Networks)"
    assert "REFRESH-INTERVAL" in calendar
    found = {str(event["SUMMARY"]): event for event in events(calendar)}
    assert LINK in str(found["Going"]["DESCRIPTION"])  # the owner is an invitee
    assert "Your answer: yes" in str(found["Going"]["DESCRIPTION"])
    assert "Your answer: maybe" in str(found["Maybe going"]["DESCRIPTION"])
    assert "waiting list" in str(found["Waiting"]["DESCRIPTION"])
    alarms = [alarm for event in events(calendar) for alarm in event.walk("VALARM")]
    assert len(alarms) == 3
    assert alarms[0].decoded("TRIGGER") == -timedelta(days=1)
    assert str(found["Going"]["UID"]) == going.uid
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_feed_without_alarm_has_no_valarm(client, login, member, make_meeting, db) -> None:
    answer(db, make_meeting(), member, "yes")
    login(member)
    path, _raw = make_link(client, alarm="no")
    calendar = parse(client.get(path))
    assert len(events(calendar)) == 1
    assert not list(calendar.walk("VALARM"))


def test_personal_feed_shows_cancellations_and_hides_drafts(client, login, member, secretariat, make_meeting,
                                                           db) -> None:
    cancelled = make_meeting(title="Called off")
    draft = make_meeting(title="Back to draft", days=8)
    answer(db, cancelled, member, "yes")
    answer(db, draft, member, "maybe")
    cancelled.status = "cancelled"
    draft.status = "draft"
    db.session.commit()
    login(member)
    path, _raw = make_link(client)
    calendar = parse(client.get(path))
    assert [(str(event["SUMMARY"]), str(event["STATUS"])) for event in events(calendar)] == [
        ("Called off", "CANCELLED")]


def test_leaving_the_network_empties_the_feed_at_once(client, login, member, make_meeting, db) -> None:
    meeting = make_meeting(format="online", venue="", join_link=LINK)
    public = make_meeting(title="Public one", is_public=True, format="online", venue="", join_link=LINK, days=8)
    answer(db, meeting, member, "yes")
    answer(db, public, member, "yes")
    login(member)
    path, raw = make_link(client)
    assert summaries(client.get(path)) == ["Skills Forum meeting", "Public one"]
    membership = db.session.scalars(select(Membership).where(
        Membership.user_id == member.id, Membership.network_id == network("skills-forum").id)).one()
    membership.status = "removed"
    db.session.commit()
    response = client.get(path)
    assert summaries(response) == ["Public one"]
    assert LINK.encode() not in response.data  # no longer an invitee: no joining link
    assert client.get(f"/calendar/{raw}/networks/skills-forum.ics").status_code == 404


def test_closed_account_feed_is_404(client, login, member, make_meeting, db) -> None:
    login(member)
    path, _raw = make_link(client)
    member.active = False
    db.session.commit()
    assert client.get(path).status_code == 404


def test_feed_in_the_owners_language(client, login, member, make_meeting, db) -> None:
    answer(db, make_meeting(), member, "yes")
    login(member)
    path, _raw = make_link(client)
    member.language = "cy"
    db.session.commit()
    assert client.get(path).status_code == 200  # built under the owner's locale (Welsh when translated)


def test_feed_etag_lets_apps_skip_unchanged_feeds(client, login, member, make_meeting, db) -> None:
    answer(db, make_meeting(), member, "yes")
    login(member)
    path, _raw = make_link(client)
    etag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_feeds_are_cheap_and_never_write(client, login, member, secretariat, make_meeting, count_queries,
                                        db) -> None:
    login(member)
    path, raw = make_link(client, alarm="yes")
    _series, _made = _monthly_series(secretariat)
    for number in range(3):
        answer(db, make_meeting(title=f"Meeting {number}", days=7 + number), member, "yes")
    network_path = f"/calendar/{raw}/networks/skills-forum.ics"
    with count_queries() as few:
        assert client.get(path).status_code == 200
    with count_queries() as few_network:
        assert client.get(network_path).status_code == 200
    for number in range(3, 12):
        answer(db, make_meeting(title=f"Meeting {number}", days=7 + number), member, "maybe")
    _monthly_series(secretariat, title="Another series")
    with count_queries() as many:
        response = client.get(path)
    assert len(events(parse(response))) == 12
    with count_queries() as many_network:
        response = client.get(network_path)
    assert len(events(parse(response))) == 14
    assert len(many) == len(few) <= 6  # token (+ the owner's zone sectors), RSVPs, memberships
    assert len(many_network) == len(few_network) <= 8
    for statement in many + many_network:
        assert not statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")), statement


# The network feed ------------------------------------------------------------------------------------------------

def test_network_feed_has_series_and_one_off_meetings(client, login, member, secretariat, make_meeting,
                                                      db) -> None:
    series, _made = _monthly_series(secretariat)
    make_meeting(title="One-off", days=3)
    make_meeting(title="Draft", status="draft", days=4)
    make_meeting("net-zero", title="Other network", days=5)
    login(member)
    _path, raw = make_link(client)
    response = client.get(f"/calendar/{raw}/networks/skills-forum.ics")
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == f"{network('skills-forum').name} meetings (Zone Networks)"
    found = events(calendar)
    assert sorted(str(event["SUMMARY"]) for event in found) == ["Innovation leads monthly", "One-off"]
    master = next(event for event in found if "RRULE" in event)
    assert str(master["UID"]) == series.uid
    assert not calendar.walk("VALARM")  # alarms are for the personal feed only


def test_network_feed_permissions(client, login, member, outsider, secretariat, official, make_meeting,
                                  db) -> None:
    make_meeting(title="Members only")
    login(outsider)
    _path, outsider_raw = make_link(client)
    assert client.get(f"/calendar/{outsider_raw}/networks/skills-forum.ics").status_code == 404
    login(official)  # an observer is an active member too
    _path, official_raw = make_link(client)
    assert summaries(client.get(f"/calendar/{official_raw}/networks/skills-forum.ics")) == ["Members only"]
    assert client.get(f"/calendar/{official_raw}/networks/no-such-network.ics").status_code == 404
    login(secretariat)  # the staff may follow any network
    _path, staff_raw = make_link(client)
    assert client.get(f"/calendar/{staff_raw}/networks/innovation-leads.ics").status_code == 200
    assert client.get("/calendar/unknown/networks/skills-forum.ics").status_code == 404


def test_network_feed_requested_membership_is_not_enough(client, login, outsider, make_meeting, db) -> None:
    db.session.add(Membership(user_id=outsider.id, network_id=network("skills-forum").id, role="member",
                              status="requested"))
    db.session.commit()
    login(outsider)
    _path, raw = make_link(client)
    assert client.get(f"/calendar/{raw}/networks/skills-forum.ics").status_code == 404


def test_calendar_files_parse_with_a_standard_parser(client, login, member, secretariat, make_meeting, db) -> None:
    _monthly_series(secretariat, format="hybrid", join_link=LINK, title="Series; with, commas\nand lines")
    answer(db, make_meeting(title="END:VCALENDAR, really; yes"), member, "yes")
    login(member)
    path, raw = make_link(client, alarm="yes")
    for url in (path, f"/calendar/{raw}/networks/skills-forum.ics"):
        calendar = Calendar.from_ical(client.get(url).data)
        assert calendar.get_missing_tzids() == set()
        for event in events(calendar):
            assert event.decoded("DTSTART") and str(event["UID"])


def test_account_page_links_to_the_calendar_page(client, login, member) -> None:
    login(member)
    assert 'href="/account/calendar"' in text_of(client.get("/account"))
