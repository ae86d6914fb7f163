"""A meeting's agenda: items members propose, the secretariat accepts, orders and times, and their papers.

Papers are files stored by content hash (`stored_name`); the documents feature
will later move them into the shared library.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.meetings.models import Meeting

AGENDA_STATUSES = ("submitted", "accepted", "declined")


class AgendaItem(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A proposed or accepted item on a meeting's agenda."""

    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting_id_status", "meeting_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")  # Markdown
    # Who presents: an account, or a name typed in (a guest speaker).
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    presenter_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="submitted")
    position: Mapped[int | None] = mapped_column(Integer)  # order on the agenda (accepted items)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    presenter: Mapped[User | None] = relationship(foreign_keys=[presenter_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    papers: Mapped[list[AgendaPaper]] = relationship(back_populates="item", lazy="raise",
                                                     cascade="all, delete-orphan", order_by="AgendaPaper.id")

    @property
    def presenter_label(self) -> str:
        """The presenter's name as shown on the agenda (needs `presenter` loaded when set)."""
        if self.presenter_name:
            return self.presenter_name
        return self.presenter.name if self.presenter is not None else ""

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id}>"


class AgendaPaper(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A file attached to an agenda item."""

    __tablename__ = "agenda_papers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), nullable=False)  # SHA-256 hex of the content
    original_name: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    item: Mapped[AgendaItem] = relationship(back_populates="papers")

    def __repr__(self) -> str:
        return f"<AgendaPaper {self.id}>"
