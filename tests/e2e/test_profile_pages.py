"""Editing your profile and photo in a real browser, with axe on every page (and on the error states)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.directory.profile_support import jpeg_with_gps
from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.directory.tags import seed_expertise_tags

pytestmark = pytest.mark.browser


@pytest.fixture()
def people(db: Any, member: User, official: User) -> dict[str, Any]:
    """The member (who edits) and the official (who shares the Skills Forum and looks), with the managed tags."""
    seed_expertise_tags()
    ids = {"member": member.id, "official_email": official.email, "member_email": member.email}
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database
    return ids


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_editing_a_profile_and_photo(page: Page, live_server: LiveServer, people: dict[str, Any],
                                     tmp_path: Path) -> None:
    _sign_in(page, people["member_email"])
    page.goto("/account")
    page.get_by_role("link", name="Edit your profile").click()
    expect(page.get_by_role("heading", name="Edit your profile", level=1)).to_be_visible()
    assert_accessible(page, "edit your profile")

    # A bad telephone number: the error summary links to the field; nothing is saved.
    page.get_by_label("Telephone number (optional)").fill("call me")
    page.get_by_role("button", name="Save your profile").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert_accessible(page, "edit your profile, with an error")
    summary.get_by_role("link", name="Enter a telephone number").click()
    expect(page.get_by_label("Telephone number (optional)")).to_be_focused()

    page.get_by_label("Telephone number (optional)").fill("01632 960 001")
    page.get_by_role("group", name="Your roles (optional)").get_by_label("Skills lead").check()
    page.get_by_role("group", name="Your expertise (optional)").get_by_label("Hydrogen").check()
    page.get_by_label("Other expertise (optional)").fill("Port logistics")
    page.get_by_label("About you (optional)").fill("Runs the **port skills academy**.")
    page.get_by_role("group", name="Who can see your telephone number?").get_by_label("My networks").check()
    page.get_by_role("button", name="Save your profile").click()

    expect(page.get_by_text("Your profile has been saved")).to_be_visible()
    expect(page.get_by_role("heading", name="Mina Member", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Port logistics")).to_be_visible()
    assert_accessible(page, "your own profile")

    # A photo: a text file is refused, a real photo is taken.
    page.get_by_role("link", name="Add a photo").click()
    assert_accessible(page, "your photo (none yet)")
    fake = tmp_path / "not-a-photo.jpg"
    fake.write_text("hello")
    page.get_by_label("Upload a photo").set_input_files(str(fake))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_role("alert")).to_contain_text("The selected file must be a JPG, PNG or WebP image")
    assert_accessible(page, "your photo, with an error")
    real = tmp_path / "me.jpg"
    real.write_bytes(jpeg_with_gps())
    page.get_by_label("Upload a photo").set_input_files(str(real))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Your photo has been saved")).to_be_visible()
    expect(page.get_by_role("img", name="Photo of Mina Member")).to_be_visible()
    page.get_by_role("link", name="Change your photo").click()
    assert_accessible(page, "your photo, with one")

    # A network peer sees the profile, the photo and the phone number shared with networks.
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, people["official_email"])
    page.goto(f"/people/{people['member']}")
    expect(page.get_by_role("link", name="01632 960 001")).to_be_visible()
    expect(page.get_by_role("img", name="Photo of Mina Member")).to_be_visible()
    expect(page.get_by_role("link", name="Edit your profile")).to_have_count(0)
    assert_accessible(page, "someone else's profile")
