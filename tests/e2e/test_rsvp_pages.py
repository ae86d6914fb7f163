"""Answering a meeting, the waiting list, substitutes and attendance in a real browser, with axe on every state."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD, make_user
from zone_networks.accounts.models import User
from zone_networks.meetings.series_services import SeriesDetails, create_series
from zone_networks.meetings.services import MeetingDetails, create_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Membership, Network

pytestmark = pytest.mark.browser


def _forum(db: Any) -> Network:
    return db.session.scalars(select(Network).where(Network.slug == "skills-forum")).one()


@pytest.fixture()
def meeting_ids(db: Any, member: User, official: User, secretariat: User) -> dict[str, int]:
    """A one-place forum meeting next week (the official holds the place), a weekly series that has begun,
    and a colleague of the member's in the forum."""
    forum = _forum(db)
    colleague = make_user("colleague@humber.example", "humber-freeport", name="Cara Colleague")
    db.session.add(Membership(user_id=colleague.id, network_id=forum.id, role="member", status="active"))
    day = london_today() + timedelta(days=7)
    meeting = create_meeting(secretariat, forum, MeetingDetails(
        title="Skills Forum, spring", starts_at=london_to_utc(day, time(10)), ends_at=london_to_utc(day, time(12)),
        format="in_person", venue="1 Victoria Street\nLondon", capacity=1))
    first = london_today() - timedelta(days=13)
    _series, made = create_series(secretariat, forum, SeriesDetails(
        title="Weekly skills call", rrule="FREQ=WEEKLY", starts_at=london_to_utc(first, time(10)),
        duration_minutes=60, venue="Room 1"))
    ids = {"meeting": meeting.id, "past": made[0].id, "series": made[0].series_id or 0}
    db.session.remove()  # keep no transaction open on the shared database
    return ids


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_answer_wait_send_a_substitute_and_record_attendance(page: Page, live_server: LiveServer,
                                                             meeting_ids: dict[str, int]) -> None:
    meeting = meeting_ids["meeting"]
    _sign_in(page, "official@gov.wales.example")
    page.goto(f"/meetings/{meeting}")
    page.get_by_label("Yes, I will come").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("You said you will come. You have a place.")).to_be_visible()
    _sign_out(page)

    _sign_in(page, "member@humber.example")
    page.goto(f"/meetings/{meeting}")
    expect(page.get_by_role("heading", name="Who is coming")).to_be_visible()
    assert_accessible(page, "meeting page with the answer form")
    page.goto(f"/meetings/{meeting}/rsvp")
    page.get_by_role("button", name="Save your answer").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert_accessible(page, "answer page with an error")
    summary.get_by_role("link", name="Select yes, no or maybe").click()
    expect(page.get_by_label("Yes, I will come")).to_be_focused()
    page.get_by_label("Yes, I will come").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("The meeting is full. You are number 1 on the waiting list.").first).to_be_visible()
    assert_accessible(page, "meeting page, on the waiting list")

    page.get_by_role("link", name="Send someone from your zone in your place").click()
    page.get_by_role("button", name="Send them in my place").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose who will go in your place")
    assert_accessible(page, "substitute page with an error")
    page.get_by_label("Who will go in your place?").select_option(label="Cara Colleague, Lead")
    page.get_by_role("button", name="Send them in my place").click()
    expect(page.get_by_text("No. You are sending Cara Colleague in your place.")).to_be_visible()
    _sign_out(page)

    _sign_in(page, "secretariat@zones.example")
    page.goto(f"/meetings/{meeting}")
    expect(page.get_by_role("cell", name="Yes, number 1 on the waiting list")).to_be_visible()
    assert_accessible(page, "meeting page for the secretariat, with every answer")

    page.goto(f"/meetings/{meeting_ids['past']}")
    page.get_by_role("link", name="Record who came").click()
    page.get_by_label("Mina Member (Humber Freeport)").check()
    page.get_by_label("Olwen Official (Welsh Government)").check()
    assert_accessible(page, "attendance form")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved: 2 people came.")).to_be_visible()
    expect(page.get_by_role("heading", name="Who came")).to_be_visible()
    assert_accessible(page, "meeting page with attendance")

    page.goto(f"/series/{meeting_ids['series']}")
    expect(page.get_by_role("table", name="By zone")).to_contain_text("Humber Freeport")
    assert_accessible(page, "series page with attendance across meetings")
