"""Who is coming to a meeting (RSVPs, with the waiting list and substitutes) and who came (attendance).

Concurrency: one row per (meeting, person) by constraint, and seats are taken
with a conditional UPDATE of `Meeting.seats_taken` (see meetings/models.py),
so a full meeting can never be over-booked, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.meetings.models import Meeting
    from zone_networks.zones.models import Organisation, Zone

RSVP_RESPONSES = ("yes", "no", "maybe")
# Only a "yes" has a seat status: confirmed (holds a seat) or waitlisted (waiting for one).
RSVP_STATUSES = ("confirmed", "waitlisted")


class Rsvp(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """One person's answer to one meeting (one occurrence of a series)."""

    __tablename__ = "meeting_rsvps"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        Index("ix_meeting_rsvps_meeting_id_status", "meeting_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(String(10), nullable=False)
    # "confirmed" or "waitlisted" when response == "yes"; None for "no" and "maybe".
    status: Mapped[str | None] = mapped_column(String(20))
    waitlisted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # waiting-list order
    # Someone from the same zone who comes in this person's place.
    substitute_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    substitute: Mapped[User | None] = relationship(foreign_keys=[substitute_user_id])

    @property
    def is_confirmed(self) -> bool:
        """Whether this answer holds a seat."""
        return self.response == "yes" and self.status == "confirmed"

    @property
    def is_waitlisted(self) -> bool:
        """Whether this person is on the waiting list."""
        return self.response == "yes" and self.status == "waitlisted"

    def __repr__(self) -> str:
        return f"<Rsvp {self.meeting_id}:{self.user_id} {self.response}>"


class Attendance(db.Model):  # type: ignore[name-defined]
    """One person recorded as having come to a meeting, with their zone and organisation at the time."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Snapshots: attendance by zone and nation stays true when people change jobs.
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    zone: Mapped[Zone | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    def __repr__(self) -> str:
        return f"<Attendance {self.meeting_id}:{self.user_id}>"
