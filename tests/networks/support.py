"""Helpers shared by the networks tests (call inside the `db` fixture's app context)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.extensions import db
from zone_networks.networks.models import Invitation, Membership, Network


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def find_membership(user: User, slug: str) -> Membership | None:
    """`user`'s membership in the network, read fresh from the database, or None."""
    db.session.expire_all()
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network(slug).id)
    return db.session.scalars(query).first()


def membership(user: User, slug: str) -> Membership:
    """`user`'s membership in the network, read fresh from the database (it must exist)."""
    found = find_membership(user, slug)
    assert found is not None, f"{user.email} has no membership of {slug}"
    return found


def add_membership(user: User, slug: str, *, role: str = "member", status: str = "active",
                   note: str = "") -> Membership:
    """Give `user` a membership of `network` and commit."""
    item = Membership(user_id=user.id, network_id=network(slug).id, role=role, status=status, request_note=note)
    db.session.add(item)
    db.session.commit()
    return item


def person(email: str, org_slug: str, **fields: Any) -> User:
    """A new committed user with no memberships."""
    user = make_user(email, org_slug, **fields)
    db.session.commit()
    return user


def audit_events(action: str | None = None) -> list[AuditEvent]:
    """Audit events (optionally of one action), oldest first."""
    db.session.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query).unique())


def invitations() -> list[Invitation]:
    """Every invitation, oldest first, read fresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(Invitation).order_by(Invitation.id)).unique())


def count(model: Any) -> int:
    """How many rows `model` has."""
    db.session.expire_all()
    return int(db.session.scalar(select(db.func.count()).select_from(model)) or 0)
