"""Finding a counterpart in a real browser: search, filter with the keyboard, open a profile; axe on every page.

The data is the demo data (the people `make run` shows), signed in as the demo
member through the real form. The search is a Welsh name typed without its
accent ("Sian" for Siân); the filter is chosen with the Tab, Space and Enter
keys only; the address carries both, so the back button undoes the filter. A
second test does the same without JavaScript, using a filter folded inside a
details element (axe itself needs JavaScript, so it runs in the first test only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from zone_networks.demo import DEFAULT_SEED, DEMO_PASSWORD
from zone_networks.demo.plan import DEMO_LOGINS, GIVEN_NAMES
from zone_networks.demo.services import build_demo_data

pytestmark = pytest.mark.browser

WELSH_NAME = GIVEN_NAMES[("skills", "celtic-freeport")]  # "Siân Llewelyn", the Celtic Freeport's skills lead
TYPED = "Sian"  # what someone without a Welsh keyboard types
MEMBER = DEMO_LOGINS[0]  # the Humber Freeport's skills lead


@pytest.fixture()
def demo_people(db: Any) -> None:
    """The demo data plus 60 generated people, as `flask demo --people 60` makes them."""
    build_demo_data(seed=DEFAULT_SEED, extra_people=60)
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database


def _sign_in(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(MEMBER.email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _tab_to(page: Page, target: Locator, limit: int = 120) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} could not be reached with the Tab key")


def _results(page: Page) -> Locator:
    return page.locator("ul.zn-people > li")


def _result_heading(page: Page) -> Locator:
    return page.locator("#results")


def test_search_filter_with_the_keyboard_and_open_a_profile(page: Page, live_server: LiveServer,
                                                            demo_people: None) -> None:
    _sign_in(page)
    page.get_by_role("link", name="Directory", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/directory$"))
    expect(page.get_by_role("heading", level=1, name="Directory")).to_be_visible()
    everyone = int(_result_heading(page).inner_text().split()[0])
    assert everyone > 100
    assert_accessible(page, "directory")

    # Search for a Welsh name typed without its accent.
    search = page.get_by_label("Search", exact=True)
    search.fill(TYPED)
    with page.expect_navigation():
        search.press("Enter")
    expect(page).to_have_url(re.compile(rf"/directory\?q={TYPED}$"))
    expect(page.get_by_role("link", name=WELSH_NAME)).to_be_visible()
    found = _results(page).count()
    assert 1 <= found < everyone
    expect(page.get_by_role("link", name=re.compile(rf"^Remove this filter: .{TYPED}.$"))).to_be_visible()
    assert_accessible(page, f"directory, search for {TYPED!r}")

    # Narrow to skills leads with the keyboard only: Tab to the checkbox, Space, Tab to the button, Enter.
    skills_lead = page.get_by_role("checkbox", name=re.compile(r"^Skills lead \(\d+\)$"))
    _tab_to(page, skills_lead)
    page.keyboard.press("Space")
    expect(skills_lead).to_be_checked()
    _tab_to(page, page.get_by_role("button", name="Apply filters"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/directory\?q={TYPED}&role=skills_lead$"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Skills lead \(\d+\)$"))).to_be_checked()
    expect(page.get_by_role("link", name="Remove this filter: Skills lead")).to_be_visible()
    rows = _results(page)
    assert 1 <= rows.count() <= found
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text("Skills lead")
    assert_accessible(page, "directory, search and a zone role filter")

    # The address carries the filters: back undoes the filter, forward brings it back.
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/directory\?q={TYPED}$"))
    page.go_forward()
    expect(page).to_have_url(re.compile(r"role=skills_lead"))

    # Open the profile from the results.
    page.get_by_role("link", name=WELSH_NAME).click()
    expect(page).to_have_url(re.compile(r"/people/\d+$"))
    expect(page.get_by_role("heading", level=1, name=WELSH_NAME)).to_be_visible()
    expect(page.get_by_text("Celtic Freeport").first).to_be_visible()
    expect(page.locator("#zone-roles")).to_contain_text("Skills lead")
    expect(page.locator("#about")).to_be_visible()
    assert_accessible(page, f"profile of {WELSH_NAME}")

    # One click to the counterparts: skills leads in other zones, the signed-in member among them.
    page.locator("#zone-roles").get_by_role("link", name=re.compile("Find counterparts")).first.click()
    expect(page).to_have_url(re.compile(r"/directory\?role=skills_lead&not_zone=celtic-freeport$"))
    expect(page.get_by_role("link", name=WELSH_NAME)).to_have_count(0)
    expect(page.get_by_role("link", name="Not in Celtic Freeport", exact=False)).to_be_visible()
    assert_accessible(page, "counterparts of the Celtic Freeport's skills lead")


def test_the_directory_works_without_javascript(new_context: Callable[..., BrowserContext],
                                                live_server: LiveServer, demo_people: None) -> None:
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in(page)
    page.goto("/directory")

    # The zones are folded into a details element, which opens without JavaScript.
    page.locator("summary", has_text=re.compile(r"^\s*Zone\s*$")).click()
    page.get_by_role("checkbox", name=re.compile(r"^Celtic Freeport \(\d+\)$")).check()
    page.get_by_label("Search", exact=True).fill(TYPED)
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(rf"/directory\?q={TYPED}&zone=celtic-freeport$"))
    expect(page.get_by_role("link", name=WELSH_NAME)).to_be_visible()
    rows = _results(page)
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text("Celtic Freeport")
    # No axe here: it needs JavaScript. The first test checks these pages with it.

    page.get_by_role("link", name=WELSH_NAME).click()
    expect(page.get_by_role("heading", level=1, name=WELSH_NAME)).to_be_visible()
    context.close()

