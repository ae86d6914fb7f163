"""Ringing the doorbell: Socket.IO events for changes that are already committed.

Every function here is called AFTER the commit of the change it announces
(DESIGN.md section 5): a client that receives an event can always fetch the
same change from the database, and a change that rolled back is never
announced. Events go to rooms on the /live namespace (`rooms.py`); the
server alone decides who is in each room.
"""

from __future__ import annotations

from typing import Any

from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.payloads import post_payload
from zone_networks.discussions.rooms import network_room, thread_room
from zone_networks.extensions import db, socketio

POST_EVENTS = ("post.created", "post.updated", "post.deleted")


def _emit(event: str, data: dict[str, Any], room: str) -> None:
    socketio.emit(event, data, to=room, namespace=LIVE_NAMESPACE)


def emit_post(event: str, post: Post, payload: dict[str, Any] | None = None) -> None:
    """Announce a stored change of `post` to the thread's room as `{thread_id, seq, post}`."""
    if event not in POST_EVENTS:
        raise ValueError(f"not a post event: {event}")
    body = payload if payload is not None else post_payload(post)
    _emit(event, {"thread_id": body["thread_id"], "seq": body["change_seq"], "post": body},
          thread_room(body["thread_id"]))


def emit_reactions(post: Post, reactions: dict[str, int] | None = None) -> None:
    """Announce a post's new reaction counts: `reaction.updated {thread_id, seq, post_id, reactions}`."""
    if reactions is None:
        reactions = post_payload(post)["reactions"]
    _emit("reaction.updated", {"thread_id": post.thread_id, "seq": post.change_seq, "post_id": post.id,
                               "reactions": reactions}, thread_room(post.thread_id))


def thread_activity(thread: Thread, author_id: int | None = None) -> dict[str, Any]:
    """The `thread.activity` payload for `thread` as it is now; `author_id` is who wrote the new post."""
    return {"thread_id": thread.id, "network_id": thread.network_id, "last_post_seq": thread.last_post_seq,
            "post_count": thread.post_count, "author_id": author_id}


def emit_thread_activity(thread: Thread, payload: dict[str, Any] | None = None) -> None:
    """Tell the network's room that a thread has a new post (list pages update their counts)."""
    body = payload if payload is not None else thread_activity(thread)
    _emit("thread.activity", body, network_room(body["network_id"]))


def after_commit_post(post: Post) -> None:
    """Announce a newly committed post: `post.created` to its thread, `thread.activity` to its network."""
    emit_post("post.created", post)
    thread = db.session.get(Thread, post.thread_id)
    if thread is not None:
        emit_thread_activity(thread, thread_activity(thread, post.author_id))
