"""Case studies in a real browser: a member writes one (with a mistake first), publishes it, and every case
study page (list with filters, the form with and without errors, the page, its history and a revision) passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.casestudies.support import make_case_study, make_document
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User

pytestmark = pytest.mark.browser


@pytest.fixture()
def library(db: Any, member: User, outsider: User) -> dict[str, Any]:
    """A public case study with figures, a members-only one, and a document the member may attach."""
    make_case_study(outsider, title="Wrexham welding academy", zones=("wrexham-and-flintshire-investment-zone",),
                    is_public=True, people_trained=120, people_trained_source="Academy records")
    make_case_study(outsider, title="Members-only story", zones=("wrexham-and-flintshire-investment-zone",))
    make_document("skills-forum", title="Forum skills plan")
    data = {"member": member.email}
    db.session.remove()
    return data


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_signed_out_visitors_see_public_case_studies(page: Page, live_server: LiveServer,
                                                     library: dict[str, Any]) -> None:
    page.goto("/case-studies")
    expect(page.get_by_role("link", name="Wrexham welding academy")).to_be_visible()
    expect(page.get_by_role("link", name="Members-only story")).to_have_count(0)
    expect(page.get_by_text("120 people trained")).to_be_visible()
    assert_accessible(page, "/case-studies (signed out)")
    page.get_by_role("link", name="Wrexham welding academy").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wrexham welding academy")
    expect(page.get_by_role("table", name="Outcome figures and where each comes from")).to_contain_text("120")
    assert_accessible(page, "a public case study (signed out)")


def test_a_member_writes_publishes_and_edits_a_case_study(page: Page, live_server: LiveServer,
                                                          library: dict[str, Any]) -> None:
    _sign_in(page, library["member"])
    page.goto("/case-studies")
    page.get_by_role("button", name="Apply filters").click()  # the filter form works (no filters chosen)
    page.get_by_label("Wales").check()
    page.get_by_label("Has outcome figures").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="Wrexham welding academy")).to_be_visible()
    expect(page.get_by_role("link", name="Remove this filter: Wales")).to_be_visible()
    assert_accessible(page, "/case-studies with filters")

    page.get_by_role("link", name="Write a case study").click()
    expect(page.get_by_label("Humber Freeport")).to_be_checked()  # the author's zone
    assert_accessible(page, "the new case study form")
    page.get_by_label("Title").fill("Offshore wind skills centre")
    page.get_by_role("group", name="Jobs created").get_by_label("Figure", exact=True).fill("1,200")
    page.get_by_role("button", name="Save case study").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a summary")
    expect(summary).to_contain_text("Enter where the figure for jobs created comes from")
    expect(page).to_have_title("Error: Write a case study - Zone Networks")
    assert_accessible(page, "the case study form with errors")
    summary.get_by_role("link", name="Enter where the figure for jobs created comes from").click()
    expect(page.locator("#jobs_created_source")).to_be_focused()

    page.get_by_label("Summary").fill("Training turbine technicians for the Humber.")
    page.locator("#jobs_created_source").fill("Company report 2025")
    page.get_by_label("Skills", exact=True).check()
    page.get_by_label("The challenge (optional until you publish)").fill("Not enough **technicians**.")
    page.get_by_label("What was done (optional until you publish)").fill("A new training centre.")
    page.get_by_label("Forum skills plan").check()
    page.get_by_role("button", name="Save case study").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Offshore wind skills centre")
    expect(page.get_by_text("This is a draft")).to_be_visible()
    expect(page.get_by_role("link", name="Forum skills plan")).to_be_visible()
    assert_accessible(page, "a draft case study")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Case study published.")).to_be_visible()
    page.get_by_role("link", name="Edit case study").click()
    page.get_by_label("Title").fill("Offshore wind skills centre, year two")
    page.get_by_label("What did you change? (optional)").fill("New title")
    page.get_by_role("button", name="Save case study").click()
    expect(page.get_by_text("Case study updated.")).to_be_visible()

    page.get_by_role("link", name="History of this case study").click()
    expect(page.get_by_role("table")).to_contain_text("New title")
    assert_accessible(page, "the history of a case study")
    page.get_by_role("link", name="Version 3").click()
    expect(page.locator("#changes + p + ul")).to_contain_text("Title")
    assert_accessible(page, "a revision of a case study")
