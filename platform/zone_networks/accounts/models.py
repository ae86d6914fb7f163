"""People who use the service, and the tokens that let them reset a password."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db

if TYPE_CHECKING:
    from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
    from zone_networks.networks.models import Membership
    from zone_networks.zones.models import Organisation, Zone

LANGUAGES = ("en", "cy")
# Who may see a contact detail, narrowest first (the directory's visibility rules).
CONTACT_VISIBILITIES = ("only_me", "secretariat", "networks", "members")
FORMER_MEMBER_NAME = "Former member"
PASSWORD_METHOD = "scrypt:32768:8:1"  # noqa: S105 (a hash method, not a password)


class User(UserMixin, TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A person with an account: a zone lead, a government official, secretariat or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    job_title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="en")
    is_secretariat: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    session_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Profile (the directory feature edits these; see directory/).
    bio: Mapped[str] = mapped_column(Text, nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    other_contact: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    email_visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="networks")
    phone_visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="only_me")
    other_contact_visibility: Mapped[str] = mapped_column(String(20), nullable=False, default="only_me")
    photo_key: Mapped[str | None] = mapped_column(String(80))
    # Derived, kept in step by directory.search.refresh_person(): case- and accent-folded
    # text for free-text search, and the folded name for ordering (SQL lower() is ASCII-only on SQLite).
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sort_name: Mapped[str] = mapped_column(String(200), nullable=False, default="", index=True)
    # Data rights: a person asks to be deleted; the secretariat confirms and the row is anonymised.
    deletion_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship(back_populates="people", lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", lazy="raise", foreign_keys="Membership.user_id"
    )
    zone_roles: Mapped[list[PersonZoneRole]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PersonZoneRole.role"
    )
    expertise: Mapped[list[ExpertiseTag]] = relationship(
        secondary="person_tags", lazy="raise", order_by="ExpertiseTag.name"
    )

    # Flask-Login: the session carries "id:version" so bumping the version ends every session.
    def get_id(self) -> str:
        """Identify this user *and* their current session version to Flask-Login."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        """Deactivated people cannot sign in; their sessions stop working."""
        return bool(self.active)

    @property
    def is_staff(self) -> bool:
        """Secretariat staff and admins run the networks."""
        return bool(self.is_secretariat or self.is_admin)

    @property
    def is_official(self) -> bool:
        """A government official (UK, Scottish, Welsh or Northern Ireland government)."""
        return self.organisation.kind == "government"

    @property
    def zone(self) -> Zone | None:
        """The zone this person works for, if any."""
        return self.organisation.zone

    @property
    def role(self) -> str:
        """The person's service-wide role: admin, secretariat, official or member."""
        if self.is_admin:
            return "admin"
        if self.is_secretariat:
            return "secretariat"
        if self.is_official:
            return "official"
        return "member"

    def set_password(self, password: str) -> None:
        """Store a salted scrypt hash of `password`."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password: str) -> bool:
        """Whether `password` matches the stored hash."""
        return bool(self.password_hash) and check_password_hash(self.password_hash or "", password)

    def end_sessions(self) -> None:
        """Invalidate every session this person has (logout everywhere)."""
        self.session_version = (self.session_version or 0) + 1

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class PasswordResetToken(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A single-use, expiring password reset link; only the token's hash is stored."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(lazy="joined")
