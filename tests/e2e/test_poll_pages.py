"""Date polls in a real browser: start a poll, answer it, schedule the chosen option, with axe on every state."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.meetings.times import london_today

pytestmark = pytest.mark.browser


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def _fill_date(page: Page, prefix: str, day: Any) -> None:
    page.locator(f"#{prefix}-day").fill(str(day.day))
    page.locator(f"#{prefix}-month").fill(str(day.month))
    page.locator(f"#{prefix}-year").fill(str(day.year))


def test_poll_journey(page: Page, live_server: LiveServer, member: User, secretariat: User, db: Any) -> None:
    db.session.remove()
    _sign_in(page, "secretariat@zones.example")
    page.goto("/networks/skills-forum/meetings")
    page.get_by_role("link", name="Find a date for a meeting").click()
    expect(page.get_by_role("heading", name="Find a date for a meeting", level=1)).to_be_visible()
    assert_accessible(page, "new poll form")

    page.get_by_role("button", name="Start the poll").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "new poll form with errors")

    page.get_by_role("button", name="Add another option").click()
    expect(page.locator("#option4_date-day")).to_be_visible()
    page.get_by_label("Title of the meeting").fill("Spring Skills Forum")
    first, second = london_today() + timedelta(days=20), london_today() + timedelta(days=27)
    _fill_date(page, "option1_date", first)
    page.locator("#option1_start").fill("10:00")
    page.locator("#option1_end").fill("12:00")
    _fill_date(page, "option2_date", second)
    page.locator("#option2_start").fill("2pm")
    page.locator("#option2_end").fill("4pm")
    page.get_by_label("Venue address (for in-person and hybrid meetings)").fill("1 Victoria Street, London")
    page.get_by_role("button", name="Start the poll").click()
    expect(page.get_by_text("Poll started.")).to_be_visible()
    assert_accessible(page, "poll page for the organiser")
    _sign_out(page)

    _sign_in(page, "member@humber.example")
    page.goto("/networks/skills-forum/meetings")
    page.get_by_role("link", name="Spring Skills Forum").click()
    page.get_by_role("button", name="Save your answers").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "poll page with answer errors")
    groups = page.locator("#answer fieldset")
    groups.nth(0).get_by_label("If need be").check()
    groups.nth(1).get_by_label("Yes").check()
    page.get_by_role("button", name="Save your answers").click()
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()
    assert_accessible(page, "poll page after answering")
    _sign_out(page)

    _sign_in(page, "secretariat@zones.example")
    page.goto("/networks/skills-forum/polls")
    assert_accessible(page, "network polls list")
    page.get_by_role("link", name="Spring Skills Forum").click()
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("Meeting scheduled and poll closed.")).to_be_visible()
    expect(page.get_by_role("heading", name="Spring Skills Forum", level=1)).to_be_visible()
    page.go_back()
    page.reload()
    expect(page.get_by_text("This poll is closed.")).to_be_visible()
    assert_accessible(page, "closed poll page")
