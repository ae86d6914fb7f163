"""Reads for notifications: a person's list, their unread count (the header badge) and their preferences."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, func, select

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.notifications.models import DEFAULT_DELIVERY, KINDS, Notification, NotificationPreference


def own_notifications(user: User) -> Select[tuple[Notification]]:
    """`user`'s notifications, newest first."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def own_count(user: User) -> Select[int]:
    """How many notifications `user` has (for pagination)."""
    return select(func.count()).select_from(Notification).where(Notification.user_id == user.id)


def unread_count(user_id: int) -> int:
    """How many of the person's notifications are unread: one COUNT on the (user_id, read_at) index."""
    statement = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(db.session.scalar(statement) or 0)


def own_notification(user: User, notification_id: int) -> Notification | None:
    """One of `user`'s notifications, or None (someone else's is as good as missing)."""
    statement = select(Notification).where(Notification.id == notification_id, Notification.user_id == user.id)
    return db.session.scalars(statement).one_or_none()


def preferences(user_id: int) -> dict[str, str]:
    """How the person wants to be emailed for every kind (their choice, or the default)."""
    chosen = dict(db.session.execute(
        select(NotificationPreference.kind, NotificationPreference.delivery)
        .where(NotificationPreference.user_id == user_id)
    ).all())
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in KINDS}


def deliveries(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each of these people wants `kind` emailed (their choice, or the default), in one query."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    chosen = dict(db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.delivery)
        .where(NotificationPreference.user_id.in_(wanted), NotificationPreference.kind == kind)
    ).all())
    return {user_id: chosen.get(user_id, DEFAULT_DELIVERY[kind]) for user_id in wanted}
