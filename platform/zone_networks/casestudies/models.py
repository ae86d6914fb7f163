"""Case studies: structured records of what a zone did and what came of it, with their edit history.

A case study's outcome figures (jobs created, private investment, people
trained, businesses supported) are optional whole numbers, each with a note
of its source, so that the outcomes dashboard can add them up across zones.
Drafts are seen by their author and the secretariat; published ones by every
signed-in member, and by anyone when also marked public. Every save writes a
CaseStudyRevision holding a snapshot of the fields, so edits keep history.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.documents.models import Document
    from zone_networks.meetings.models import Meeting
    from zone_networks.zones.models import Sector, Zone

THEMES = ("skills", "innovation", "net_zero", "investment", "planning", "other")
STATUSES = ("draft", "published")
# The outcome figures, in the order they are shown: (column, its source-note column).
FIGURES = ("jobs_created", "investment_gbp", "people_trained", "businesses_supported")

case_study_zones = Table(
    "case_study_zones",
    db.metadata,
    Column("case_study_id", ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True),
    Column("zone_id", ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True, index=True),
)
case_study_sectors = Table(
    "case_study_sectors",
    db.metadata,
    Column("case_study_id", ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True, index=True),
)
case_study_documents = Table(
    "case_study_documents",
    db.metadata,
    Column("case_study_id", ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)
case_study_meetings = Table(
    "case_study_meetings",
    db.metadata,
    Column("case_study_id", ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class CaseStudy(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A structured case study of what one or more zones did, with optional outcome figures."""

    __tablename__ = "case_studies"
    __table_args__ = (Index("ix_case_studies_status_theme", "status", "theme"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str] = mapped_column(String(500), nullable=False, default="")  # one or two plain sentences
    theme: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    challenge: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    approach: Mapped[str] = mapped_column(Text, nullable=False, default="")  # "what was done", Markdown
    partners: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    lessons: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    jobs_created: Mapped[int | None] = mapped_column(Integer)
    jobs_created_source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    investment_gbp: Mapped[int | None] = mapped_column(BigInteger)  # whole pounds
    investment_gbp_source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    people_trained: Mapped[int | None] = mapped_column(Integer)
    people_trained_source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    businesses_supported: Mapped[int | None] = mapped_column(Integer)
    businesses_supported_source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revision_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    contact: Mapped[User | None] = relationship(foreign_keys=[contact_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    zones: Mapped[list[Zone]] = relationship(secondary=case_study_zones, lazy="raise", order_by="Zone.name")
    sectors: Mapped[list[Sector]] = relationship(secondary=case_study_sectors, lazy="raise",
                                                 order_by="Sector.name")
    documents: Mapped[list[Document]] = relationship(secondary=case_study_documents, lazy="raise",
                                                     order_by="Document.title")
    meetings: Mapped[list[Meeting]] = relationship(secondary=case_study_meetings, lazy="raise",
                                                   order_by="Meeting.starts_at")
    revisions: Mapped[list[CaseStudyRevision]] = relationship(
        back_populates="case_study", lazy="raise", cascade="all, delete-orphan", passive_deletes=True,
        order_by="CaseStudyRevision.number.desc()")

    @property
    def is_published(self) -> bool:
        """Whether it has been published."""
        return self.status == "published"

    def can_view(self, user: Any) -> bool:
        """Whether `user` may see it: published and public, published to members, or a draft to its author/staff."""
        if self.is_published and self.is_public:
            return True
        if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
            return False
        if self.is_published or user.is_staff:
            return True
        return self.author_id is not None and self.author_id == user.id

    def can_edit(self, user: Any) -> bool:
        """Whether `user` may edit, publish or withdraw it: its author or the secretariat."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
            return False
        return bool(user.is_staff) or (self.author_id is not None and self.author_id == user.id)


class CaseStudyRevision(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A snapshot of a case study's fields after one save: who saved it, when, and what it then said."""

    __tablename__ = "case_study_revisions"
    __table_args__ = (UniqueConstraint("case_study_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_study_id: Mapped[int] = mapped_column(ForeignKey("case_studies.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")  # e.g. "Published"
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)

    case_study: Mapped[CaseStudy] = relationship(back_populates="revisions")
    editor: Mapped[User | None] = relationship()
