"""Action items recorded with the minutes: what, who (person and zone), by when, and where it stands.

Open actions from earlier meetings of a series are its "matters arising";
owners see theirs on their home page; a network's action log filters them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import to_london, utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.meetings.models import Meeting
    from zone_networks.zones.models import Zone

ACTION_STATUSES = ("open", "done", "dropped")


class ActionItem(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """Something someone agreed to do at a meeting."""

    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_network_id_status", "network_id", "status"),
        Index("ix_action_items_owner_id_status", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    # The meeting's network, copied so the network's action log filters without a join.
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    owner_zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="SET NULL"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)  # a London date
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    owner_zone: Mapped[Zone | None] = relationship()

    def is_overdue(self, today: date | None = None) -> bool:
        """An open action whose due date (a London date) has passed."""
        if self.status != "open" or self.due_date is None:
            return False
        return self.due_date < (today or to_london(utcnow()).date())

    def __repr__(self) -> str:
        return f"<ActionItem {self.id}>"
