"""Deliver notifications after the transaction that wrote them commits, and never if it rolls back.

`notify()` remembers each new row in `session.info`. Session events then:

- `before_commit`: flush, and read everything delivery needs while the
  transaction is still open (after the commit the session cannot be queried):
  each recipient's unread count and email preference. Rows that will be
  emailed at once get `emailed_at` now, in the same transaction: the decision
  is stored with the notification, so the digest never sends them again. If
  the email then cannot be sent, the failure is logged (the change itself
  stands, as with every email this service sends).
- `after_commit` (outermost transaction only): push the live `notification`
  event to `user:<id>` on /live and send the "immediately" emails. Errors are
  logged, never raised: the request that caused them has already succeeded.
- `after_soft_rollback`: a rolled-back savepoint forgets the rows it added;
  the end of the outermost transaction (commit, rollback or close) forgets all.

Kind "meeting": meetings/services.py sends its own richer email to the same
people after the commit (when their preference is "immediately"), so this
module never emails that kind itself (no double emails).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session, SessionTransaction

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.core.sockets import LIVE_NAMESPACE, user_room
from zone_networks.notifications.models import DEFAULT_DELIVERY, Notification, NotificationPreference

log = logging.getLogger(__name__)

PENDING = "zn_notifications_pending"
READY = "zn_notifications_ready"
# Kinds whose "immediately" email is sent by the feature that notifies (see the module docstring).
OWN_EMAIL_KINDS = frozenset({"meeting"})

def remember(session: Session, row: Notification, person: User) -> None:
    """Queue a new notification row for delivery when `session` commits."""
    session.info.setdefault(PENDING, []).append((row, person))


def pending_keys(session: Session) -> set[tuple[int, str, str]]:
    """(user id, kind, object key) of the notifications waiting in this session."""
    return {(row.user_id, row.kind, row.object_key) for row, _person in session.info.get(PENDING, ())
            if not inspect(row).transient}


def _live_rows(session: Session) -> list[tuple[Notification, User]]:
    return [(row, person) for row, person in session.info.get(PENDING, ()) if not inspect(row).transient]


def _prepare(session: Session) -> None:
    pending = _live_rows(session)
    session.info[PENDING] = pending
    session.info.pop(READY, None)
    if not pending:
        return
    session.flush()
    user_ids = {row.user_id for row, _person in pending}
    unread = {user_id: count for user_id, count in session.execute(
        select(Notification.user_id, func.count())
        .where(Notification.user_id.in_(user_ids), Notification.read_at.is_(None))
        .group_by(Notification.user_id)
    )}
    chosen = {(user_id, kind): choice for user_id, kind, choice in session.execute(
        select(NotificationPreference.user_id, NotificationPreference.kind, NotificationPreference.delivery)
        .where(NotificationPreference.user_id.in_(user_ids))
    )}
    now = utcnow()
    ready: list[dict[str, Any]] = []
    for row, person in pending:
        choice = chosen.get((row.user_id, row.kind), DEFAULT_DELIVERY[row.kind])
        immediately = choice == "immediately"
        if immediately and row.emailed_at is None:
            row.emailed_at = now
        ready.append({
            "user_id": row.user_id,
            "email_to": person.email if immediately and row.kind not in OWN_EMAIL_KINDS else None,
            "name": person.name,
            "language": person.language or "en",
            "kind": row.kind,
            "payload": {
                "id": row.id,
                "kind": row.kind,
                "title": row.title,
                "url": row.url,
                "created_at": row.created_at.isoformat() if row.created_at else now.isoformat(),
                "unread_count": int(unread.get(row.user_id, 0)),
            },
        })
    session.info[READY] = ready


def _deliver(ready: list[dict[str, Any]]) -> None:
    from zone_networks.extensions import socketio
    from zone_networks.notifications import emails

    for item in ready:
        try:
            socketio.emit("notification", item["payload"], to=user_room(item["user_id"]), namespace=LIVE_NAMESPACE)
        except Exception:  # the change is committed; a missed doorbell must not fail it
            log.exception("Could not push notification %s", item["payload"]["id"])
        if item["email_to"]:
            try:
                emails.send_immediate(item)
            except Exception:  # as above: log, never fail the committed change
                log.exception("Could not email notification %s", item["payload"]["id"])


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.info.get(PENDING):
        _prepare(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer transaction may still roll back
    ready = session.info.pop(READY, None)
    session.info.pop(PENDING, None)
    if ready:
        _deliver(ready)


@event.listens_for(Session, "after_soft_rollback")
def _after_soft_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    session.info.pop(READY, None)
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)
    elif session.info.get(PENDING):
        session.info[PENDING] = _live_rows(session)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING, None)
        session.info.pop(READY, None)
