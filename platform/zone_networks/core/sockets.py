"""Socket.IO connection gate for the /live namespace: who may connect, and which rooms they are put in.

The socket shares the HTTP session cookie (`manage_session=False`), so a
socket's session is the cookie as it was when the connection was made. That
is enough to know *who* it claims to be, never enough to trust: `live_person()`
re-reads the person from the database on every event, and a signed-out,
deactivated or revoked session (its session version was bumped) gets None.

`connect` refuses anyone who is not a signed-in, active person, and puts the
connection in the rooms the database says it belongs to: `user:<id>` (their
own notifications) and `network:<id>` for every network they are an active
member of (the staff: every network). Rooms are never taken from the client.
Features add their events to /live (discussions/live.py) and may register
hooks run when a connection opens or closes; the default namespace is not
used and refuses everyone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import g, request, session
from flask_socketio import join_room
from sqlalchemy import select

from zone_networks.extensions import db, socketio

if TYPE_CHECKING:
    from zone_networks.accounts.models import User

LIVE_NAMESPACE = "/live"

log = logging.getLogger(__name__)

ConnectionHook = Callable[["User", str], None]
_on_connect: list[ConnectionHook] = []
_on_disconnect: list[Callable[[str], None]] = []


def user_room(user_id: int) -> str:
    """The room of one person's connections (notifications, session changes)."""
    return f"user:{user_id}"


def network_room(network_id: int) -> str:
    """The room of every connection whose person may see the network's activity."""
    return f"network:{network_id}"


def on_live_connect(hook: ConnectionHook) -> ConnectionHook:
    """Register `hook(person, sid)` to run after a /live connection is accepted."""
    if hook not in _on_connect:
        _on_connect.append(hook)
    return hook


def on_live_disconnect(hook: Callable[[str], None]) -> Callable[[str], None]:
    """Register `hook(sid)` to run when a /live connection closes."""
    if hook not in _on_disconnect:
        _on_disconnect.append(hook)
    return hook


def live_person() -> User | None:
    """The person behind the current socket event, read afresh from the database.

    None when the socket's session names nobody, or a person who has been
    deactivated or whose sessions were ended since the socket connected.
    """
    from zone_networks.accounts.models import User

    identifier = str(session.get("_user_id") or "")
    user_id, _, version = identifier.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    statement = select(User).where(User.id == int(user_id)).execution_options(populate_existing=True)
    user = db.session.execute(statement).scalar_one_or_none()
    if user is None or not user.active or user.deleted_at is not None or user.session_version != int(version):
        return None
    # Anything that asks Flask-Login during this event (the language of a message) sees the same person.
    g._login_user = user
    return user


def live_network_ids(person: User) -> list[int]:
    """The networks whose activity `person` may follow live: active memberships, or every network for staff."""
    from zone_networks.networks.models import Membership, Network

    if person.is_staff:
        return list(db.session.scalars(select(Network.id).order_by(Network.id)))
    statement = (
        select(Membership.network_id)
        .where(Membership.user_id == person.id, Membership.status == "active")
        .order_by(Membership.network_id)
    )
    return list(db.session.scalars(statement))


@socketio.on("connect", namespace=LIVE_NAMESPACE)
def connect_live(auth: Any = None) -> bool:
    """Accept the connection only for a signed-in, active person, and join the rooms the database gives them."""
    try:
        person = live_person()
        if person is None:
            return False
        sid = request.sid  # type: ignore[attr-defined]
        join_room(user_room(person.id))
        for network_id in live_network_ids(person):
            join_room(network_room(network_id))
        for hook in _on_connect:
            hook(person, sid)
    except Exception:
        # Refuse rather than let a namespace error handler's answer count as an acceptance.
        log.exception("live connect failed")
        db.session.rollback()
        return False
    return True


@socketio.on("disconnect", namespace=LIVE_NAMESPACE)
def disconnect_live(*args: Any) -> None:
    """Tell the registered hooks (presence) that the connection has gone."""
    sid = request.sid  # type: ignore[attr-defined]
    for hook in _on_disconnect:
        try:
            hook(sid)
        except Exception:  # a failing hook must not stop the others from cleaning up
            log.exception("live disconnect hook %r failed", hook)


@socketio.on("connect")
def connect_default(auth: Any = None) -> bool:
    """Refuse the unused default namespace."""
    return False
