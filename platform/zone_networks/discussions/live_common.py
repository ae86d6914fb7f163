"""What every /live event handler shares: acknowledgements, reading the payload, and finding what the person may see.

Handlers answer every event with an acknowledgement: `{ok: true, ...}` or
`fail(...)`, `{ok: false, error}` in plain English (docs/LIVE_PROTOCOL.md).
A thread or post the person may not see answers exactly like one that does
not exist.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_socketio import disconnect, emit

from zone_networks.accounts.models import User
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.queries import membership_for
from zone_networks.extensions import db
from zone_networks.networks.models import Membership

Ack = dict[str, Any]


def fail(message: str, **extra: Any) -> Ack:
    """An error acknowledgement: `{ok: false, error}` plus any extra fields."""
    return {"ok": False, "error": message, **extra}


def thread_not_found() -> Ack:
    """The same answer for a thread that does not exist and one the person may not see."""
    return fail(_("Thread not found"))


def post_not_found() -> Ack:
    """The same answer for a post that does not exist and one in a thread the person may not see."""
    return fail(_("Message not found"))


def session_ended() -> Ack:
    """Tell the client its session has ended, then disconnect it (never silently)."""
    message = _("Your session has ended. Sign in again to carry on.")
    emit("session.ended", {"error": message})
    disconnect()
    return fail(message)


def whole_number(payload: Any, key: str, *, default: int | None = None) -> int | None:
    """payload[key] as a non-negative whole number, `default` when absent, None when not valid."""
    if not isinstance(payload, dict):
        return None
    value = payload.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def visible_thread(person: User, thread_id: int | None) -> tuple[Thread, Membership | None] | None:
    """The thread and the person's membership of its network, if the person may see it."""
    if thread_id is None:
        return None
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        return None
    membership = membership_for(person, thread.network_id)
    if not thread.can_view(person, membership):
        return None
    return thread, membership


def visible_post(person: User, post_id: int | None) -> tuple[Post, Thread] | None:
    """The post and its thread, if the person may see the thread."""
    if post_id is None:
        return None
    post = db.session.get(Post, post_id)
    if post is None:
        return None
    found = visible_thread(person, post.thread_id)
    return (post, found[0]) if found is not None else None
