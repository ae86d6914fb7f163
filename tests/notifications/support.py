"""Helpers for the notifications tests: make notifications directly, in committed transactions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.notifications.models import Notification


def make_notification(user: User, key: str = "post:1", *, kind: str = "mention", title: str = "Someone mentioned you",
                      url: str = "/threads/1", read: bool = False, created_at: datetime | None = None,
                      **fields: Any) -> Notification:
    """Store one notification for `user` without delivering it (no notify(), so no email or live event)."""
    row = Notification(user_id=user.id, kind=kind, object_key=key, title=title, url=url, **fields)
    if created_at is not None:
        row.created_at = created_at
    if read:
        row.read_at = row.created_at or datetime.now().astimezone()
    db.session.add(row)
    db.session.commit()
    return row
