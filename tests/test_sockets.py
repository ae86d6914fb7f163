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


def _rooms(socket) -> set[str]:
    sid = socketio.server.manager.sid_from_eio_sid(socket.eio_sid, LIVE_NAMESPACE)
    return set(socketio.server.rooms(sid, namespace=LIVE_NAMESPACE)) - {sid}


def _network_id(db, slug: str) -> int:
    from zone_networks.networks.models import Network

    return db.session.execute(db.select(Network.id).filter_by(slug=slug)).scalar_one()


def test_connect_joins_the_person_and_their_active_networks(app, client, db, member, login) -> None:
    login(member)
    socket = _connect(app, client)
    expected = {f"user:{member.id}", f"network:{_network_id(db, 'skills-forum')}",
                f"network:{_network_id(db, 'net-zero')}"}
    assert _rooms(socket) == expected


def test_inactive_memberships_give_no_room(app, client, db, member, login) -> None:
    from zone_networks.networks.models import Membership

    for membership in db.session.scalars(db.select(Membership).filter_by(user_id=member.id)):
        membership.status = "removed" if membership.network_id == _network_id(db, "net-zero") else "active"
    db.session.commit()
    login(member)
    assert _rooms(_connect(app, client)) == {f"user:{member.id}", f"network:{_network_id(db, 'skills-forum')}"}


def test_outsider_gets_only_their_own_room(app, client, outsider, login) -> None:
    login(outsider)
    assert _rooms(_connect(app, client)) == {f"user:{outsider.id}"}


def test_staff_follow_every_network(app, client, db, secretariat, login) -> None:
    from zone_networks.networks.models import Network

    login(secretariat)
    networks = {f"network:{network_id}" for network_id in db.session.scalars(db.select(Network.id))}
    assert len(networks) == 3
    assert _rooms(_connect(app, client)) == {f"user:{secretariat.id}"} | networks


def test_rooms_named_at_connect_are_ignored(app, client, db, member, login) -> None:
    login(member)
    other = f"network:{_network_id(db, 'innovation-leads')}"
    socket = socketio.test_client(app, namespace=LIVE_NAMESPACE, flask_test_client=client,
                                  auth={"room": other, "rooms": ["user:999"]}, query_string="room=user:999")
    assert "user:999" not in _rooms(socket) and other not in _rooms(socket)


def test_own_room_receives_server_events(app, client, member, login) -> None:
    login(member)
    socket = _connect(app, client)
    socketio.emit("notification", {"id": 1}, to=f"user:{member.id}", namespace=LIVE_NAMESPACE)
    socketio.emit("notification", {"id": 2}, to="user:999999", namespace=LIVE_NAMESPACE)
    assert [event["args"][0]["id"] for event in socket.get_received(LIVE_NAMESPACE)] == [1]


def test_a_failure_while_connecting_refuses_the_connection(app, client, member, login, monkeypatch) -> None:
    from zone_networks.core import sockets

    def broken(person):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(sockets, "live_network_ids", broken)
    login(member)
    assert not _connect(app, client).is_connected(LIVE_NAMESPACE)
