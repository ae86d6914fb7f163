"""The yardstick for `make bench-live`: a bare Flask-SocketIO app that broadcasts what it receives to a room.

Served exactly like Zone Networks in bench/live.py (gunicorn, one gevent
worker, Socket.IO in gevent mode), and speaking the same events on the same
namespace (`thread.join`, `post.create` answered with an ack, `post.created`
broadcast to the thread's room), so the same clients drive both. It does no
authentication, stores nothing and renders nothing beyond escaping the text:
the figures show what the transport costs, and the difference is what Zone
Networks adds (sessions, permission checks, the database, Markdown).
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask_socketio import SocketIO, join_room
from markupsafe import escape

NAMESPACE = "/live"

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent")
_numbers = itertools.count(1)
_lock = threading.Lock()
_last = {"seq": 0}


@app.get("/healthz")
def healthz() -> str:
    """Answers when the server is up."""
    return "ok"


@socketio.on("connect", namespace=NAMESPACE)
def connect(auth: Any = None) -> bool:
    """Everyone may connect."""
    return True


@socketio.on("thread.join", namespace=NAMESPACE)
def thread_join(payload: dict[str, Any]) -> dict[str, Any]:
    """Join the thread's room; there is never anything to catch up on."""
    join_room(f"thread:{int(payload['thread_id'])}")
    return {"ok": True, "posts": [], "last_seq": _last["seq"], "more": False}


@socketio.on("post.create", namespace=NAMESPACE)
def post_create(payload: dict[str, Any]) -> dict[str, Any]:
    """Number the message, broadcast it to the room as post.created, and acknowledge it."""
    thread_id = int(payload["thread_id"])
    with _lock:
        number = next(_numbers)
        _last["seq"] = number
    post = {
        "id": number, "thread_id": thread_id, "seq": number, "change_seq": number, "author": None,
        "body_html": f"<p>{escape(str(payload.get('body', '')))}</p>",
        "created_at": datetime.now(UTC).isoformat(), "edited_at": None, "deleted": False, "hidden": False,
        "client_id": payload.get("client_id"), "quote_of": None, "reactions": {},
    }  # fmt: skip
    socketio.emit("post.created", {"thread_id": thread_id, "seq": number, "post": post},
                  to=f"thread:{thread_id}", namespace=NAMESPACE)
    return {"ok": True, "post": post}
