"""The posting limit over /live: a clear error with retry_after, per person, counted with the HTML forms."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.discussions.live_support import ack, join, received, sign_in_socket, thread_in
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions.models import Post, Thread
from zone_networks.extensions import limiter


def _count(db: Any) -> int:
    return int(db.session.scalar(select(func.count(Post.id))))


def _send(socket: Any, thread_id: int, body: str = "Hello", client_id: str = "c-1") -> Any:
    return ack(socket, "post.create", {"thread_id": thread_id, "body": body, "client_id": client_id})


@pytest.fixture()
def thread(db, member) -> Thread:
    """A Skills Forum thread with one post, by `member`."""
    return thread_in("skills-forum", member)


@pytest.fixture()
def pair(app, db, member, official, thread) -> tuple[Any, Any]:
    """Two people in the thread's room: the member (sender) and the official."""
    sender, reader = sign_in_socket(app, member), sign_in_socket(app, official)
    join(sender, thread)
    join(reader, thread)
    received(sender)
    received(reader)
    return sender, reader


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A small posting limit so the tests reach it quickly."""
    return {**app_config, "POST_RATE_LIMIT": "3 per minute"}


def test_rate_limit_is_a_clear_error_not_a_disconnect(db, thread, pair) -> None:
    sender, reader = pair
    for n in range(3):
        assert _send(sender, thread.id, client_id=f"r{n}")["ok"] is True
    answer = _send(sender, thread.id, client_id="r3")
    assert answer["ok"] is False
    assert answer["error"] == "You are sending messages too quickly. Wait a minute and try again."
    assert 1 <= answer["retry_after"] <= 60
    assert sender.is_connected(LIVE_NAMESPACE)
    assert _count(db) == 4
    # The limit is per person: someone else in the same thread may still post.
    assert _send(reader, thread.id, client_id="r-other")["ok"] is True


def test_rate_limit_counts_in_the_limiter_shared_with_the_forms(app, db, member, thread, pair) -> None:
    from limits import parse

    sender, _reader = pair
    _send(sender, thread.id, client_id="counted")
    with app.app_context():
        stats = limiter.limiter.get_window_stats(parse("3 per minute"), "post", str(member.id))
    assert stats.remaining == 2


def test_socket_and_form_share_one_counter(app, client, db, member, login, thread, pair) -> None:
    from tests.helpers import submit

    sender, _reader = pair
    for n in range(3):
        assert _send(sender, thread.id, client_id=f"s{n}")["ok"] is True
    login(member)
    response = submit(client, f"/threads/{thread.id}/posts", {"body": "From the form", "client_id": "form-1"},
                      form_url=f"/threads/{thread.id}")
    assert response.status_code == 429
    assert _count(db) == 4


def test_form_posts_count_against_the_socket(app, client, db, member, login, thread, pair) -> None:
    from tests.helpers import submit

    sender, _reader = pair
    login(member)
    for n in range(3):
        response = submit(client, f"/threads/{thread.id}/posts", {"body": f"Form {n}", "client_id": f"f{n}"},
                          form_url=f"/threads/{thread.id}")
        assert response.status_code == 303
    answer = _send(sender, thread.id, client_id="late")
    assert answer["ok"] is False and "too quickly" in answer["error"]
