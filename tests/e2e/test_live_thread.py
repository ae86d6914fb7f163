"""A live thread in two real browsers: one person posts, the other sees it appear without reloading.

Two Chromium contexts (two people in the Skills Forum) open the same thread on
a real gunicorn server. The page's one Socket.IO connection (live.js) joins the
thread; both see who is viewing; typing is shown to the other; a reply sent
from the form is shown as "Sending…" then "Sent" to its writer and appears for
the reader, announced politely; a reaction and an edit reach the other page in
place; a message that is too long is "Not sent" with a retry button. axe runs
on the thread page with live content in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer
from tests.factories import TEST_PASSWORD
from zone_networks.accounts.models import User
from zone_networks.discussions.services import start_thread
from zone_networks.networks.models import Network

pytestmark = pytest.mark.browser


@pytest.fixture()
def thread_id(db: Any, member: User, official: User) -> int:
    """A Skills Forum thread started by the member (the official observes the forum)."""
    forum = db.session.query(Network).filter_by(slug="skills-forum").one()
    thread = start_thread(member, forum, "Apprenticeship levy transfers",
                          "Has anyone transferred levy funds to a supplier?")
    found = thread.id
    db.session.remove()  # keep no transaction open on the shared database
    return found


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _open(new_context: Callable[..., BrowserContext], email: str, thread_id: int) -> Page:
    page = new_context().new_page()
    _sign_in(page, email)
    page.goto(f"/threads/{thread_id}")
    # A marker that a reload would wipe out: the page must change without one.
    page.evaluate("() => { window.zn_not_reloaded = true }")
    return page


def test_two_people_talk_live(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                              thread_id: int) -> None:
    writer = _open(new_context, "official@gov.wales.example", thread_id)
    reader = _open(new_context, "member@humber.example", thread_id)

    # Presence: both pages list both people.
    expect(reader.locator("#live-presence")).to_have_text("Viewing now: Mina Member (you) and Olwen Official")
    expect(writer.locator("#live-presence")).to_have_text("Viewing now: Mina Member and Olwen Official (you)")

    # Typing reaches the other page.
    writer.get_by_label("Your reply").press_sequentially("We did")
    expect(reader.locator("#live-typing")).to_have_text("Olwen Official is typing…")

    writer.get_by_label("Your reply").fill("Yes: we moved **£20,000** to a training provider in May.")
    writer.get_by_role("button", name="Send reply").click()
    sent = writer.locator("li.zn-post").last
    expect(sent).to_contain_text("£20,000")
    expect(sent.locator("[data-send-state]")).to_have_text("Sent")
    expect(writer.get_by_label("Your reply")).to_have_value("")

    arrived = reader.locator("li.zn-post").last
    expect(arrived).to_contain_text("Olwen Official")
    expect(arrived.locator("strong")).to_have_text("£20,000")
    expect(reader.locator("#live-status")).to_have_text("New message from Olwen Official")
    expect(reader.locator("li.zn-post")).to_have_count(2)
    expect(writer.locator("li.zn-post")).to_have_count(2)  # the ack and the broadcast merged: shown once

    # A reaction from the reader updates the writer's page in place.
    arrived.get_by_role("button", name="Thumbs up: 0, press to react (message by Olwen Official)").click()
    expect(arrived.get_by_role("button", name="Thumbs up: 1, you reacted; press to take it away "
                                              "(message by Olwen Official)")).to_be_focused()
    expect(sent.locator("button[data-emoji='👍'] .zn-reaction__count")).to_have_text("1")

    assert reader.evaluate("() => window.zn_not_reloaded") is True
    assert writer.evaluate("() => window.zn_not_reloaded") is True
    assert_accessible(reader, "the thread page with a live message")
    assert_accessible(writer, "the thread page after sending")

    # An edit made on its own page reaches the reader's page.
    post_id = sent.get_attribute("data-post-id")
    writer.goto(f"/posts/{post_id}/edit")
    writer.get_by_label("Message").fill("Yes: we moved £25,000 in May.")
    writer.get_by_role("button", name="Save changes").click()
    expect(reader.locator(f"#post-{post_id}")).to_contain_text("£25,000")
    expect(reader.locator(f"#post-{post_id}").get_by_role("link", name="edited")).to_be_visible()
    assert reader.evaluate("() => window.zn_not_reloaded") is True

    # The reader saw the reply on the open page, so the thread list does not count it as new.
    reader.wait_for_timeout(2500)  # the page tells the server what was read two seconds after it arrives
    reader.goto("/networks/skills-forum/threads")
    expect(reader.locator(f"tr[data-thread-id='{thread_id}'] [data-unread]")).to_have_text("None")


def test_a_message_that_cannot_be_sent_offers_a_retry(new_context: Callable[..., BrowserContext],
                                                       live_server: LiveServer, thread_id: int) -> None:
    page = _open(new_context, "member@humber.example", thread_id)
    expect(page.locator("#live-presence")).to_contain_text("Mina Member (you)")
    page.get_by_label("Your reply").fill("x" * 10_001)
    page.get_by_role("button", name="Send reply").click()
    waiting = page.locator("li.zn-post--pending")
    expect(waiting.locator("[data-send-state]")).to_contain_text(
        "Not sent: Message must be 10,000 characters or fewer")
    retry = waiting.get_by_role("button", name="Try sending again")
    expect(retry).to_be_focused()
    assert_accessible(page, "a message that was not sent")
    retry.click()
    expect(waiting.locator("[data-send-state]")).to_contain_text("Not sent")
    expect(page.locator("li.zn-post[data-post-id]")).to_have_count(1)


def test_thread_works_without_javascript(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                                         thread_id: int) -> None:
    page = new_context(java_script_enabled=False).new_page()
    _sign_in(page, "member@humber.example")
    page.goto(f"/threads/{thread_id}")
    page.get_by_label("Your reply").fill("Posted the old way")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("li.zn-post").last).to_contain_text("Posted the old way")


def test_thread_list_counts_new_messages_live(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                                              thread_id: int) -> None:
    reader = new_context().new_page()
    _sign_in(reader, "member@humber.example")
    reader.goto("/networks/skills-forum/threads")
    reader.evaluate("() => { window.zn_not_reloaded = true }")
    reader.wait_for_function("() => window.ZoneLive && window.ZoneLive.socket.connected")
    row = reader.locator(f"tr[data-thread-id='{thread_id}']")
    expect(row.locator("[data-unread]")).to_have_text("None")

    writer = _open(new_context, "official@gov.wales.example", thread_id)
    for number in (1, 2):
        writer.get_by_label("Your reply").fill(f"Reply number {number}")
        writer.get_by_role("button", name="Send reply").click()
        expect(writer.locator("li.zn-post").last.locator("[data-send-state]")).to_have_text("Sent")

    expect(row.locator("[data-post-count]")).to_have_text("3")
    expect(row.get_by_role("link", name="2 new in Apprenticeship levy transfers: go to the first unread message"))\
        .to_be_visible()
    expect(reader.locator("#live-threads-status")).to_have_text("New message in Apprenticeship levy transfers")
    assert reader.evaluate("() => window.zn_not_reloaded") is True
    assert_accessible(reader, "the thread list after live updates")


def test_a_page_that_was_offline_catches_up(new_context: Callable[..., BrowserContext], live_server: LiveServer,
                                            thread_id: int) -> None:
    reader = _open(new_context, "member@humber.example", thread_id)
    writer = _open(new_context, "official@gov.wales.example", thread_id)
    expect(reader.locator("#live-presence")).to_contain_text("Olwen Official")
    reader.evaluate("() => window.ZoneLive.socket.disconnect()")
    expect(reader.locator("#live-status")).to_have_text("Live updates have stopped. Trying to reconnect…")
    for number in (1, 2, 3):
        writer.get_by_label("Your reply").fill(f"While you were away {number}")
        writer.get_by_role("button", name="Send reply").click()
        expect(writer.locator("li.zn-post").last.locator("[data-send-state]")).to_have_text("Sent")
    first = writer.locator("li.zn-post").nth(1)
    first.get_by_role("button", name="Thumbs up: 0, press to react (message by Olwen Official)").click()
    expect(first.locator("button[data-emoji='👍'] .zn-reaction__count")).to_have_text("1")
    expect(reader.locator("li.zn-post")).to_have_count(1)

    reader.evaluate("() => window.ZoneLive.socket.connect()")
    expect(reader.locator("li.zn-post")).to_have_count(4)
    expect(reader.locator("li.zn-post").nth(1)).to_contain_text("While you were away 1")
    expect(reader.locator("li.zn-post").nth(3)).to_contain_text("While you were away 3")
    expect(reader.locator("li.zn-post").nth(1).locator("button[data-emoji='👍'] .zn-reaction__count")).to_have_text("1")
    assert reader.evaluate("() => window.zn_not_reloaded") is True


def test_an_ended_session_is_told_not_dropped_silently(new_context: Callable[..., BrowserContext],
                                                        live_server: LiveServer, thread_id: int, db: Any) -> None:
    page = _open(new_context, "member@humber.example", thread_id)
    expect(page.locator("#live-presence")).to_contain_text("Mina Member (you)")
    person = db.session.query(User).filter_by(email="member@humber.example").one()
    person.end_sessions()  # signed out everywhere (e.g. from another device)
    db.session.commit()
    db.session.remove()
    # Typing is the next event: the server answers it by saying the session has ended, then disconnects.
    page.get_by_label("Your reply").fill("Am I still here?")
    expect(page.locator("#live-status")).to_have_text("Your session has ended. Sign in again to carry on.")
    page.wait_for_function("() => !window.ZoneLive.socket.connected")
    # With no connection the form posts as usual, and the server asks the person to sign in again.
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Zone Networks")
