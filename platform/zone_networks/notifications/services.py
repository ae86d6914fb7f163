"""Notification writes: `notify()` for other features, reading, preferences and unsubscribing.

`notify()` only adds rows to the caller's transaction; it never commits. What
happens after the commit (the live `notification` event and "immediately"
emails) is arranged by notifications/delivery.py through session events, so a
rolled-back change notifies nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from sqlalchemy import select, update

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.notifications import delivery
from zone_networks.notifications.models import DELIVERIES, KINDS, Notification, NotificationPreference

TITLE_MAX = 300


def path_for(endpoint: str, **values: Any) -> str:
    """The path of `endpoint` for a notification's url, in a request or not (commands, the scheduler)."""
    if has_request_context():
        return url_for(endpoint, **values)
    base = urlsplit(current_app.config["SERVER_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc or "localhost", script_name=base.path.rstrip("/") or "/")
    return adapter.build(endpoint, values)


def _title_for(title: str | Callable[[User], str], person: User) -> str:
    if callable(title):
        # Written in the recipient's language: the title is stored as shown.
        with force_locale(person.language or "en"):
            text = str(title(person))
    else:
        text = str(title)
    text = " ".join(text.split())
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def notify(recipients: Iterable[User], kind: str, object_key: str, title: str | Callable[[User], str], url: str,
           actor: User | None = None) -> list[Notification]:
    """Add a notification for each recipient to the current transaction (no commit); return the new rows.

    Skips the actor, people who are inactive or deleted, and anyone who already
    has (kind, object_key), stored or pending in this session. Delivery (live
    event, "immediately" email) happens after the surrounding commit.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError("a notification links to a path within the service")
    session = db.session()
    pending_keys = delivery.pending_keys(session)
    people: dict[int, User] = {}
    for person in recipients:
        if person is None or person.id is None:
            continue
        if actor is not None and person.id == actor.id:
            continue
        if not person.active or person.deleted_at is not None:
            continue
        if (person.id, kind, object_key) in pending_keys:
            continue
        people.setdefault(person.id, person)
    if not people:
        return []
    existing = set(session.scalars(
        select(Notification.user_id).where(
            Notification.kind == kind,
            Notification.object_key == object_key,
            Notification.user_id.in_(people),
        )
    ))
    created = []
    for person_id, person in people.items():
        if person_id in existing:
            continue
        row = Notification(user_id=person_id, kind=kind, object_key=object_key[:80],
                           title=_title_for(title, person), url=url[:500],
                           actor_id=actor.id if actor is not None else None)
        session.add(row)
        delivery.remember(session, row, person)
        created.append(row)
    return created


def open_notification(user: User, notification: Notification) -> str:
    """Mark one of `user`'s notifications as read (once) and return where it points."""
    if notification.user_id != user.id:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        db.session.execute(
            update(Notification)
            .where(Notification.id == notification.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
    return notification.url


def mark_all_read(user: User) -> int:
    """Mark every unread notification of `user` as read; return how many changed."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def _set_delivery(user_id: int, kind: str, choice: str, rows: Mapping[str, NotificationPreference]) -> None:
    row = rows.get(kind)
    if row is None:
        db.session.add(NotificationPreference(user_id=user_id, kind=kind, delivery=choice))
    else:
        row.delivery = choice


def save_preferences(user: User, choices: Mapping[str, str]) -> None:
    """Store how `user` wants to be emailed for each kind in `choices` (kind -> delivery)."""
    for kind, choice in choices.items():
        if kind not in KINDS or choice not in DELIVERIES:
            raise ValueError(f"bad preference {kind!r}={choice!r}")
    rows = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    for kind, choice in choices.items():
        _set_delivery(user.id, kind, choice, rows)
    db.session.commit()


def unsubscribe(user_id: int, kind: str) -> bool:
    """Stop emails of `kind` for the person `user_id` (from an email link); False if they no longer exist."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    person = db.session.get(User, user_id)
    if person is None or person.deleted_at is not None:
        return False
    rows = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user_id,
                                             NotificationPreference.kind == kind))}
    _set_delivery(user_id, kind, "never", rows)
    db.session.commit()
    return True
