"""The /live events that change posts: post.create, post.edit, post.delete and reaction.toggle.

Each calls the same service as the HTML forms (discussions/services.py), which
commits and then broadcasts the change to the thread's room; the ack carries
the post as it is now. Sending is rate-limited per person with the counter the
forms use (discussions/limits.py).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import gettext as _
from limits import parse as parse_limit

from zone_networks.accounts.models import User
from zone_networks.core.sockets import LIVE_NAMESPACE, live_person
from zone_networks.discussions import services
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.limits import allow_post, post_rate_limit
from zone_networks.discussions.live_common import (
    Ack,
    fail,
    post_not_found,
    session_ended,
    thread_not_found,
    visible_post,
    visible_thread,
    whole_number,
)
from zone_networks.discussions.models import BODY_MAX, CLIENT_ID_MAX, REACTIONS, Post
from zone_networks.discussions.payloads import post_payload
from zone_networks.extensions import db, limiter, socketio

T = TypeVar("T")


def _answer(change: Callable[[], T], respond: Callable[[T], Ack], denied: str) -> Ack:
    """Run one service call and `respond` with its result; a PostError or PermissionError becomes an error ack
    (the session rolled back; `denied` is the message for a PermissionError)."""
    try:
        result = change()
    except PostError as error:
        db.session.rollback()
        return fail(error.message, field=error.field)
    except PermissionError:
        db.session.rollback()
        return fail(denied)
    return respond(result)


def _post_ack(post: Post) -> Ack:
    """The ack of a change to a post: the post as it is now."""
    return {"ok": True, "post": post_payload(post)}


def _rate_limited(person: User) -> Ack | None:
    """Count one message against POST_RATE_LIMIT (the counter the HTML forms use); an error ack when over it."""
    if allow_post(person):
        return None
    reset_at = limiter.limiter.get_window_stats(parse_limit(post_rate_limit()), "post", str(person.id)).reset_time
    retry_after = max(1, math.ceil(reset_at - time.time()))
    return fail(_("You are sending messages too quickly. Wait a minute and try again."), retry_after=retry_after)


def _message_body(payload: dict[str, Any]) -> str | Ack:
    body = payload.get("body")
    if not isinstance(body, str):
        return fail(_("Enter a message"), field="body")
    if len(body) > BODY_MAX:
        return fail(_("Message must be %(max)s characters or fewer", max=f"{BODY_MAX:,}"), field="body")
    return body


@socketio.on("post.create", namespace=LIVE_NAMESPACE)
def post_create(payload: Any = None) -> Ack:
    """Store a new post (or return the one already stored for this client_id) and acknowledge it."""
    person = live_person()
    if person is None:
        return session_ended()
    if not isinstance(payload, dict):
        return fail(_("Send an object with thread_id, body and client_id"))
    found = visible_thread(person, whole_number(payload, "thread_id"))
    if found is None:
        return thread_not_found()
    thread, _membership = found
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not client_id.strip() or len(client_id) > CLIENT_ID_MAX:
        return fail(_("client_id must be text of 1 to %(count)s characters", count=CLIENT_ID_MAX),
                     field="client_id")
    body = _message_body(payload)
    if isinstance(body, dict):
        return body
    quote_of = None
    if payload.get("quote_of") is not None:
        quoted = visible_post(person, whole_number(payload, "quote_of"))
        if quoted is None or quoted[0].thread_id != thread.id:
            return fail(_("The message you are quoting is not in this thread"), field="quote_of")
        quote_of = quoted[0]
    limited = _rate_limited(person)
    if limited is not None:
        return limited
    return _answer(lambda: services.create_post(person, thread, body, client_id=client_id,
                                               quote_of=quote_of)[0],
                   _post_ack,
                   _("You cannot post in this thread"))


@socketio.on("post.edit", namespace=LIVE_NAMESPACE)
def post_edit(payload: Any = None) -> Ack:
    """Change the text of one of the person's own posts."""
    person = live_person()
    if person is None:
        return session_ended()
    found = visible_post(person, whole_number(payload, "post_id"))
    if found is None:
        return post_not_found()
    body = _message_body(payload)
    if isinstance(body, dict):
        return body
    return _answer(lambda: services.edit_post(person, found[0], body),
                   _post_ack,
                   _("You can only change your own messages"))


@socketio.on("post.delete", namespace=LIVE_NAMESPACE)
def post_delete(payload: Any = None) -> Ack:
    """Delete one of the person's own posts (a tombstone stays in its place)."""
    person = live_person()
    if person is None:
        return session_ended()
    found = visible_post(person, whole_number(payload, "post_id"))
    if found is None:
        return post_not_found()
    return _answer(lambda: services.delete_post(person, found[0]),
                   _post_ack,
                   _("You can only delete your own messages"))


@socketio.on("reaction.toggle", namespace=LIVE_NAMESPACE)
def reaction_toggle(payload: Any = None) -> Ack:
    """Add the person's reaction to a post, or take it away if they had it."""
    person = live_person()
    if person is None:
        return session_ended()
    found = visible_post(person, whole_number(payload, "post_id"))
    if found is None:
        return post_not_found()
    emoji = payload.get("emoji") if isinstance(payload, dict) else None
    if emoji not in REACTIONS:
        return fail(_("Choose one of the reactions: %(choices)s", choices=" ".join(REACTIONS)), field="emoji")
    return _answer(lambda: services.toggle_reaction(person, found[0], emoji),
                   lambda reactions: {"ok": True, "post_id": found[0].id, "reactions": reactions},
                   _("You cannot react to this message"))
