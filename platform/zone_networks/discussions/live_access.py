"""Access that ends mid-connection: disconnect a person's sockets once the change is committed.

When a membership stops being active (removed, declined, deleted), or a
person's sessions are ended (session_version) or their account is
deactivated, every open /live connection of theirs is disconnected after the
commit, on whichever server process holds it (python-socketio routes a
disconnect by sid through the message queue; the sids come from the
connection registry in presence.py). They stop receiving the rooms'
broadcasts at once; the browser reconnects and gets only the rooms the person
still has, or is refused. Every event also re-checks access (live.py), so
this is the second of two locks, not the only one.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import get_history

from zone_networks.accounts.models import User
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions.presence import presence
from zone_networks.extensions import socketio
from zone_networks.networks.models import Membership

log = logging.getLogger(__name__)

_CUT_OFF = "zn_live_cut_off"


@event.listens_for(Session, "before_flush")
def _notice_lost_access(session: Session, flush_context: Any, instances: Any) -> None:
    """Remember people whose membership stops being active, or whose sessions end, in this transaction."""
    people: set[int] = session.info.setdefault(_CUT_OFF, set())
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Membership):
            was = get_history(obj, "status").deleted
            if obj in session.deleted or (was and was[0] == "active" and obj.status != "active"):
                people.add(obj.user_id)
        elif isinstance(obj, User) and (
            obj in session.deleted
            or get_history(obj, "session_version").has_changes()
            or get_history(obj, "active").has_changes()
        ):
            people.add(obj.id)


@event.listens_for(Session, "after_commit")
def _cut_off(session: Session) -> None:
    """Disconnect the remembered people's sockets (they reconnect with only the rooms they may still have)."""
    people = session.info.pop(_CUT_OFF, None)
    if not people:
        return
    try:
        store = presence()
        for person_id in people:
            for sid in store.connections(person_id):
                socketio.server.disconnect(sid, namespace=LIVE_NAMESPACE)
    except Exception:  # the change itself has been committed; a failed disconnect must not undo the request
        log.exception("could not disconnect live sockets after an access change")


@event.listens_for(Session, "after_rollback")
def _forget_cut_off(session: Session) -> None:
    session.info.pop(_CUT_OFF, None)
