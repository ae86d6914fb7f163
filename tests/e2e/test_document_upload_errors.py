"""The upload progress script when the server says no: the form comes back with its errors, in place.

With JavaScript the upload form posts by XMLHttpRequest. A form with mistakes
comes back as a page: its <main> replaces ours, the error summary gets focus,
nothing is stored, and the corrected form then uploads and lands on the
document, with the success message (the server answers JSON, so the flash
survives until the browser goes there). Axe checks the form with its errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.documents.models import Document

pytestmark = pytest.mark.browser


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _documents(db: Any) -> int:
    count = int(db.session.scalar(select(func.count(Document.id))) or 0)
    db.session.remove()
    return count


def test_errors_come_back_in_place_then_the_upload_succeeds(page: Page, live_server: LiveServer, member: User,
                                                            db: Any, tmp_path: Path) -> None:
    db.session.remove()
    good = tmp_path / "Adroddiad sgiliau.txt"
    good.write_text("Bootcamp results for Ynys Môn\n", encoding="utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"<html><script>alert(1)</script></html>")
    _sign_in(page, "member@humber.example")
    page.goto("/documents/new")
    form = page.locator('form[data-module="upload-progress"]')
    expect(form).to_have_attribute("data-upload-progress-ready", "true")

    # No title or network: the form comes back in place of ours, with focus on the error summary.
    page.get_by_label("Files").set_input_files(str(good))
    page.get_by_role("button", name="Upload").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a title")
    expect(summary).to_contain_text("Select the network the document belongs to")
    expect(page).to_have_title(re.compile(r"^Error: Upload a document"))
    expect(page).to_have_url(re.compile(r"/documents/new$"))
    assert_accessible(page, "the upload form with errors, after an upload by script")

    # The form that came back is enhanced again. A disguised HTML file is refused on the file question.
    expect(page.locator('form[data-module="upload-progress"]')).to_have_attribute("data-upload-progress-ready",
                                                                                  "true")
    page.get_by_label("Title").fill("Bootcamp results")
    page.get_by_label("Network", exact=True).select_option(label="Industrial Strategy Zones Skills Forum")
    page.get_by_label("Files").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#files-error")).to_contain_text("The selected file must be")
    assert _documents(db) == 0

    # Fixed: the upload lands on the new document, with the success message.
    expect(page.get_by_label("Title")).to_have_value("Bootcamp results")
    page.get_by_label("Files").set_input_files(str(good))
    page.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(re.compile(r"/documents/\d+$"))
    expect(page.get_by_role("heading", level=1, name="Bootcamp results")).to_be_visible()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Document uploaded.")
    expect(page.get_by_text("Adroddiad sgiliau.txt").first).to_be_visible()
    assert _documents(db) == 1
