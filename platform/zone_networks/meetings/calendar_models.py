"""Calendar feed tokens and the record of reminders sent.

A feed URL carries a random token; only its hash is stored (core.tokens), and
revoking sets `revoked_at`. A ReminderSent row is written before the email
goes out: its unique (meeting, person, kind) makes each reminder go once, even
with two senders running.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.networks.models import Network

REMINDER_KINDS = ("24h",)


class CalendarToken(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A person's secret calendar-feed address: their own meetings, or (with `network_id`) a network's."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    with_alarm: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(lazy="joined")
    network: Mapped[Network | None] = relationship()

    @property
    def is_usable(self) -> bool:
        """Whether the feed still answers (not revoked)."""
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<CalendarToken {self.id}>"


class ReminderSent(db.Model):  # type: ignore[name-defined]
    """A reminder of one kind sent (or being sent) to one person about one meeting."""

    __tablename__ = "meeting_reminders"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="24h")
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    def __repr__(self) -> str:
        return f"<ReminderSent {self.meeting_id}:{self.user_id} {self.kind}>"
