"""Challenges: a structured thread in which an innovation lead asks peers in other zones for help.

A challenge owns a discussion thread (kind "challenge") whose title is the
challenge's title and whose posts are the conversation; offers of help are
posts with a ChallengeOffer row that can point at a person, a document or a
case study. Other zones say "we have this too" once per zone
(ChallengeEndorsement, counted in `endorsement_count`). Status goes
open -> matched (the owner marked an offer that helped) -> resolved; a
resolved challenge can be written up as a case study (`case_study_id`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.discussions.models import Post, Thread
from zone_networks.extensions import db
from zone_networks.zones.models import Sector, Zone

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.casestudies.models import CaseStudy
    from zone_networks.documents.models import Document

STATUSES = ("open", "matched", "resolved")
# Same themes as case studies, so a write-up keeps its challenge's theme.
THEMES = ("skills", "innovation", "net_zero", "investment", "planning", "other")

challenge_sectors = Table(
    "challenge_sectors",
    db.metadata,
    Column("challenge_id", ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Challenge(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A problem one zone has, posted for peers in other zones to answer."""

    __tablename__ = "challenges"
    __table_args__ = (Index("ix_challenges_status_updated", "status", "updated_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), unique=True, nullable=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="RESTRICT"), nullable=False, index=True)
    theme: Mapped[str] = mapped_column(String(20), nullable=False)
    problem: Mapped[str] = mapped_column(Text, nullable=False)
    tried: Mapped[str] = mapped_column(Text, nullable=False, default="")
    help_wanted: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    endorsement_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    offer_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    matched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    case_study_id: Mapped[int | None] = mapped_column(ForeignKey("case_studies.id", ondelete="SET NULL"),
                                                      unique=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    thread: Mapped[Thread] = relationship(lazy="joined", innerjoin=True)
    owner: Mapped[User | None] = relationship(lazy="raise")
    zone: Mapped[Zone] = relationship(lazy="joined", innerjoin=True)
    sectors: Mapped[list[Sector]] = relationship(secondary=challenge_sectors, lazy="selectin", order_by=Sector.name)
    case_study: Mapped[CaseStudy | None] = relationship(lazy="raise")

    @property
    def title(self) -> str:
        """The challenge's title is its thread's."""
        return self.thread.title

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.status}>"


class ChallengeEndorsement(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """"We have this too": one per zone and challenge, said by someone from that zone."""

    __tablename__ = "challenge_endorsements"
    __table_args__ = (UniqueConstraint("challenge_id", "zone_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), nullable=False)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    zone: Mapped[Zone] = relationship(lazy="joined", innerjoin=True)


class ChallengeOffer(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """An offer of help: a post in the challenge's thread, optionally pointing at a person, document or case study."""

    __tablename__ = "challenge_offers"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), nullable=False,
                                              index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    case_study_id: Mapped[int | None] = mapped_column(ForeignKey("case_studies.id", ondelete="SET NULL"))
    helped: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    post: Mapped[Post] = relationship(lazy="joined", innerjoin=True)
    person: Mapped[User | None] = relationship(lazy="raise")
    document: Mapped[Document | None] = relationship(lazy="raise")
    case_study: Mapped[CaseStudy | None] = relationship(lazy="raise")
