"""The Calendar page and a meeting's calendar links in a real browser, with axe on every state."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.meetings.services import MeetingDetails, create_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network

pytestmark = pytest.mark.browser


@pytest.fixture()
def meeting_id(db: Any, member: User, secretariat: User) -> int:
    """A Skills Forum meeting next week that the member said yes to."""
    day = london_today() + timedelta(days=7)
    forum = db.session.scalars(select(Network).where(Network.slug == "skills-forum")).one()
    meeting = create_meeting(secretariat, forum, MeetingDetails(
        title="Skills Forum, spring", starts_at=london_to_utc(day, time(10)), ends_at=london_to_utc(day, time(12)),
        format="hybrid", venue="1 Victoria Street\nLondon", join_link="https://meet.example.gov.uk/forum"))
    db.session.add(Rsvp(meeting_id=meeting.id, user_id=member.id, response="yes", status="confirmed"))
    db.session.commit()
    found = meeting.id
    db.session.remove()  # keep no transaction open on the shared database
    return found


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_calendar_links_and_feed_journey(page: Page, live_server: LiveServer, meeting_id: int) -> None:
    _sign_in(page, "member@humber.example")
    page.goto(f"/meetings/{meeting_id}")
    expect(page.get_by_role("heading", name="Add to your calendar")).to_be_visible()
    assert_accessible(page, "meeting page with calendar links")
    download = page.request.get(f"/meetings/{meeting_id}.ics")
    assert download.ok and download.headers["content-type"].startswith("text/calendar")
    assert [str(event["SUMMARY"]) for event in Calendar.from_ical(download.body()).walk("VEVENT")] == [
        "Skills Forum, spring"]

    page.get_by_role("link", name="Keep your calendar up to date with the meetings you are going to").click()
    expect(page.get_by_role("heading", name="Add meetings to your calendar", level=1)).to_be_visible()
    assert_accessible(page, "calendar page, no link yet")

    page.get_by_role("button", name="Create link").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert_accessible(page, "calendar page, with an error")
    summary.get_by_role("link", name="Select whether you want your calendar to remind you").click()
    expect(page.get_by_label("Yes, 1 day before each meeting")).to_be_focused()

    page.get_by_label("Yes, 1 day before each meeting").check()
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_text("Your calendar link has been created")).to_be_visible()
    assert_accessible(page, "calendar page, link created")
    link = page.get_by_label("Link to your meetings").input_value()
    assert link.startswith(live_server.url + "/calendar/")
    feed = page.request.get(link)
    assert feed.ok
    calendar = Calendar.from_ical(feed.body())
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Skills Forum, spring"]
    assert len(list(calendar.walk("VALARM"))) == 1
    network_link = page.get_by_label("Industrial Strategy Zones Skills Forum").input_value()
    network_feed = page.request.get(network_link)
    assert network_feed.ok
    assert [str(event["SUMMARY"]) for event in Calendar.from_ical(network_feed.body()).walk("VEVENT")] == [
        "Skills Forum, spring"]

    page.goto("/account/calendar")
    assert link not in page.content()  # shown once only
    assert_accessible(page, "calendar page, link exists")
    page.get_by_role("button", name="Turn off calendar link").click()
    expect(page.get_by_text("Your calendar link is turned off")).to_be_visible()
    assert_accessible(page, "calendar page, turned off")
    assert page.request.get(link).status == 404
