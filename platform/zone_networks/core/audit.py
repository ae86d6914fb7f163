"""Audit log of secretariat and admin actions: who did what to which object, and when."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """One recorded action. Written in the same transaction as the change it describes."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    object_type: Mapped[str] = mapped_column(String(40), nullable=False)
    object_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)

    actor: Mapped[User | None] = relationship("User", lazy="joined")


def record(actor: User | None, action: str, object_type: str, object_id: int | None, **details: Any) -> AuditEvent:
    """Add an audit event to the session; the calling service commits it with its change."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )
    db.session.add(event)
    return event


def recent_events(limit: int = 50, offset: int = 0) -> list[AuditEvent]:
    """Return audit events, newest first, for the secretariat's audit page."""
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(limit).offset(offset)
    return list(db.session.scalars(query))
