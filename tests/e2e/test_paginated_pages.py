"""Long people lists in a real browser: page 2 of the Net Zero members (and the other paginated lists) pass axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.bulk_people import add_people
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User

pytestmark = pytest.mark.browser


@pytest.fixture()
def crowd(db: Any, member: User, secretariat: User) -> dict[str, str]:
    """Net Zero and the Humber Freeport with 60 people each (so each list has a second page); who signs in."""
    add_people(59, networks=["net-zero", "skills-forum"])
    emails = {"member": member.email, "secretariat": secretariat.email}
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database
    return emails


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_page_two_of_the_net_zero_members_is_accessible(page: Page, live_server: LiveServer,
                                                        crowd: dict[str, str]) -> None:
    _sign_in(page, crowd["member"])
    page.goto("/networks/net-zero")
    members = page.get_by_role("navigation", name="Pages of members")
    expect(members).to_be_visible()
    members.get_by_role("link", name="Next page").click()

    expect(page).to_have_url(re.compile(r"/networks/net-zero\?page=2#members$"))
    expect(page.get_by_text("Showing 51 to 60 of 60 members")).to_be_visible()
    expect(page.locator("#members ~ table tbody tr")).to_have_count(10)
    expect(members.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    assert_accessible(page, "Net Zero members, page 2")

    members.get_by_role("link", name="Previous page").click()
    expect(page).to_have_url(re.compile(r"/networks/net-zero#members$"))
    expect(page.get_by_text("Showing 1 to 50 of 60 members")).to_be_visible()


def test_other_paginated_people_lists_are_accessible(page: Page, live_server: LiveServer,
                                                     crowd: dict[str, str]) -> None:
    _sign_in(page, crowd["secretariat"])
    for path, showing in (("/networks/net-zero/members?page=2", "Showing 51 to 60 of 60 members"),
                          ("/zones/humber-freeport?page=2", "Showing 51 to 60 of 60 people")):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.get_by_text(showing)).to_be_visible()
        assert_accessible(page, path)
