"""Helpers shared by the secretariat's person-management tests (call inside the `db` fixture's app context)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.extensions import db


def manage_url(user: User, action: str = "") -> str:
    """The address of `user`'s manage page, or of one of its actions."""
    return f"/people/{user.id}/manage" + (f"/{action}" if action else "")


def fresh(user: User) -> User:
    """`user` read again from the database, with zone roles and expertise loaded."""
    db.session.expire_all()
    query = select(User).where(User.id == user.id).options(selectinload(User.zone_roles),
                                                           selectinload(User.expertise))
    return db.session.scalars(query).one()


def zone_roles(user: User) -> list[str]:
    """`user`'s zone role codes, read fresh."""
    return sorted(item.role for item in fresh(user).zone_roles)
