"""Column helpers shared by every feature's models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column

from zone_networks.core.clock import utcnow


class TimestampMixin:
    """Adds a created_at column set when the row is first written."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
