"""Reads for the accounts pages."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager

from zone_networks.accounts.models import User
from zone_networks.networks.models import Membership, Network

# Memberships worth showing on a person's own account page.
SHOWN_STATUSES = ("active", "requested")


def own_memberships(user: User) -> Select[tuple[Membership]]:
    """The person's current memberships and pending requests, with their networks, by network name."""
    return (
        select(Membership)
        .join(Membership.network)
        .options(contains_eager(Membership.network))
        .where(Membership.user_id == user.id, Membership.status.in_(SHOWN_STATUSES))
        .order_by(Network.name)
    )
