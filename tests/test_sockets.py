"""The /live Socket.IO namespace admits signed-in, active people only."""

from __future__ import annotations

from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.extensions import socketio


def _connect(app, client, namespace: str = LIVE_NAMESPACE):
    return socketio.test_client(app, namespace=namespace, flask_test_client=client)


def test_signed_in_member_connects(app, client, member, login) -> None:
    login(member)
    socket = _connect(app, client)
    assert socket.is_connected(LIVE_NAMESPACE)
    socket.disconnect(namespace=LIVE_NAMESPACE)


def test_anonymous_is_refused(app, client) -> None:
    socket = _connect(app, client)
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_revoked_session_is_refused(app, client, member, login, db) -> None:
    login(member)
    member.end_sessions()
    db.session.commit()
    socket = _connect(app, client)
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_deactivated_person_is_refused(app, client, member, login, db) -> None:
    login(member)
    member.active = False
    db.session.commit()
    socket = _connect(app, client)
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_default_namespace_is_closed_even_when_signed_in(app, client, member, login) -> None:
    login(member)
    socket = _connect(app, client, namespace="/")
    assert not socket.is_connected("/")
