"""From the invitation email to a signed-in network page, in a real browser, with axe on every page.

The secretariat signs in through the real form (with the keyboard only),
invites an email address to the Net Zero Network, the test reads the email
from the server's outbox, and the invitee opens the link in another browser,
first submits the form empty (the error summary must be accessible too), then
sets up their account and lands signed in on the network page. A second test
signs in and reads a network page with JavaScript turned off.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from sqlalchemy import select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.networks.models import Membership, Network

pytestmark = pytest.mark.browser

INVITEE = "nadia.newcomer@humber.example"
NEW_PASSWORD = "tidal barrage lighthouse 7"


def _tab_to(page: Page, target: Locator, limit: int = 60) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} could not be reached with the Tab key")


def _sign_in_with_keyboard(page: Page, email: str, password: str) -> None:
    """Sign in on /login using only the keyboard: Tab to each field, type, press Enter."""
    page.goto("/login")
    email_field = page.get_by_label("Email address")
    password_field = page.get_by_label("Password", exact=True)
    _tab_to(page, email_field)
    page.keyboard.type(email)
    _tab_to(page, password_field, limit=5)
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def _invitation_link(server: LiveServer, to: str) -> str:
    emails = server.emails()
    assert len(emails) == 1, f"expected one email in {server.outbox}, found {len(emails)}"
    message: Any = BytesParser(policy=policy.default).parsebytes(emails[0].read_bytes())
    assert message["To"] == to
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+/invitations/\S+", body)
    assert len(links) == 1, body
    assert links[0].startswith(server.url + "/"), f"the link should use SERVER_BASE_URL: {links[0]}"
    return str(links[0])


def test_invitation_email_to_signed_in_network_page(
    page: Page, new_context: Any, live_server: LiveServer, db: Any, secretariat: User
) -> None:
    secretariat_email = secretariat.email
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database

    # The secretariat signs in with the keyboard only.
    page.goto("/login")
    assert_accessible(page, "sign in")
    _sign_in_with_keyboard(page, secretariat_email, TEST_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page, "the secretariat's first page after signing in")
    page.goto("/admin")
    assert_accessible(page, "secretariat home")

    # ...and invites someone to the Net Zero Network.
    page.goto("/admin/invitations/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    assert_accessible(page, "new invitation")
    page.get_by_label("Email address").fill(INVITEE)
    page.get_by_role("group", name="Role in the Net Zero Network").get_by_label("Member", exact=True).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_text(INVITEE).first).to_be_visible()
    assert_accessible(page, "invitations after sending")
    page.goto("/admin/invitations")
    assert_accessible(page, "invitations")

    # The invitee opens the link from the email in their own browser.
    link = _invitation_link(live_server, INVITEE)
    invitee_context: BrowserContext = new_context()
    invitee = invitee_context.new_page()
    response = invitee.goto(link)
    assert response is not None and response.status == 200
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Set up your account")
    assert_accessible(invitee, "invitation acceptance")

    # Submitting the form empty shows the GOV.UK error summary, which must be accessible too.
    invitee.get_by_role("button", name="Create account and join").click()
    summary = invitee.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves the focus to the summary
    assert invitee.title().startswith("Error:")
    assert_accessible(invitee, "invitation acceptance with errors")
    # Each error links to its field.
    summary.get_by_role("link", name="Enter your full name").click()
    expect(invitee.get_by_label("Full name")).to_be_focused()

    invitee.get_by_label("Full name").fill("Nadia Newcomer")
    invitee.get_by_label("Organisation").select_option(label="Humber Freeport")
    invitee.get_by_label("Job title").fill("Net zero programme manager")
    invitee.get_by_label("Create a password", exact=True).fill(NEW_PASSWORD)
    invitee.get_by_label("Confirm password", exact=True).fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Create account and join").click()

    # Signed in, on the network page.
    expect(invitee).to_have_url(f"{live_server.url}/networks/net-zero")
    expect(invitee.get_by_role("heading", level=1)).to_contain_text("Net Zero Network")
    expect(invitee.locator(".govuk-notification-banner--success")).to_contain_text("Welcome to Zone Networks")
    expect(invitee.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(invitee, "network page")

    for path in ("/zones", "/zones/humber-freeport", "/networks", "/", "/account"):
        response = invitee.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(invitee, path)
    expect(invitee.get_by_text("Nadia Newcomer").first).to_be_visible()

    # The account and the membership really exist.
    user = db.session.execute(select(User).filter_by(email=INVITEE)).scalar_one()
    assert (user.name, user.job_title, user.organisation.slug) == (
        "Nadia Newcomer", "Net zero programme manager", "humber-freeport",
    )  # fmt: skip
    membership = db.session.execute(
        select(Membership).join(Network).where(Membership.user_id == user.id, Network.slug == "net-zero")
    ).scalar_one()
    assert (membership.status, membership.role) == ("active", "member")


def test_sign_in_and_read_a_network_without_javascript(new_context: Any, live_server: LiveServer, member: User) -> None:
    context: BrowserContext = new_context(java_script_enabled=False)
    page = context.new_page()

    # A wrong password: the error summary comes back from the server.
    _sign_in(page, member.email, "not the right password at all")
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    _sign_in(page, member.email, TEST_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    response = page.goto("/networks/net-zero")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Net Zero Network")
    expect(page.get_by_text(member.name).first).to_be_visible()

    # Signing out is a form post, so it works without JavaScript too.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/login"))
