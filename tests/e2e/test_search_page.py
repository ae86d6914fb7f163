"""The search page in a real browser: search, filter by kind, page through results; axe on each state.

Signed out, so only public things are found. The words are typed into the
search box and sent with the Enter key; the kind filter is ticked and applied;
the address carries everything, so the back button undoes the filter. A
search that is too long shows the GOV.UK error summary (checked with axe too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.search.page_support import make_case_study, make_document

pytestmark = pytest.mark.browser


@pytest.fixture()
def public_things(db: Any) -> None:
    """22 public documents and a public case study that mention a quayside, and a members-only document."""
    for number in range(22):
        make_document(f"Quayside paper {number:02d}", network_slug="net-zero", visibility="public",
                      text=f"The quayside at berth {number} needs strengthening for turbine blades.", commit=False)
    make_document("Quayside members paper", visibility="members", commit=False)
    db.session.commit()
    make_case_study("Quayside skills academy", status="published", is_public=True,
                    summary="Training people to work on the quayside.")
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database


def test_search_filter_and_page_through_results(page: Page, live_server: LiveServer, public_things: None) -> None:
    page.goto("/zones")
    page.get_by_role("link", name="Search", exact=True).click()
    expect(page).to_have_title("Search - Zone Networks")
    assert_accessible(page, "the empty search page")

    box = page.get_by_label("Search documents, case studies, meetings, minutes and people")
    box.fill("quayside")
    box.press("Enter")
    expect(page.locator("#results")).to_have_text("23 results")
    expect(page.locator(".zn-search-result")).to_have_count(20)
    expect(page.locator(".zn-search-result mark").first).to_have_text("Quayside")
    assert_accessible(page, "search results")

    page.get_by_label("Case studies (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results")).to_have_text("1 result")
    expect(page.locator(".zn-search-result h3")).to_have_text("Quayside skills academy")
    assert_accessible(page, "filtered search results")
    page.go_back()
    expect(page.locator("#results")).to_have_text("23 results")

    page.get_by_role("navigation", name="Pages of search results").get_by_role("link", name="Next").click()
    expect(page.locator(".zn-search-result")).to_have_count(3)
    expect(page).to_have_title("Search results for “quayside” (page 2 of 2) - Zone Networks")


def test_a_search_that_is_too_long_shows_an_error(page: Page, live_server: LiveServer, public_things: None) -> None:
    page.goto("/search?q=" + "quayside%20" * 25)
    expect(page).to_have_title("Error: Search - Zone Networks")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Search must be 200 characters or fewer")
    expect(summary).to_be_focused()
    assert_accessible(page, "the search error")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Search documents, case studies, meetings, minutes and people")).to_be_focused()


def test_search_works_without_javascript(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                                         public_things: None) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/search")
    page.get_by_label("Search documents, case studies, meetings, minutes and people").fill("turbine blades")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results")).to_have_text("22 results")
    page.get_by_label("Network").select_option("net-zero")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results")).to_have_text("22 results")
    expect(page.get_by_role("link", name="Remove this filter: Network: Net Zero")).to_be_visible()
