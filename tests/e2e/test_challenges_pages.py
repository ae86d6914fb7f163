"""The challenge board in a real browser: the board with filters, the form with errors, a challenge page with an
offer, "we have this too", and a new challenge announced live on the board; axe passes on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.challenges.support import EAST, HUMBER, lead, make_challenge, make_offer
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture()
def board(db: Any) -> dict[str, Any]:
    """Two innovation leads (Humber, Freeport East) and a challenge from Humber with one offer of help."""
    poster = lead("poster@humber.example", HUMBER, name="Pat Poster")
    peer = lead("peer@east.example", EAST, name="Priya Peer")
    helper = lead("helper@glasgow.example", "glasgow-city-region-investment-zone", name="Hal Helper")
    challenge = make_challenge(poster)
    make_offer(helper, challenge, person_id=peer.id)
    data = {"poster": poster.email, "peer": peer.email, "challenge_id": challenge.id}
    db.session.remove()
    return data


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_board_a_challenge_and_the_form(page: Page, live_server: LiveServer, board: dict[str, Any]) -> None:
    _sign_in(page, board["peer"])
    page.goto("/challenges")
    expect(page.get_by_role("link", name="Not enough welders for offshore wind")).to_be_visible()
    assert_accessible(page, "/challenges")
    page.get_by_label("Help found").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No challenges match these filters.")).to_be_visible()
    expect(page.get_by_role("link", name="Remove this filter: Help found")).to_be_visible()
    assert_accessible(page, "/challenges with filters")
    page.get_by_role("link", name="Clear filters").click()

    page.get_by_role("link", name="Not enough welders for offshore wind").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Not enough welders for offshore wind")
    expect(page.locator(".zn-offer")).to_contain_text("Hal Helper")
    expect(page.locator(".zn-offer").get_by_role("link", name="Priya Peer")).to_be_visible()
    assert_accessible(page, "a challenge page")
    page.get_by_role("button", name="We have this too").click()
    expect(page.get_by_text("We have added Freeport East")).to_be_visible()
    expect(page.get_by_role("button", name="We have this too")).to_have_count(0)

    page.get_by_role("button", name="Offer help").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your offer of help")
    assert_accessible(page, "a challenge page with an offer error")
    page.get_by_label("Your offer of help").fill("We ran a welding academy with Suffolk college.")
    page.get_by_role("button", name="Offer help").click()
    expect(page.get_by_text("Your offer of help has been posted.")).to_be_visible()
    expect(page.get_by_text("We ran a welding academy with Suffolk college.")).to_be_visible()

    page.goto("/challenges/new")
    page.get_by_role("button", name="Post challenge").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    expect(page).to_have_title("Error: Post a challenge - Zone Networks")
    assert_accessible(page, "/challenges/new with errors")


def test_a_new_challenge_is_announced_on_an_open_board(new_context: Any, live_server: LiveServer,
                                                       board: dict[str, Any]) -> None:
    watcher_context: BrowserContext = new_context()
    poster_context: BrowserContext = new_context()
    watcher = watcher_context.new_page()
    author = poster_context.new_page()
    _sign_in(watcher, board["peer"])
    watcher.goto("/challenges")
    watcher.wait_for_function("() => window.ZoneLive && window.ZoneLive.socket && window.ZoneLive.socket.connected")

    _sign_in(author, board["poster"])
    author.goto("/challenges/new")
    author.get_by_label("Title").fill("Hydrogen safety training")
    author.get_by_label("Net zero").check()
    author.get_by_label("The problem").fill("No course for hydrogen safety near us.")
    author.get_by_label("What help you want").fill("A provider other zones used.")
    author.get_by_role("button", name="Post challenge").click()
    expect(author.get_by_role("heading", level=1)).to_contain_text("Hydrogen safety training")

    notice = watcher.locator("#new-challenges")
    expect(notice).to_contain_text("New challenge posted:")
    expect(notice.get_by_role("link", name="Hydrogen safety training")).to_be_visible()
    assert_accessible(watcher, "/challenges with a live notice")
