"""Reads for the profile pages: one person with their lists, their networks, and shared networks.

Each function is one SQL statement (the person with their zone roles and
expertise is three: the row, then one per list), whatever the size of the lists.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, lazyload, selectinload

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network


def person_for_profile(person_id: int) -> User | None:
    """The person with this id, their organisation, zone, zone roles and expertise loaded (or None)."""
    return db.session.scalars(
        select(User)
        .where(User.id == person_id)
        .options(selectinload(User.zone_roles), selectinload(User.expertise))
        # The signed-in user may already be in the session without the lists: load them anyway.
        .execution_options(populate_existing=True)
    ).one_or_none()


def active_memberships(person: User) -> list[Membership]:
    """The networks `person` is an active member of, by network name, with the network loaded."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.network)
            .where(Membership.user_id == person.id, Membership.status == "active")
            .order_by(Network.name, Membership.id)
            .options(contains_eager(Membership.network), lazyload(Membership.user))
        )
    )


def shared_network_ids(viewer: Any, person: User) -> set[int]:
    """The networks in which both `viewer` and `person` have an active membership (one query)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.id == person.id:
        return set()
    viewers_networks = select(Membership.network_id).where(
        Membership.user_id == viewer.id, Membership.status == "active"
    )
    return set(
        db.session.scalars(
            select(Membership.network_id).where(
                Membership.user_id == person.id,
                Membership.status == "active",
                Membership.network_id.in_(viewers_networks),
            )
        )
    )


def photo_in_use(key: str) -> bool:
    """Whether anybody's profile still uses the stored photo `key`."""
    return db.session.scalar(select(User.id).where(User.photo_key == key).limit(1)) is not None
