"""Minutes of a meeting: draft -> circulated (to attendees, for comment) -> agreed (locked) -> published.

Every save is a new numbered version (who and when), never an update in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.meetings.models import Meeting

MINUTES_STATUSES = ("draft", "circulated", "agreed", "published")
LOCKED_MINUTES_STATUSES = ("agreed", "published")


class Minutes(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """The minutes of one meeting, with their place in the cycle."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    circulated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    agreed_by: Mapped[User | None] = relationship(foreign_keys=[agreed_by_id])
    versions: Mapped[list[MinutesVersion]] = relationship(back_populates="minutes", lazy="raise",
                                                          cascade="all, delete-orphan",
                                                          order_by="MinutesVersion.number")
    comments: Mapped[list[MinutesComment]] = relationship(back_populates="minutes", lazy="raise",
                                                          cascade="all, delete-orphan",
                                                          order_by="MinutesComment.id")

    @property
    def is_locked(self) -> bool:
        """Agreed minutes cannot be edited."""
        return self.status in LOCKED_MINUTES_STATUSES

    def __repr__(self) -> str:
        return f"<Minutes {self.meeting_id} {self.status}>"


class MinutesVersion(db.Model):  # type: ignore[name-defined]
    """One saved text of the minutes; numbers start at 1 and are unique per minutes."""

    __tablename__ = "minutes_versions"
    __table_args__ = (UniqueConstraint("minutes_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")  # what changed
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<MinutesVersion {self.minutes_id} v{self.number}>"


class MinutesComment(db.Model):  # type: ignore[name-defined]
    """An attendee's comment on circulated minutes (on the version they read)."""

    __tablename__ = "minutes_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<MinutesComment {self.id}>"
