"""In-app notifications and each person's email preference per kind of notification.

A notification is written in the same transaction as the change it reports
(a mention, a reply, a new challenge, an offer, a meeting change); after the
commit it is pushed to the person's `user:<id>` room and, if they chose
"immediately", emailed. Digest emails collect the ones whose kind is set to
"daily" (`digest_sent_at` marks them as sent, so the digest command is safe to
run repeatedly).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User

KINDS = ("mention", "reply", "challenge", "offer", "meeting")
DELIVERIES = ("immediately", "daily", "never")
# What a person gets until they choose otherwise.
DEFAULT_DELIVERY = {"mention": "immediately", "reply": "daily", "challenge": "daily", "offer": "immediately",
                    "meeting": "immediately"}


class Notification(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """Something that happened that one person should know about."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_user_created", "user_id", "created_at"),
        # One notification per person for the same thing (e.g. mentioned twice in one post).
        UniqueConstraint("user_id", "kind", "object_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    # What it is about, e.g. "post:12" or "meeting:4:change:3"; with kind, unique per person.
    object_key: Mapped[str] = mapped_column(String(80), nullable=False)
    # Shown in the list and the email subject; stored in the recipient's language when written.
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    # Path within the service (starts with "/"), never an outside address.
    url: Mapped[str] = mapped_column(String(500), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    digest_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="raise")
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="raise")


class NotificationPreference(db.Model):  # type: ignore[name-defined]
    """How one person wants to be emailed about one kind of notification."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    delivery: Mapped[str] = mapped_column(String(20), nullable=False)
