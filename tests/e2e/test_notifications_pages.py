"""Notifications in a real browser: the header badge, the list, the settings page (axe on each), and the badge
counting up live when someone posts a challenge in the person's network."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.challenges.support import EAST, HUMBER, lead, make_challenge
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture()
def leads(db: Any) -> dict[str, Any]:
    """Two innovation leads; the poster has posted one challenge, so the peer has one notification."""
    poster = lead("poster@humber.example", HUMBER, name="Pat Poster")
    peer = lead("peer@east.example", EAST, name="Priya Peer")
    make_challenge(poster, title="Not enough welders for offshore wind")
    data = {"poster": poster.email, "peer": peer.email}
    db.session.remove()
    return data


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_list_settings_and_live_badge(new_context: Any, live_server: LiveServer, leads: dict[str, Any]) -> None:
    peer_context: BrowserContext = new_context()
    poster_context: BrowserContext = new_context()
    peer = peer_context.new_page()
    _sign_in(peer, leads["peer"])
    badge = peer.get_by_role("link", name="Notifications (1) unread")
    expect(badge).to_be_visible()

    badge.click()
    expect(peer.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(peer.get_by_text("New", exact=True)).to_have_count(1)
    assert_accessible(peer, "/notifications")

    peer.get_by_role("link", name="Choose how we email you about notifications").click()
    expect(peer.get_by_role("heading", level=1)).to_have_text("How we email you about notifications")
    assert_accessible(peer, "/notifications/settings")
    peer.get_by_role("group", name="When someone mentions you").get_by_label("Never").check()
    peer.get_by_role("button", name="Save your choices").click()
    expect(peer.get_by_text("Your email choices have been saved")).to_be_visible()

    peer.wait_for_function("() => window.ZoneLive && window.ZoneLive.socket && window.ZoneLive.socket.connected")
    poster = poster_context.new_page()
    _sign_in(poster, leads["poster"])
    poster.goto("/challenges/new")
    poster.get_by_label("Title").fill("Hydrogen safety training")
    poster.get_by_label("Net zero").check()
    poster.get_by_label("The problem").fill("No course for hydrogen safety near us.")
    poster.get_by_label("What help you want").fill("A provider other zones used.")
    poster.get_by_role("button", name="Post challenge").click()
    expect(poster.get_by_role("heading", level=1)).to_contain_text("Hydrogen safety training")

    # The peer's page was not reloaded: the badge counts up and the news is announced politely.
    expect(peer.get_by_role("link", name="Notifications (2) unread")).to_be_visible()
    expect(peer.locator("[data-zn-notifications-status]")).to_contain_text("New notification:")
    expect(peer.locator("[data-zn-notifications-status]")).to_contain_text("Hydrogen safety training")

    peer.get_by_role("link", name="Notifications (2) unread").click()
    peer.get_by_role("button", name="Hydrogen safety training", exact=False).first.click()
    expect(peer.get_by_role("heading", level=1)).to_contain_text("Hydrogen safety training")
    expect(peer.get_by_role("link", name="Notifications (1) unread")).to_be_visible()

    peer.goto("/notifications")
    peer.get_by_role("button", name="Mark all as read").click()
    expect(peer.get_by_text("All your notifications are marked as read")).to_be_visible()
    expect(peer.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert_accessible(peer, "/notifications after marking all as read")
