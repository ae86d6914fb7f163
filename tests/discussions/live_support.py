"""Helpers for the live (Socket.IO) tests: a signed-in socket per person, threads to talk in, received events."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_socketio import SocketIOTestClient

from zone_networks.accounts.models import User
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions.models import Thread
from zone_networks.discussions.services import start_thread
from zone_networks.extensions import db, socketio
from zone_networks.networks.models import Network


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(db.select(Network).filter_by(slug=slug)).scalar_one()


def sign_in_socket(app: Flask, user: User) -> SocketIOTestClient:
    """A /live socket for `user`, on its own HTTP test client (its own session cookie)."""
    http = app.test_client()
    with http.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return socketio.test_client(app, namespace=LIVE_NAMESPACE, flask_test_client=http)


def thread_in(slug: str, author: User, title: str = "Apprenticeship levy transfers") -> Thread:
    """A discussion thread in the network `slug`, started by `author` (one first post)."""
    return start_thread(author, network(slug), title, "Has anyone transferred levy funds to a supplier?")


def ack(socket: SocketIOTestClient, event: str, payload: Any = None) -> Any:
    """Send `event` on /live and return the server's acknowledgement."""
    return socket.emit(event, payload, namespace=LIVE_NAMESPACE, callback=True)


def received(socket: SocketIOTestClient, name: str | None = None) -> list[Any]:
    """The first argument of every event the socket received since the last call (only `name`, if given)."""
    # Read the queue directly: get_received() refuses once the server has disconnected the socket.
    events = [event for event in socket.queue if event["namespace"] == LIVE_NAMESPACE]
    socket.queue[:] = [event for event in socket.queue if event["namespace"] != LIVE_NAMESPACE]
    return [event["args"][0] if event["args"] else None for event in events if name is None or event["name"] == name]


def join(socket: SocketIOTestClient, thread: Thread | int, after_seq: int = 0) -> Any:
    """thread.join and return its acknowledgement."""
    thread_id = thread if isinstance(thread, int) else thread.id
    return ack(socket, "thread.join", {"thread_id": thread_id, "after_seq": after_seq})
