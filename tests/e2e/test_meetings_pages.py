"""Scheduling in a real browser: the secretariat schedules a meeting with the GOV.UK date input, and every
meetings page (lists, a meeting, the forms with and without errors, a series) passes axe."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.series_services import SeriesDetails, create_series
from zone_networks.meetings.services import MeetingDetails, create_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network

pytestmark = pytest.mark.browser


@pytest.fixture()
def scheduled(db: Any, member: User, secretariat: User) -> dict[str, Any]:
    """A public hybrid Skills Forum meeting and a monthly series; who signs in."""
    network = db.session.query(Network).filter_by(slug="skills-forum").one()
    day = london_today() + timedelta(days=10)
    meeting = create_meeting(secretariat, network, MeetingDetails(
        title="Autumn Skills Forum", starts_at=london_to_utc(day, time(10)), ends_at=london_to_utc(day, time(16)),
        format="hybrid", venue="1 Victoria Street\nLondon", join_link="https://meet.example.gov.uk/forum",
        capacity=40, is_public=True, description="Bring **one** example of what worked.",
    ))
    first = london_today() + timedelta(days=3)
    series, _made = create_series(secretariat, network, SeriesDetails(
        title="Skills leads catch-up", rrule="FREQ=WEEKLY;COUNT=3", starts_at=london_to_utc(first, time(9)),
        duration_minutes=30, format="online", join_link="https://meet.example.gov.uk/catch-up",
    ))
    data = {"meeting": meeting.id, "series": series.id, "member": member.email, "secretariat": secretariat.email}
    db.session.remove()
    return data


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_anyone_sees_a_public_meeting_and_the_pages_are_accessible(page: Page, live_server: LiveServer,
                                                                  scheduled: dict[str, Any]) -> None:
    page.goto("/meetings")
    expect(page.get_by_role("link", name="Autumn Skills Forum")).to_be_visible()
    assert_accessible(page, "/meetings (signed out)")
    page.get_by_role("link", name="Autumn Skills Forum").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Autumn Skills Forum")
    expect(page.get_by_text("meet.example.gov.uk/forum")).to_have_count(0)
    assert_accessible(page, "a public meeting (signed out)")


def test_secretariat_schedules_a_meeting_in_the_browser(page: Page, live_server: LiveServer,
                                                       scheduled: dict[str, Any], db: Any) -> None:
    _sign_in(page, scheduled["secretariat"])
    for path in ("/meetings", "/meetings?when=past", f"/meetings/{scheduled['meeting']}",
                 f"/meetings/{scheduled['meeting']}/edit", f"/meetings/{scheduled['meeting']}/cancel",
                 "/networks/skills-forum/meetings", f"/series/{scheduled['series']}",
                 f"/series/{scheduled['series']}/edit", "/networks/skills-forum/series/new"):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(page, path)

    page.goto("/networks/skills-forum/meetings/new")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "the meeting form with errors")

    day = london_today() + timedelta(days=40)
    page.get_by_label("Title").fill("Spring Skills Forum")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill(str(day.day))
    start.get_by_label("Month").fill(str(day.month))
    start.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time (UK time)").fill("2pm")
    page.get_by_label("End time (UK time)").fill("16:30")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Link to join online (for online and hybrid meetings)").fill("https://meet.example.gov.uk/s")
    page.get_by_role("button", name="Save meeting").click()

    expect(page.get_by_text("Meeting scheduled.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring Skills Forum")
    expect(page.get_by_text("2pm to 4:30pm")).to_be_visible()
    db.session.expire_all()
    meeting = db.session.query(Meeting).filter_by(title="Spring Skills Forum").one()
    assert meeting.starts_at.replace(tzinfo=None) == london_to_utc(day, time(14)).replace(tzinfo=None)
    assert_accessible(page, "a new meeting")
