"""Sending, changing and catching up over /live: acks, broadcasts in seq order, idempotency, limits, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.discussions.live_support import ack, join, received, sign_in_socket, thread_in
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions import live
from zone_networks.discussions.models import BODY_MAX, CLIENT_ID_MAX, Post, PostReaction, Thread


def _count(db: Any) -> int:
    return int(db.session.scalar(select(func.count(Post.id))))


def _send(socket: Any, thread_id: int, body: str = "Hello", client_id: str = "c-1", **extra: Any) -> Any:
    return ack(socket, "post.create", {"thread_id": thread_id, "body": body, "client_id": client_id, **extra})


@pytest.fixture()
def thread(db, member) -> Thread:
    """A Skills Forum thread with one post, by `member`."""
    return thread_in("skills-forum", member)


@pytest.fixture()
def pair(app, db, member, official, thread) -> tuple[Any, Any]:
    """Two people in the thread's room: the member (sender) and the official (reader), events drained."""
    sender, reader = sign_in_socket(app, member), sign_in_socket(app, official)
    join(sender, thread)
    join(reader, thread)
    received(sender)
    received(reader)
    return sender, reader


def test_post_is_acked_and_broadcast_with_its_seq(db, thread, pair) -> None:
    sender, reader = pair
    answer = _send(sender, thread.id, body="Our *first* cohort starts in May", client_id="a1")
    assert answer["ok"] is True
    post = answer["post"]
    assert post["seq"] == 2 and post["change_seq"] == 2 and post["client_id"] == "a1"
    assert post["body_html"] == "<p>Our <em>first</em> cohort starts in May</p>\n"
    assert set(post) == {"id", "thread_id", "seq", "change_seq", "author", "body_html", "created_at", "edited_at",
                         "deleted", "hidden", "client_id", "quote_of", "reactions"}
    assert received(reader, "post.created") == [{"thread_id": thread.id, "seq": 2, "post": post}]
    # The sender gets the broadcast too (clients merge it with the ack by id).
    assert [event["post"]["id"] for event in received(sender, "post.created")] == [post["id"]]


def test_thread_activity_goes_to_the_network_room(app, db, thread, pair, member, secretariat, outsider) -> None:
    sender, _reader = pair
    watching = sign_in_socket(app, secretariat)  # staff follow every network without joining the thread
    elsewhere = sign_in_socket(app, outsider)
    received(watching)
    _send(sender, thread.id)
    assert received(watching, "thread.activity") == [
        {"thread_id": thread.id, "network_id": thread.network_id, "last_post_seq": 2, "post_count": 2,
         "author_id": member.id}]
    assert received(watching, "post.created") == []  # not in the thread's room
    assert received(elsewhere) == []


def test_repeated_client_id_returns_the_same_post_once(db, thread, pair) -> None:
    sender, reader = pair
    first = _send(sender, thread.id, client_id="same")
    second = _send(sender, thread.id, body="Hello again (retry)", client_id="same")
    assert second == first
    assert _count(db) == 2
    assert len(received(reader, "post.created")) == 1


def test_client_id_used_in_another_thread_is_an_error(db, member, thread, pair) -> None:
    sender, _reader = pair
    other = thread_in("net-zero", member, title="Heat networks")
    assert _send(sender, thread.id, client_id="once")["ok"] is True
    answer = _send(sender, other.id, client_id="once")
    assert answer == {"ok": False, "error": "This message was already sent to another thread", "field": "client_id"}


def test_same_client_id_from_two_people_makes_two_posts(db, thread, pair) -> None:
    sender, reader = pair
    assert _send(sender, thread.id, client_id="shared")["post"]["id"] != _send(reader, thread.id,
                                                                              client_id="shared")["post"]["id"]
    assert _count(db) == 3


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (None, "Send an object with thread_id, body and client_id"),
        ("hello", "Send an object with thread_id, body and client_id"),
        ({"body": "x", "client_id": "c"}, "Thread not found"),
        ({"thread_id": "1", "body": "x", "client_id": "c"}, "Thread not found"),
        ({"thread_id": True, "body": "x", "client_id": "c"}, "Thread not found"),
        ({"thread_id": -1, "body": "x", "client_id": "c"}, "Thread not found"),
    ],
)
def test_bad_payloads_get_a_plain_error(db, thread, pair, payload, error) -> None:
    sender, _reader = pair
    assert ack(sender, "post.create", payload) == {"ok": False, "error": error}
    assert _count(db) == 1
    assert sender.is_connected(LIVE_NAMESPACE)


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"body": None}, "Enter a message", "body"),
        ({"body": 42}, "Enter a message", "body"),
        ({"body": "   \n  "}, "Enter a message", "body"),
        ({"client_id": None}, "client_id must be text of 1 to 64 characters", "client_id"),
        ({"client_id": ""}, "client_id must be text of 1 to 64 characters", "client_id"),
        ({"client_id": "x" * (CLIENT_ID_MAX + 1)}, "client_id must be text of 1 to 64 characters", "client_id"),
        ({"client_id": 7}, "client_id must be text of 1 to 64 characters", "client_id"),
        ({"quote_of": 9999}, "The message you are quoting is not in this thread", "quote_of"),
    ],
)
def test_bad_fields_get_an_error_and_nothing_is_written(db, thread, pair, changes, error, field) -> None:
    sender, reader = pair
    payload = {"thread_id": thread.id, "body": "Hello", "client_id": "c-1", **changes}
    assert ack(sender, "post.create", payload) == {"ok": False, "error": error, "field": field}
    assert _count(db) == 1
    assert received(reader, "post.created") == []


def test_size_limit(db, thread, pair) -> None:
    sender, _reader = pair
    too_big = _send(sender, thread.id, body="x" * (BODY_MAX + 1))
    assert too_big == {"ok": False, "error": "Message must be 10,000 characters or fewer", "field": "body"}
    assert _count(db) == 1
    assert _send(sender, thread.id, body="x" * BODY_MAX, client_id="max")["ok"] is True


def test_quote_reply(db, thread, pair) -> None:
    _sender, reader = pair
    first = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id))
    answer = _send(reader, thread.id, body="> Has anyone\n\nYes, we did", client_id="q", quote_of=first)
    assert answer["post"]["quote_of"] == {"id": first, "author_name": "Mina Member"}


def test_quoting_a_post_of_another_thread_is_refused(db, member, thread, pair) -> None:
    sender, _reader = pair
    other = thread_in("net-zero", member, title="Heat networks")
    elsewhere = db.session.scalar(select(Post.id).where(Post.thread_id == other.id))
    answer = _send(sender, thread.id, client_id="q2", quote_of=elsewhere)
    assert answer == {"ok": False, "error": "The message you are quoting is not in this thread", "field": "quote_of"}


def test_edit_delete_and_reactions_are_broadcast_in_seq_order(db, thread, pair) -> None:
    sender, reader = pair
    post_id = _send(sender, thread.id, body="Draft", client_id="e")["post"]["id"]
    edited = ack(sender, "post.edit", {"post_id": post_id, "body": "Final"})
    assert edited["ok"] is True and edited["post"]["body_html"] == "<p>Final</p>\n"
    reacted = ack(reader, "reaction.toggle", {"post_id": post_id, "emoji": "👍"})
    assert reacted == {"ok": True, "post_id": post_id, "reactions": {"👍": 1}}
    deleted = ack(sender, "post.delete", {"post_id": post_id})
    assert deleted["post"]["deleted"] is True and deleted["post"]["body_html"] == ""
    events = [event for event in reader.queue if event["name"] != "presence"]
    received(reader)
    names = [event["name"] for event in events if event["name"] != "thread.activity"]
    assert names == ["post.created", "post.updated", "reaction.updated", "post.deleted"]
    seqs = [event["args"][0]["seq"] for event in events if event["name"] != "thread.activity"]
    assert seqs == [2, 3, 4, 5]
    assert events[-1]["args"][0]["post"]["change_seq"] == 5


def test_reaction_toggles_off_and_rejects_unknown_emoji(db, thread, pair) -> None:
    sender, _reader = pair
    post_id = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id))
    assert ack(sender, "reaction.toggle", {"post_id": post_id, "emoji": "👍"})["reactions"] == {"👍": 1}
    assert ack(sender, "reaction.toggle", {"post_id": post_id, "emoji": "👍"})["reactions"] == {}
    bad = ack(sender, "reaction.toggle", {"post_id": post_id, "emoji": "<script>"})
    assert bad["ok"] is False and bad["field"] == "emoji"
    assert db.session.scalar(select(func.count(PostReaction.id))) == 0


def test_edit_with_bad_input(db, thread, pair) -> None:
    sender, _reader = pair
    post_id = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id))
    assert ack(sender, "post.edit", {"post_id": post_id, "body": ""}) == {
        "ok": False, "error": "Enter a message", "field": "body"}
    assert ack(sender, "post.edit", {"post_id": post_id, "body": "x" * (BODY_MAX + 1)})["ok"] is False
    assert ack(sender, "post.edit", {"post_id": "one", "body": "x"}) == {"ok": False, "error": "Message not found"}
    assert ack(sender, "post.delete", None) == {"ok": False, "error": "Message not found"}


def test_catch_up_returns_exactly_the_missed_changes(app, db, member, official, thread) -> None:
    reader = sign_in_socket(app, official)
    seen = join(reader, thread)
    last_seen = seen["last_seq"]
    assert [post["seq"] for post in seen["posts"]] == [1]
    reader.disconnect(namespace=LIVE_NAMESPACE)

    sender = sign_in_socket(app, member)
    ids = [_send(sender, thread.id, body=f"Message {n}", client_id=f"m{n}")["post"]["id"] for n in range(3)]
    ack(sender, "post.edit", {"post_id": ids[0], "body": "Message 0, corrected"})
    ack(sender, "reaction.toggle", {"post_id": ids[1], "emoji": "🎉"})
    ack(sender, "post.delete", {"post_id": ids[2]})

    reader.connect(namespace=LIVE_NAMESPACE)
    caught = join(reader, thread, after_seq=last_seen)
    assert caught["ok"] is True and caught["more"] is False
    # One entry per changed post, at its latest change, in change order.
    assert [(post["id"], post["change_seq"]) for post in caught["posts"]] == [(ids[0], 5), (ids[1], 6), (ids[2], 7)]
    assert caught["last_seq"] == 7
    assert caught["posts"][0]["body_html"] == "<p>Message 0, corrected</p>\n"
    assert caught["posts"][1]["reactions"] == {"🎉": 1}
    assert caught["posts"][2]["deleted"] is True
    # Joining again with the newest number returns nothing.
    assert join(reader, thread, after_seq=caught["last_seq"])["posts"] == []


def test_catch_up_in_pages(app, db, member, thread, monkeypatch) -> None:
    monkeypatch.setattr(live, "CATCH_UP_LIMIT", 2)
    sender = sign_in_socket(app, member)
    for n in range(4):
        _send(sender, thread.id, body=f"Message {n}", client_id=f"p{n}")
    first = join(sender, thread, after_seq=0)
    assert [post["seq"] for post in first["posts"]] == [1, 2] and first["more"] is True
    assert first["last_seq"] == 2  # cut short: carry on from the last change it holds
    second = join(sender, thread, after_seq=first["posts"][-1]["change_seq"])
    assert [post["seq"] for post in second["posts"]] == [3, 4] and second["more"] is True
    assert second["last_seq"] == 4
    third = join(sender, thread, after_seq=second["posts"][-1]["change_seq"])
    assert [post["seq"] for post in third["posts"]] == [5] and third["more"] is False
    assert third["last_seq"] == 5


@pytest.mark.parametrize("after_seq", [-1, "3", 1.5, True])
def test_join_with_a_bad_after_seq(db, thread, pair, after_seq) -> None:
    sender, _reader = pair
    answer = ack(sender, "thread.join", {"thread_id": thread.id, "after_seq": after_seq})
    assert answer == {"ok": False, "error": "after_seq must be a whole number, 0 or more"}


def test_join_without_thread_id(db, pair) -> None:
    sender, _reader = pair
    assert ack(sender, "thread.join", {}) == {"ok": False, "error": "Give the thread_id of a thread"}
    assert ack(sender, "thread.leave", []) == {"ok": False, "error": "Give the thread_id of a thread"}


def test_leave_stops_the_broadcasts(db, thread, pair) -> None:
    sender, reader = pair
    assert ack(reader, "thread.leave", {"thread_id": thread.id}) == {"ok": True}
    received(reader)
    _send(sender, thread.id)
    assert received(reader, "post.created") == []


def test_unexpected_failure_is_answered_not_dropped(db, thread, pair, monkeypatch) -> None:
    sender, _reader = pair

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(live.services, "create_post", broken)
    assert _send(sender, thread.id) == {"ok": False, "error": "Something went wrong. Try again."}
    assert sender.is_connected(LIVE_NAMESPACE)


def test_thread_read_moves_the_marker_forward_only(db, member, official, thread, pair) -> None:
    from zone_networks.discussions.queries import read_marker

    sender, reader = pair
    for n in range(3):
        _send(sender, thread.id, client_id=f"r{n}")
    assert read_marker(official, thread.id) == 0
    assert ack(reader, "thread.read", {"thread_id": thread.id, "seq": 3}) == {"ok": True}
    assert read_marker(official, thread.id) == 3
    assert ack(reader, "thread.read", {"thread_id": thread.id, "seq": 1}) == {"ok": True}
    assert read_marker(official, thread.id) == 3
    assert ack(reader, "thread.read", {"thread_id": thread.id, "seq": 99}) == {"ok": True}
    assert read_marker(official, thread.id) == 4  # never beyond the newest post
    assert ack(reader, "thread.read", {"thread_id": thread.id, "seq": "4"}) == {
        "ok": False, "error": "seq must be a whole number, 0 or more"}


def test_thread_read_needs_access(app, db, member, outsider, thread) -> None:
    from zone_networks.discussions.queries import read_marker

    socket = sign_in_socket(app, outsider)
    assert ack(socket, "thread.read", {"thread_id": thread.id, "seq": 1}) == {"ok": False, "error": "Thread not found"}
    assert read_marker(outsider, thread.id) == 0
