"""Directory records: the zone roles people hold and the expertise they list.

The profile's scalar fields (bio, contact details and their visibility, photo,
search text) live on `accounts.models.User`; these tables hold the lists.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

ZONE_ROLES = ("skills_lead", "innovation_lead", "net_zero_lead", "other")

person_tags = Table(
    "person_tags",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("expertise_tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ExpertiseTag(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """An area of expertise: from the managed list, or a free tag someone added."""

    __tablename__ = "expertise_tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    slug: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    managed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    def __repr__(self) -> str:
        return f"<ExpertiseTag {self.slug}>"


class PersonZoneRole(db.Model):  # type: ignore[name-defined]
    """One of the roles a person holds in their zone (skills lead, innovation lead...)."""

    __tablename__ = "person_zone_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)

    def __repr__(self) -> str:
        return f"<PersonZoneRole {self.user_id} {self.role}>"
