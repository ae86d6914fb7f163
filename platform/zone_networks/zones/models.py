"""The zones register: growth-driving sectors, the 22 zones, and organisations people belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.accounts.models import User

PROGRAMMES = ("freeport", "investment_zone", "both")
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
ORGANISATION_KINDS = ("zone", "government", "secretariat")

zone_sectors = Table(
    "zone_sectors",
    db.metadata,
    Column("zone_id", ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class Sector(db.Model):  # type: ignore[name-defined]
    """One of the Industrial Strategy's eight growth-driving sectors."""

    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)
    slug: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)

    def __repr__(self) -> str:
        return f"<Sector {self.slug}>"


class Zone(db.Model):  # type: ignore[name-defined]
    """A Freeport, an Investment Zone, or a zone that is both."""

    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    slug: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    programme: Mapped[str] = mapped_column(String(20), nullable=False)
    nation: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(40), nullable=False, default="active")
    specialism: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    # Other names people search by (Welsh names such as "Wrecsam"), comma-separated.
    aliases: Mapped[str] = mapped_column(String(300), nullable=False, default="")

    sectors: Mapped[list[Sector]] = relationship(
        secondary=zone_sectors, order_by="Sector.name", lazy="selectin"
    )
    organisation: Mapped[Organisation | None] = relationship(back_populates="zone", uselist=False)

    @property
    def programme_label(self) -> str:
        """The programme in words, for display."""
        from zone_networks.zones.labels import programme_label

        return programme_label(self.programme)

    def has_sector(self, sector: Sector) -> bool:
        """Whether this zone's sectors include `sector`."""
        return any(own.id == sector.id for own in self.sectors)

    def can_view_members(self, user: Any) -> bool:
        """Only signed-in, active people may see who works in a zone."""
        return bool(getattr(user, "is_authenticated", False) and user.is_active)

    def __repr__(self) -> str:
        return f"<Zone {self.slug}>"


class Organisation(db.Model):  # type: ignore[name-defined]
    """Where a person works: a zone, a government body, or the secretariat."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    slug: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="RESTRICT"), unique=True)

    zone: Mapped[Zone | None] = relationship(back_populates="organisation", lazy="joined")
    people: Mapped[list[User]] = relationship(back_populates="organisation", lazy="raise")

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"
