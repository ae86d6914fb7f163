"""Agenda, minutes and actions in a real browser: a member proposes an item with a paper, the secretariat
orders and times the agenda; after the meeting the minutes go from draft to published with an attendee's
comment; an action is recorded, done by its owner from their home page, and found in the filtered action log.
axe checks every page and the error states."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect
from sqlalchemy import select

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.meetings.agenda_services import Proposal, add_item
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_services import respond
from zone_networks.meetings.services import MeetingDetails, create_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network

pytestmark = pytest.mark.browser

MEMBER = "member@humber.example"
SECRETARIAT = "secretariat@zones.example"
ITEM = "Apprenticeship levy pilots"
# The smallest well-formed PDF: one empty page, with a correct cross-reference table.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
       b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
       b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n")


@pytest.fixture()
def meeting_id(db: Any, member: User, secretariat: User) -> int:
    """A Skills Forum meeting in ten days with one item already on the agenda; the member is coming."""
    forum = db.session.scalars(select(Network).where(Network.slug == "skills-forum")).one()
    day = london_today() + timedelta(days=10)
    meeting = create_meeting(secretariat, forum, MeetingDetails(
        title="Skills Forum, winter", starts_at=london_to_utc(day, time(10)), ends_at=london_to_utc(day, time(12)),
        format="in_person", venue="1 Victoria Street\nLondon"))
    add_item(secretariat, meeting, Proposal(title="Welcome and introductions", summary="Round the table.",
                                            presenter_id=secretariat.id, presenter_name=""), manager=True)
    respond(member, meeting.id, "yes")
    ident = meeting.id
    db.session.remove()  # keep no transaction open on the shared database
    return ident


def _move_into_the_past(db: Any, ident: int) -> None:
    """The meeting took place yesterday and is marked as held (what the secretariat does after a meeting)."""
    meeting = db.session.get(Meeting, ident)
    day = london_today() - timedelta(days=1)
    meeting.starts_at, meeting.ends_at = london_to_utc(day, time(10)), london_to_utc(day, time(12))
    meeting.status = "held"
    db.session.commit()
    db.session.remove()


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()


def _for_item(action: str) -> re.Pattern[str]:
    """A control's accessible name: the visible action and the item's title, which is visually hidden."""
    return re.compile(rf"^{action}\s*:\s*{ITEM}$")


def _expect_error(page: Page, message: str, label: str) -> None:
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(message)
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, label)


def _propose_an_item(page: Page, meeting: int) -> None:
    """The member proposes an item, first with nothing filled in, then with a PDF paper."""
    _sign_in(page, MEMBER)
    page.goto(f"/meetings/{meeting}")
    assert_accessible(page, "meeting page for an invitee, before the meeting")
    page.get_by_role("link", name="Propose an agenda item").click()
    expect(page.get_by_role("heading", name="Propose an agenda item", level=1)).to_be_visible()
    assert_accessible(page, "agenda item form")
    page.get_by_role("button", name="Propose the item").click()
    _expect_error(page, "Enter a title", "agenda item form with errors")
    page.get_by_role("alert").get_by_role("link", name="Enter a title").click()
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type(ITEM)
    page.get_by_label("Summary").fill("What the **three** pilots have taught us.")
    page.get_by_label("I will present it").check()
    page.get_by_label("Paper (optional)").set_input_files(
        files=FilePayload(name="levy-pilots.pdf", mimeType="application/pdf", buffer=PDF))
    page.get_by_role("button", name="Propose the item").click()
    expect(page.get_by_text("Thank you. The convenor or the secretariat will decide")).to_be_visible()
    proposed = page.locator("#agenda-proposed")
    expect(proposed).to_contain_text(ITEM)
    expect(proposed).to_contain_text("Waiting for a decision")
    expect(proposed.get_by_role("link", name="Paper: levy-pilots.pdf")).to_be_visible()
    assert_accessible(page, "meeting page with the member's proposed item")
    _sign_out(page)


def _settle_the_agenda(page: Page, meeting: int) -> None:
    """The secretariat accepts the item, moves it to the top and gives it twenty minutes."""
    _sign_in(page, SECRETARIAT)
    page.goto(f"/meetings/{meeting}")
    assert_accessible(page, "meeting page for the secretariat, with an item to decide")
    page.get_by_role("button", name=_for_item("Accept")).click()
    expect(page.get_by_text("Item accepted: it is at the end of the agenda.")).to_be_visible()
    rows = page.locator("#agenda-items tbody tr")
    expect(rows.nth(1)).to_contain_text(ITEM)
    page.get_by_role("button", name=_for_item("Move up")).click()
    expect(rows.nth(0)).to_contain_text(ITEM)
    expect(rows.nth(1)).to_contain_text("Welcome and introductions")

    page.get_by_role("link", name=_for_item("Set time")).click()
    expect(page.get_by_role("heading", name="How long is this item?", level=1)).to_be_visible()
    assert_accessible(page, "agenda time form")
    page.get_by_label("Minutes").fill("0")
    page.get_by_role("button", name="Save time").click()
    _expect_error(page, "Minutes must be between 1 and 600", "agenda time form with an error")
    page.get_by_label("Minutes").fill("20")
    page.get_by_role("button", name="Save time").click()
    expect(page.get_by_text("Time saved.")).to_be_visible()
    expect(rows.nth(0)).to_contain_text("10am")
    expect(rows.nth(0)).to_contain_text("20 minutes")
    expect(rows.nth(1)).to_contain_text("10:20am")
    paper = rows.nth(0).get_by_role("link", name="Paper: levy-pilots.pdf")
    expect(paper).to_have_attribute("href", re.compile(rf"^/meetings/{meeting}/papers/\d+$"))
    expect(paper).to_have_attribute("download", "")
    assert_accessible(page, "meeting page with the agenda")
    _sign_out(page)


def _write_and_circulate_minutes(page: Page, meeting: int) -> None:
    """After the meeting the secretariat writes the minutes, saves a second version and circulates them."""
    _sign_in(page, SECRETARIAT)
    page.goto(f"/meetings/{meeting}")
    expect(page.get_by_text("No minutes have been written yet.")).to_be_visible()
    page.get_by_role("link", name="Write minutes").click()
    expect(page.get_by_role("heading", name="Minutes", level=1)).to_be_visible()
    assert_accessible(page, "minutes form")
    page.get_by_role("button", name="Save a new version").click()
    _expect_error(page, "Enter the minutes", "minutes form with an error")
    page.get_by_label("Minutes", exact=True).fill("## Present\n\n- Mina Member\n\nThe forum discussed levy pilots.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Minutes saved.")).to_be_visible()
    expect(page.locator("#minutes-text")).to_contain_text("The forum discussed levy pilots.")

    page.get_by_role("link", name="Edit minutes").click()
    expect(page.get_by_label("Minutes", exact=True)).to_have_value(re.compile("The forum discussed levy pilots."))
    page.get_by_label("Minutes", exact=True).fill(
        "## Present\n\n- Mina Member\n- Sam Secretariat\n\nThe forum discussed three levy pilots.")
    page.get_by_label("What changed (optional)").fill("Added who was there")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Minutes saved.")).to_be_visible()
    page.get_by_role("button", name="Circulate for comment").click()
    expect(page.get_by_text("The minutes have been circulated.")).to_be_visible()
    expect(page.locator("#minutes-heading")).to_contain_text("Circulated for comment")
    assert_accessible(page, "meeting page with circulated minutes (secretariat)")
    _sign_out(page)


def _comment(page: Page, meeting: int) -> None:
    """The member, who came, comments on the draft: first with nothing written, then from the meeting page."""
    _sign_in(page, MEMBER)
    page.goto(f"/meetings/{meeting}")
    expect(page.locator("#minutes-text")).to_contain_text("three levy pilots")
    assert_accessible(page, "meeting page with circulated minutes (attendee)")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("heading", name="Comment on the draft minutes", level=1)).to_be_visible()
    _expect_error(page, "Enter your comment", "comment page with an error")
    page.get_by_label("Comment on the draft minutes").fill("Please add that Humber ran one of the pilots.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Thank you. Your comment has been sent")).to_be_visible()
    expect(page.locator("#minutes-comments")).to_contain_text("Humber ran one of the pilots")
    _sign_out(page)


def _agree_and_publish(page: Page, meeting: int) -> None:
    """The secretariat reads the comment, agrees and publishes the minutes, and looks at the history."""
    _sign_in(page, SECRETARIAT)
    page.goto(f"/meetings/{meeting}")
    expect(page.locator("#minutes-comments")).to_contain_text("Mina Member")
    page.get_by_role("button", name="Mark as agreed").click()
    expect(page.get_by_text("The minutes are agreed. They can no longer be changed.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit minutes")).to_have_count(0)
    page.get_by_role("button", name="Publish minutes").click()
    expect(page.get_by_text("The minutes are published.")).to_be_visible()
    expect(page.locator("#minutes-heading")).to_contain_text("Published")
    assert_accessible(page, "meeting page with published minutes")

    page.get_by_role("link", name="Version history").click()
    expect(page.get_by_role("heading", name="Version history of the minutes", level=1)).to_be_visible()
    versions = page.locator("#minutes-versions tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Added who was there")
    expect(versions.nth(0)).to_contain_text("Sam Secretariat")
    page.get_by_text("Text of version 1").click()
    expect(page.get_by_text("The forum discussed levy pilots.")).to_be_visible()
    assert_accessible(page, "minutes version history")
    page.get_by_role("link", name="Back").click()


def _record_an_action(page: Page, meeting: int) -> None:
    """The secretariat records an action for the member (first with nothing filled in)."""
    page.goto(f"/meetings/{meeting}")
    page.get_by_role("link", name="Record an action").click()
    expect(page.get_by_role("heading", name="Record an action", level=1)).to_be_visible()
    assert_accessible(page, "action form")
    page.get_by_role("button", name="Record the action").click()
    _expect_error(page, "Enter what needs to be done", "action form with errors")
    expect(page.get_by_role("alert")).to_contain_text("Choose who will do it")
    due = london_today() + timedelta(days=30)
    page.get_by_label("What needs to be done").fill("Share the Humber pilot evaluation with the forum")
    page.get_by_label("Who will do it").select_option(label="Mina Member")
    group = page.get_by_role("group", name="Due date")
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Record the action").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    actions = page.locator("#meeting-actions")
    expect(actions).to_contain_text("Share the Humber pilot evaluation")
    expect(actions).to_contain_text("Humber Freeport")
    assert_accessible(page, "meeting page with an action")
    _sign_out(page)


def _do_the_action(page: Page) -> None:
    """The member finds the action on their home page and marks it done (first without choosing)."""
    _sign_in(page, MEMBER)
    page.goto("/")
    mine = page.locator("#my-actions + ul")
    expect(page.get_by_role("heading", name="Your actions")).to_be_visible()
    expect(mine).to_contain_text("Share the Humber pilot evaluation")
    assert_accessible(page, "home page with the member's actions")
    mine.get_by_role("link", name="Update this action").click()
    expect(page.get_by_role("heading", name="Update the action", level=1)).to_be_visible()
    assert_accessible(page, "action status form")
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_text("Action updated.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Your actions")).to_have_count(0)


def _filter_the_log(page: Page) -> None:
    """The network's action log, filtered to done actions of the Humber Freeport."""
    page.goto("/networks/skills-forum/actions")
    assert_accessible(page, "action log")
    page.get_by_label("Zone").select_option(label="Humber Freeport")
    page.get_by_label("Status").select_option(label="Done")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=done"))
    expect(page.locator("main").get_by_role("status")).to_have_text("1 action")
    log = page.locator("#action-log")
    expect(log).to_contain_text("Share the Humber pilot evaluation")
    expect(log).to_contain_text("Done")
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    assert_accessible(page, "action log, filtered")
    page.get_by_label("Status").select_option(label="Open")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No actions match.")).to_be_visible()
    assert_accessible(page, "action log, filtered to nothing")


def test_agenda_minutes_and_actions_journey(page: Page, live_server: LiveServer, meeting_id: int,
                                           db: Any) -> None:
    _propose_an_item(page, meeting_id)
    _settle_the_agenda(page, meeting_id)
    _move_into_the_past(db, meeting_id)
    _write_and_circulate_minutes(page, meeting_id)
    _comment(page, meeting_id)
    _agree_and_publish(page, meeting_id)
    _record_an_action(page, meeting_id)
    _do_the_action(page)
    _filter_the_log(page)
