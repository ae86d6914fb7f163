"""The thread page and the thread list carry what the live scripts need (and work without them)."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.discussions.live_support import thread_in
from tests.helpers import text_of


def _live_config(html: str, element_id: str) -> dict[str, Any]:
    match = re.search(rf"<div hidden id=\"{element_id}\" data-live='([^']*)'>", html)
    assert match, f"no #{element_id} on the page"
    from html import unescape

    return dict(json.loads(unescape(match.group(1))))


def test_signed_in_pages_load_the_live_connection(client, db, member, login) -> None:
    login(member)
    html = text_of(client.get("/networks/skills-forum"))
    assert 'src="/static/vendor/socket.io/socket.io.min.js"' in html
    assert 'src="/static/js/live.js"' in html
    # Both are external scripts carrying the page's CSP nonce (no inline script).
    for tag in re.findall(r"<script[^>]*(?:socket\.io\.min|live)\.js[^>]*>", html):
        assert re.search(r'nonce="[^"]+"', tag)


def test_signed_out_pages_do_not_connect(client, db) -> None:
    html = text_of(client.get("/networks"))
    assert "socket.io.min.js" not in html and "js/live.js" not in html


def test_thread_page_carries_the_live_settings(client, db, member, login) -> None:
    thread = thread_in("skills-forum", member)
    login(member)
    response = client.get(f"/threads/{thread.id}")
    html = text_of(response)
    assert response.status_code == 200
    assert 'src="/static/js/live-thread.js"' in html
    config = _live_config(html, "live-thread")
    assert config["threadId"] == thread.id
    assert config["viewer"] == {"id": member.id, "name": "Mina Member"}
    assert config["canPost"] is True and config["canModerate"] is False
    assert config["urls"]["react"] == "/posts/{id}/reactions"
    assert config["urls"]["profile"] == "/people/{id}"
    assert config["urls"]["quote"] == f"/threads/{thread.id}?quote={{id}}#reply"
    assert config["text"]["sent"] == "Sent"
    assert [reaction["emoji"] for reaction in config["reactions"]] == ["👍", "❤️", "🎉", "💡", "👀"]
    assert f'data-thread-id="{thread.id}"' in html and 'data-last-seq="1"' in html
    assert 'id="reply-form"' in html and 'id="live-status"' in html


def test_thread_list_carries_the_live_settings(client, db, member, login) -> None:
    thread = thread_in("skills-forum", member)
    login(member)
    html = text_of(client.get("/networks/skills-forum/threads"))
    config = _live_config(html, "live-threads")
    assert config["unreadUrl"] == "/threads/{id}/unread"
    assert config["text"]["newOne"] == "{num} new" and config["text"]["newMany"] == "{num} new"
    assert config["text"]["goToUnread"] == "in {title}: go to the first unread message"
    assert f'data-thread-id="{thread.id}"' in html and 'data-unread-count="0"' in html
    assert 'src="/static/js/live-threads-list.js"' in html
