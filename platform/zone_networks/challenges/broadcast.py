"""Live events for challenges, sent only after the change is committed (the database is the truth).

`challenge.created {id, title, url, network_id, zone}` goes to the network's
room on /live; static/js/live.js turns it into the DOM event
`zn:challenge-created`, which static/js/challenges-live.js announces on the
board. A person who misses it sees the challenge when the board reloads.
"""

from __future__ import annotations

from typing import Any

from zone_networks.challenges.models import Challenge
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions import broadcast as thread_broadcast
from zone_networks.discussions.models import Thread
from zone_networks.discussions.rooms import network_room
from zone_networks.extensions import socketio


def challenge_created_payload(challenge: Challenge) -> dict[str, Any]:
    """The `challenge.created` payload: what the board needs to announce it."""
    return {
        "id": challenge.id,
        "title": challenge.title,
        "url": f"/challenges/{challenge.id}",  # a path: also sent from commands, outside a request
        "network_id": challenge.thread.network_id,
        "zone": challenge.zone.name,
    }


def emit_challenge_created(challenge: Challenge) -> None:
    """Tell the network's room a challenge was posted (call after the commit)."""
    payload = challenge_created_payload(challenge)
    socketio.emit("challenge.created", payload, to=network_room(payload["network_id"]), namespace=LIVE_NAMESPACE)


def after_commit_thread(thread: Thread) -> None:
    """Tell the network's room a new thread has its first post (as a new discussion thread does)."""
    thread_broadcast.emit_thread_activity(thread, thread_broadcast.thread_activity(thread, thread.author_id))
