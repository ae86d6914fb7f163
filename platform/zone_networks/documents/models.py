"""The document library: documents, their versions (content-addressed files), sectors and tags.

A Document is what people see and link to; each upload over it adds a
DocumentVersion (never changed afterwards). A version's file lives in the
shared upload store under its SHA-256 (`blob_key`); the client's name is kept
only for display and for the download's Content-Disposition. Who may see a
document is decided by `Document.can_view` (and its SQL twin in queries.py)
from the document's network and visibility, read live on every request.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
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
    from zone_networks.networks.models import Membership, Network
    from zone_networks.zones.models import Sector

# Who may see a document: the network's active members / every signed-in member / anyone.
DOCUMENT_VISIBILITIES = ("network", "members", "public")
# What happened when the version's text was extracted for search.
TEXT_STATUSES = ("extracted", "empty", "unsupported", "failed")
MAX_TAGS = 10
TAG_MAX_LENGTH = 40

document_sectors = Table(
    "document_sectors",
    db.metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class DocumentTag(db.Model):  # type: ignore[name-defined]
    """A free tag on a document (as typed, trimmed; `slug` is its folded form for filtering)."""

    __tablename__ = "document_tags"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    slug: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH), primary_key=True, index=True)
    name: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH), nullable=False)


class Document(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A shared document in a network's library; its file is the latest of its versions."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_network_id_updated_at", "network_id", "updated_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), nullable=False)
    visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="network")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The version people get when they download the document (the highest number).
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", use_alter=True, name="fk_documents_current_version_id_document_versions",
                   ondelete="SET NULL"))
    version_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    network: Mapped[Network] = relationship(lazy="joined", innerjoin=True)
    owner: Mapped[User | None] = relationship()
    current_version: Mapped[DocumentVersion | None] = relationship(foreign_keys=[current_version_id],
                                                                   post_update=True)
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", foreign_keys="DocumentVersion.document_id", lazy="raise",
        cascade="all, delete-orphan", passive_deletes=True, order_by="DocumentVersion.number.desc()")
    sectors: Mapped[list[Sector]] = relationship(secondary=document_sectors, lazy="raise",
                                                 order_by="Sector.name")
    tags: Mapped[list[DocumentTag]] = relationship(lazy="raise", cascade="all, delete-orphan",
                                                   order_by="DocumentTag.slug")

    def can_view(self, user: Any, membership: Membership | None = None) -> bool:
        """Whether `user` may see this document; `membership` is theirs in the document's network."""
        if self.visibility == "public":
            return True
        if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
            return False
        if user.is_staff or self.visibility == "members":
            return True
        return membership is not None and membership.status == "active"

    def can_edit(self, user: Any, membership: Membership | None = None) -> bool:
        """Whether `user` may change it, upload a version or delete it: its owner, a convenor, the secretariat."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
            return False
        if user.is_staff or (self.owner_id is not None and self.owner_id == user.id):
            return True
        return membership is not None and membership.status == "active" and membership.role == "convenor"


class DocumentVersion(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """One uploaded file of a document: never changed once written (a new upload adds a version)."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    blob_key: Mapped[str] = mapped_column(String(64), nullable=False, index=True)  # SHA-256, hex
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    content_type: Mapped[str] = mapped_column(String(120), nullable=False)  # from the content
    original_name: Mapped[str] = mapped_column(String(255), nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")  # what changed
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    text_status: Mapped[str] = mapped_column(String(20), nullable=False, default="unsupported")
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")  # extracted for search (capped)

    document: Mapped[Document] = relationship(back_populates="versions", foreign_keys=[document_id])
    uploaded_by: Mapped[User | None] = relationship()
