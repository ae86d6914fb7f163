"""Peer networks, who belongs to them, and invitations to join them.

Permission predicates live here (DESIGN.md section 3); routes and templates
call them, and `core.permissions.require` turns a False into 404 or 403.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import as_utc, utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db
from zone_networks.zones.models import Sector, Zone

if TYPE_CHECKING:
    from zone_networks.accounts.models import User

MEMBERSHIP_ROLES = ("member", "convenor", "observer")
MEMBERSHIP_STATUSES = ("requested", "active", "declined", "removed")
ELIGIBILITY_RULES = ("all_zones", "sector")


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class Network(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A peer network (Skills Forum, Innovation Leads, Net Zero)."""

    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    short_name: Mapped[str] = mapped_column(String(80), nullable=False)
    slug: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    who: Mapped[str] = mapped_column(Text, nullable=False, default="")
    cadence: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    eligibility: Mapped[str] = mapped_column(String(20), nullable=False, default="all_zones")
    eligible_sector_id: Mapped[int | None] = mapped_column(ForeignKey("sectors.id", ondelete="RESTRICT"))
    officials_may_join: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    eligible_sector: Mapped[Sector | None] = relationship(lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(back_populates="network", lazy="raise")

    def zone_is_eligible(self, zone: Zone | None) -> bool:
        """Whether people from `zone` may ask to join this network."""
        if zone is None:
            return False
        if self.eligibility == "sector":
            return self.eligible_sector is not None and zone.has_sector(self.eligible_sector)
        return True

    def is_eligible(self, user: User) -> bool:
        """Whether `user`'s organisation lets them ask to join (staff join by invitation)."""
        if user.organisation.kind == "government":
            return self.officials_may_join
        if user.organisation.kind == "zone":
            return self.zone_is_eligible(user.zone)
        return False

    def can_view(self, user: Any) -> bool:
        """Network descriptions are public."""
        return True

    def can_view_members(self, user: Any) -> bool:
        """Only signed-in, active people see who is in a network."""
        return _signed_in(user)

    def can_manage(self, user: Any, membership: Membership | None = None) -> bool:
        """Secretariat, admins and the network's active convenors manage its memberships."""
        if not _signed_in(user):
            return False
        if user.is_staff:
            return True
        return membership is not None and membership.is_active and membership.role == "convenor"

    def can_request_to_join(self, user: Any, membership: Membership | None = None) -> bool:
        """An eligible signed-in person with no live membership or pending request may ask to join."""
        if not _signed_in(user) or user.is_staff:
            return False
        if membership is not None and membership.status in ("active", "requested"):
            return False
        return self.is_eligible(user)

    def __repr__(self) -> str:
        return f"<Network {self.slug}>"


class Membership(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A person's place in a network, with their role and where their request stands."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "network_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="requested", index=True)
    request_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id], lazy="joined")
    network: Mapped[Network] = relationship(back_populates="memberships", lazy="joined")

    @property
    def is_active(self) -> bool:
        """Whether this membership currently gives access to the network."""
        return self.status == "active"


class Invitation(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """An invitation to one or more networks, sent to an email address as a single-use link."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id], lazy="joined")
    networks: Mapped[list[InvitationNetwork]] = relationship(
        back_populates="invitation", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def status(self) -> str:
        """pending, accepted, revoked or expired."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if as_utc(self.expires_at) <= utcnow():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        """Whether the link can still be used to join."""
        return self.status == "pending"


class InvitationNetwork(db.Model):  # type: ignore[name-defined]
    """One network (and the role offered in it) that an invitation covers."""

    __tablename__ = "invitation_networks"

    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")

    invitation: Mapped[Invitation] = relationship(back_populates="networks")
    network: Mapped[Network] = relationship(lazy="joined")
