"""Date polls ("find a date"): proposed slots, everyone's answers, and the slot chosen.

Closing a poll turns the chosen option into a scheduled meeting in one step;
the poll keeps the meeting details to use (`format`, `venue`...), and records
the meeting it made.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db
from zone_networks.meetings.models import is_invitee, manages_network
from zone_networks.networks.models import Network

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.meetings.models import Meeting
    from zone_networks.networks.models import Membership

POLL_STATUSES = ("open", "closed")
POLL_ANSWERS = ("yes", "if_need_be", "no")


class DatePoll(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A question to a network: which of these slots can you make?"""

    __tablename__ = "date_polls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    answer_by: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # shown as guidance
    # The meeting to create from the chosen slot.
    format: Mapped[str] = mapped_column(String(20), nullable=False, default="online")
    venue: Mapped[str] = mapped_column(Text, nullable=False, default="")
    join_link: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    capacity: Mapped[int | None] = mapped_column(Integer)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    network: Mapped[Network] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    meeting: Mapped[Meeting | None] = relationship()
    options: Mapped[list[PollOption]] = relationship(back_populates="poll", lazy="raise", cascade="all, delete-orphan",
                                                     order_by="PollOption.starts_at")

    @property
    def is_open(self) -> bool:
        """Whether people may still answer."""
        return self.status == "open"

    def can_view(self, user: Any, membership: Membership | None = None) -> bool:
        """The network's active members and the staff see the poll and its tally."""
        return is_invitee(user, membership, self.network_id)

    def can_vote(self, user: Any, membership: Membership | None = None) -> bool:
        """Invitees answer while the poll is open."""
        return self.is_open and is_invitee(user, membership, self.network_id)

    def can_manage(self, user: Any, membership: Membership | None = None) -> bool:
        """Staff and the network's active convenors propose slots and choose one."""
        return manages_network(user, membership, self.network)

    def __repr__(self) -> str:
        return f"<DatePoll {self.id}>"


class PollOption(db.Model):  # type: ignore[name-defined]
    """One proposed slot (UTC; all-day slots as for meetings: London midnights, end exclusive)."""

    __tablename__ = "poll_options"
    __table_args__ = (UniqueConstraint("poll_id", "starts_at", "ends_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("date_polls.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_chosen: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    poll: Mapped[DatePoll] = relationship(back_populates="options")
    votes: Mapped[list[PollVote]] = relationship(back_populates="option", lazy="raise", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<PollOption {self.id}>"


class PollVote(db.Model):  # type: ignore[name-defined]
    """One person's answer for one slot: yes, if need be, or no."""

    __tablename__ = "poll_votes"
    __table_args__ = (UniqueConstraint("option_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("poll_options.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(20), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    option: Mapped[PollOption] = relationship(back_populates="votes")
    user: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<PollVote {self.option_id}:{self.user_id} {self.answer}>"
