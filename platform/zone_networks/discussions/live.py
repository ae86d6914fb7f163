"""The live discussion events on the /live Socket.IO namespace (docs/LIVE_PROTOCOL.md is the contract).

Each handler is thin, like a route: read the person afresh from the database
(`live_person`: an ended session or a deactivated account is cut off at its
next event), check the payload, load the thread and the person's membership,
authorise with the model predicates, call the same service the HTML forms use,
and answer with an acknowledgement `{ok: true, ...}` or `{ok: false, error}`
in plain English. Nothing a client sends chooses a room or an author: rooms
come from the database, the author is the signed-in person.

This module: joining and leaving threads (with the catch-up), read markers,
presence and typing (ephemeral: presence.py), and the error handler. The
events that change posts are in live_posts.py (stored first, broadcast by the
services after the commit); live_access.py disconnects people whose access
ends; live_common.py holds what the handlers share.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_socketio import emit, join_room, leave_room, rooms
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.sockets import LIVE_NAMESPACE, live_person, on_live_connect, on_live_disconnect
from zone_networks.discussions import live_access, live_posts, services  # noqa: F401  (their handlers and listeners)
from zone_networks.discussions.live_common import (
    Ack,
    fail,
    session_ended,
    thread_not_found,
    visible_thread,
    whole_number,
)
from zone_networks.discussions.models import Thread
from zone_networks.discussions.payloads import posts_payload
from zone_networks.discussions.presence import presence
from zone_networks.discussions.queries import posts_after
from zone_networks.discussions.rooms import thread_room
from zone_networks.extensions import db, socketio

log = logging.getLogger(__name__)

# Most changes one thread.join answer carries; `more: true` says there are others after them.
CATCH_UP_LIMIT = 500


def _broadcast_presence(thread_id: int) -> None:
    viewers = presence().viewers(thread_id)
    socketio.emit("presence", {"thread_id": thread_id, "viewers": viewers}, to=thread_room(thread_id),
                  namespace=LIVE_NAMESPACE)


def _stop_viewing(thread_id: int, sid: str) -> None:
    leave_room(thread_room(thread_id), sid=sid, namespace=LIVE_NAMESPACE)
    if presence().remove_viewer(thread_id, sid):
        _broadcast_presence(thread_id)


@on_live_connect
def _track_connection(person: User, sid: str) -> None:
    presence().add_connection(person.id, sid)


@on_live_disconnect
def _forget_connection(sid: str) -> None:
    store = presence()
    for thread_id in store.threads_of(sid):
        if store.remove_viewer(thread_id, sid):
            _broadcast_presence(thread_id)
    owner = store.owner_of(sid)
    if owner is not None:
        store.remove_connection(owner, sid)


@socketio.on("thread.join", namespace=LIVE_NAMESPACE)
def thread_join(payload: Any = None) -> Ack:
    """Join a thread's room and receive every change after `after_seq` (the catch-up)."""
    person = live_person()
    if person is None:
        return session_ended()
    thread_id = whole_number(payload, "thread_id")
    after_seq = whole_number(payload, "after_seq", default=0)
    if thread_id is None:
        return fail(_("Give the thread_id of a thread"))
    if after_seq is None:
        return fail(_("after_seq must be a whole number, 0 or more"))
    found = visible_thread(person, thread_id)
    if found is None:
        return thread_not_found()
    sid = request.sid  # type: ignore[attr-defined]
    person_id, person_name = person.id, person.name
    # Join the room first, then read: a change committed after the read is broadcast to this room,
    # and one committed before it is in the read. End the read transaction that checked permission
    # so the catch-up query sees every commit made up to now (SQLite reads from a snapshot).
    join_room(thread_room(thread_id))
    db.session.commit()
    # The counter is read before the posts, so `last_seq` never claims a change the answer lacks
    # (as in posts.json); when the answer is cut short, the client continues from its last change.
    counter = db.session.scalar(select(Thread.last_seq).where(Thread.id == thread_id)) or 0
    posts = posts_after(thread_id, after_seq, limit=CATCH_UP_LIMIT + 1)
    more = len(posts) > CATCH_UP_LIMIT
    posts = posts[:CATCH_UP_LIMIT]
    newest = max((post.change_seq for post in posts), default=after_seq)
    last_seq = newest if more else max(counter, newest)
    store = presence()
    listed = store.has_viewer(thread_id, sid)
    store.add_viewer(thread_id, sid, person_id, person_name)
    if not listed:  # a join that only catches up (a gap) changes nobody's list
        _broadcast_presence(thread_id)
    return {"ok": True, "thread_id": thread_id, "posts": posts_payload(posts), "last_seq": last_seq, "more": more}


@socketio.on("thread.leave", namespace=LIVE_NAMESPACE)
def thread_leave(payload: Any = None) -> Ack:
    """Leave a thread's room (and its list of viewers)."""
    person = live_person()
    if person is None:
        return session_ended()
    thread_id = whole_number(payload, "thread_id")
    if thread_id is None:
        return fail(_("Give the thread_id of a thread"))
    _stop_viewing(thread_id, request.sid)  # type: ignore[attr-defined]
    return {"ok": True}


@socketio.on("thread.read", namespace=LIVE_NAMESPACE)
def thread_read(payload: Any = None) -> Ack:
    """Record that the person has read the thread up to post number `seq` (it never moves back)."""
    person = live_person()
    if person is None:
        return session_ended()
    seq = whole_number(payload, "seq")
    if seq is None:
        return fail(_("seq must be a whole number, 0 or more"))
    found = visible_thread(person, whole_number(payload, "thread_id"))
    if found is None:
        return thread_not_found()
    services.mark_read(person, found[0], seq)
    return {"ok": True}


@socketio.on("presence.ping", namespace=LIVE_NAMESPACE)
def presence_ping(payload: Any = None) -> Ack:
    """Keep this connection listed as viewing a thread it joined (clients ping every 30 seconds)."""
    person = live_person()
    if person is None:
        return session_ended()
    thread_id = whole_number(payload, "thread_id")
    sid = request.sid  # type: ignore[attr-defined]
    if thread_id is None:
        return fail(_("Give the thread_id of a thread"))
    if visible_thread(person, thread_id) is None:
        _stop_viewing(thread_id, sid)
        return thread_not_found()
    if thread_room(thread_id) not in rooms(sid=sid, namespace=LIVE_NAMESPACE):
        return fail(_("Join the thread first"))
    store = presence()
    listed = store.has_viewer(thread_id, sid)
    store.add_viewer(thread_id, sid, person.id, person.name)
    if not listed:  # it had expired: everyone sees the person again
        _broadcast_presence(thread_id)
    return {"ok": True, "viewers": store.viewers(thread_id)}


@socketio.on("typing", namespace=LIVE_NAMESPACE)
def typing(payload: Any = None) -> None:
    """Tell the others in the thread that the person is typing (at most once every two seconds)."""
    person = live_person()
    if person is None:
        session_ended()
        return
    thread_id = whole_number(payload, "thread_id")
    found = visible_thread(person, thread_id)
    if found is None or thread_id is None or not found[0].can_post(person, found[1]):
        return
    if not presence().allow_typing(thread_id, person.id):
        return
    emit("typing", {"thread_id": thread_id, "user": {"id": person.id, "name": person.name}},
         to=thread_room(thread_id), include_self=False)


@socketio.on_error(LIVE_NAMESPACE)
def live_error(error: Exception) -> Ack:
    """Answer an unexpected failure with an error acknowledgement rather than silence (and log it)."""
    log.exception("live event failed", exc_info=error)
    db.session.rollback()
    return fail(_("Something went wrong. Try again."))
