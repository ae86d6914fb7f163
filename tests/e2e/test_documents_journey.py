"""Sharing what works, in a real browser: upload a document, find it by a word inside it, read case studies.

The data is the demo data, signed in as the demo member (the Humber Freeport's
skills lead) through the real form. The member uploads a Word document made
here with python-docx, containing a word found nowhere else ("Quinquereme"),
and watches the progress bar: the upload is throttled through the DevTools
protocol so the bar has time to move, and every value the page gives the bar
is recorded. The document page follows; the search page finds the document by
the word inside the file, highlighted in the snippet; a demo case study and
the outcomes dashboard come next; axe checks every page. A second test
uploads the same way with JavaScript turned off (the form posts normally).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from zone_networks.accounts.models import User
from zone_networks.demo import DEFAULT_SEED, DEMO_PASSWORD
from zone_networks.demo.plan import DEMO_LOGINS
from zone_networks.demo.services import build_demo_data

pytestmark = pytest.mark.browser

MEMBER = DEMO_LOGINS[0]  # the Humber Freeport's skills lead, in the Skills Forum
WORD = "Quinquereme"
TITLE = "Harbour skills bootcamp evaluation"
SEARCH_LABEL = "Search documents, case studies, meetings, minutes and people"
UPLOAD_BYTES_PER_SECOND = 64 * 1024
# Records every value the page gives the upload progress bar (installed before the page's own scripts run).
RECORD_PROGRESS = """
(() => {
  const value = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value');
  Object.defineProperty(HTMLProgressElement.prototype, 'value', {
    configurable: true,
    get () { return value.get.call(this) },
    set (next) {
      value.set.call(this, next);
      if (this.id === 'upload-progress' && window.znProgress) { window.znProgress(Number(next)) }
    },
  });
})();
"""


@pytest.fixture()
def app_config(app_config: dict[str, Any], live_server_process: LiveServer) -> dict[str, Any]:
    """Store the demo files where the live server reads uploads, so their downloads work there too."""
    return {**app_config, "UPLOADS_FOLDER": str(live_server_process.outbox.parent / "uploads")}


@pytest.fixture()
def demo(db: Any) -> int:
    """The demo data, as `flask demo` makes it (documents and case studies included); the member's id."""
    build_demo_data(seed=DEFAULT_SEED)
    member_id = db.session.scalars(select(User.id).where(User.email == MEMBER.email)).one()
    db.session.remove()  # the server does the rest; keep no transaction open on the shared database
    return int(member_id)


def _word_file(folder: Path) -> Path:
    """A Word document with the distinctive word in its body, padded so that a throttled upload takes a while."""
    document = WordDocument()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(f"The {WORD} cohort finished the bootcamp in March; most found work at the port.")
    for number in range(400):  # about 150 KB of varied text (compressed), so the upload takes a few seconds
        document.add_paragraph(f"Learner {number}: " + " ".join(f"{(number * 7919 + n) % 104729:x}"
                                                                for n in range(40)))
    path = folder / "bootcamp evaluation.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _sign_in(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(MEMBER.email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _fill_upload_form(page: Page, file: Path) -> None:
    page.get_by_label("Files").set_input_files(str(file))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description (optional)").fill("What we learned from the first harbour skills bootcamp.")
    # Their one network is chosen for them.
    expect(page.get_by_label("Network", exact=True)).to_have_value(re.compile(r"^\d+$"))
    page.get_by_label("Network members only").check()
    page.get_by_label("Tags (optional)").fill("bootcamps, evaluation")


def test_upload_with_progress_find_it_by_a_word_inside_and_read_case_studies(
        page: Page, live_server: LiveServer, demo: int, tmp_path: Path) -> None:
    file = _word_file(tmp_path)
    progress: list[float] = []
    page.expose_function("znProgress", lambda value: progress.append(value))
    page.add_init_script(RECORD_PROGRESS)
    _sign_in(page)
    expect(page.get_by_role("heading", name="What the zones share")).to_be_visible()
    assert_accessible(page, "home, signed in")

    # The library, then the upload form.
    page.get_by_role("link", name="Documents", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/documents$"))
    expect(page.get_by_role("link", name="Skills Forum terms of reference")).to_be_visible()
    assert_accessible(page, "documents")
    page.get_by_role("button", name="Upload a document").click()
    expect(page).to_have_url(re.compile(r"/documents/new$"))
    expect(page.locator('form[data-module="upload-progress"]')).to_have_attribute("data-upload-progress-ready",
                                                                                  "true")
    _fill_upload_form(page, file)
    assert_accessible(page, "the upload form")

    # Upload slowly enough to watch the bar move, then land on the document's page.
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": UPLOAD_BYTES_PER_SECOND})
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("[data-upload-progress-panel]")).to_be_visible()
    expect(page.locator("#upload-progress-status")).to_contain_text("Uploaded")
    expect(page).to_have_url(re.compile(r"/documents/\d+$"), timeout=30_000)
    devtools.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    assert progress[0] == 0 and max(progress) == 100, progress
    assert any(0 < value < 100 for value in progress), f"the bar never showed partial progress: {progress}"
    assert progress == sorted(progress), progress
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Document uploaded.")
    expect(page.get_by_text("bootcamp evaluation.docx").first).to_be_visible()
    assert_accessible(page, "the new document's page")

    # Find it by a word that is only inside the file, highlighted in the snippet.
    page.get_by_role("link", name="Search", exact=True).first.click()
    box = page.get_by_label(SEARCH_LABEL)
    box.fill(WORD.lower())
    box.press("Enter")
    result = page.locator(".zn-search-result").filter(has=page.get_by_role("link", name=TITLE))
    expect(result).to_have_count(1)
    expect(result.locator("mark").first).to_have_text(WORD)
    assert_accessible(page, f"search results for {WORD!r}")
    result.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()

    # A demo case study from the list, marked as demo content, with its figure.
    page.get_by_role("link", name="Case studies", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/case-studies$"))
    assert_accessible(page, "case studies")
    page.get_by_role("link", name="Siemens Gamesa wind turbine factory in the Humber").click()
    expect(page.get_by_role("heading", level=1, name="Siemens Gamesa wind turbine factory in the Humber")
           ).to_be_visible()
    expect(page.get_by_text("Demo content").first).to_be_visible()
    expect(page.get_by_text("£186 million").first).to_be_visible()
    assert_accessible(page, "a demo case study")

    # The outcomes dashboard adds up the published figures.
    page.get_by_role("link", name="Outcomes", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/outcomes$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page, "outcomes")

    # Their profile now lists the document they shared.
    page.goto(f"/people/{demo}")
    expect(page.locator("#documents")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page, "own profile with shared documents")
    page.goto(f"/people/{demo}/documents")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page, "everything the member shared")


def test_upload_works_without_javascript(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                                         demo: int, tmp_path: Path) -> None:
    page = new_context(java_script_enabled=False).new_page()
    _sign_in(page)
    page.goto("/documents/new")
    expect(page.locator("[data-upload-progress-panel]")).to_be_hidden()
    _fill_upload_form(page, _word_file(tmp_path))
    page.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(re.compile(r"/documents/\d+$"))
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Document uploaded.")

    page.goto("/search")
    page.get_by_label(SEARCH_LABEL).fill(WORD)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
