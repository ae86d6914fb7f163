"""Reusable reads for networks, memberships, invitations and the audit log.

Every list is loaded with a fixed number of statements whatever its length:
memberships join their user, organisation and zone eagerly (the models'
relationships are `lazy="joined"`), and zone sectors come in one `selectin`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import contains_eager

from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.core.clock import utcnow
from zone_networks.core.pagination import Page, paginate
from zone_networks.core.tokens import hash_token
from zone_networks.extensions import db
from zone_networks.networks.models import Invitation, Membership, Network
from zone_networks.zones.models import Organisation, Zone

ROLE_ORDER = {"convenor": 0, "member": 1, "observer": 2}
MEMBERS_PER_PAGE = 50  # rows on each page of a network's members


def network_by_slug(slug: str) -> Network | None:
    """The network with this slug, if any."""
    return db.session.scalars(select(Network).where(Network.slug == slug)).first()


def all_networks() -> list[Network]:
    """The networks in the order they were set up (Skills Forum, Innovation Leads, Net Zero)."""
    return list(db.session.scalars(select(Network).order_by(Network.id)))


def all_zones() -> list[Zone]:
    """Every zone, with its sectors, ordered by name."""
    return list(db.session.scalars(select(Zone).order_by(Zone.name)))


def eligible_zones(network: Network, zones: list[Zone]) -> list[Zone]:
    """The zones whose people may ask to join `network`, derived from the eligibility rule."""
    return [zone for zone in zones if network.zone_is_eligible(zone)]


def membership_for(user: Any, network: Network) -> Membership | None:
    """`user`'s membership (of any status) in `network`, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network.id)
    return db.session.scalars(query).first()


def memberships_by_network(user: Any) -> dict[int, Membership]:
    """All of `user`'s memberships keyed by network id (empty for signed-out visitors)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    query = select(Membership).where(Membership.user_id == user.id)
    return {membership.network_id: membership for membership in db.session.scalars(query)}


def active_members_query(network: Network) -> Select[Membership]:
    """The network's active memberships, convenors first, then by name (ties by id), with user and organisation."""
    role_rank = case(ROLE_ORDER, value=Membership.role, else_=len(ROLE_ORDER))
    return (
        select(Membership)
        .join(Membership.user)
        .where(Membership.network_id == network.id, Membership.status == "active")
        .order_by(role_rank, func.lower(User.name), Membership.id)
        # The join above is for the ordering: load each membership's user from it rather than joining again.
        .options(contains_eager(Membership.user))
    )


def active_member_count(network: Network) -> Select[int]:
    """Count the network's active memberships."""
    return select(func.count(Membership.id)).where(
        Membership.network_id == network.id, Membership.status == "active"
    )


def active_members(network: Network, page: int = 1, per_page: int = MEMBERS_PER_PAGE) -> Page[Membership]:
    """One page of the network's active memberships, in `active_members_query` order (404 past the end)."""
    return paginate(active_members_query(network), page, per_page, count_query=active_member_count(network))


def visible_members(network: Network, user: Any, page: int = 1,
                    per_page: int = MEMBERS_PER_PAGE) -> Page[Membership] | None:
    """One page of the active members `user` may see, or None (nothing queried) when they may not see any."""
    if not network.can_view_members(user):
        return None
    return active_members(network, page, per_page)


def pending_requests(network: Network) -> list[Membership]:
    """Join requests waiting for a decision in `network`, oldest first."""
    query = (
        select(Membership)
        .where(Membership.network_id == network.id, Membership.status == "requested")
        .order_by(Membership.created_at, Membership.id)
    )
    return list(db.session.scalars(query).unique())


def _managed_network_ids(user: Any) -> Select[Any]:
    """Ids of the networks `user` actively convenes, as a subquery."""
    return select(Membership.network_id).where(
        Membership.user_id == user.id, Membership.status == "active", Membership.role == "convenor"
    )


def pending_requests_for(user: Any) -> list[Membership]:
    """Join requests `user` may decide: all of them for staff, their networks' for convenors."""
    if not getattr(user, "is_authenticated", False):
        return []
    query = select(Membership).where(Membership.status == "requested")
    if not user.is_staff:
        query = query.where(Membership.network_id.in_(_managed_network_ids(user)))
    query = query.order_by(Membership.created_at, Membership.id)
    return list(db.session.scalars(query).unique())


def pending_request_counts_for(user: Any) -> list[tuple[Network, int]]:
    """For each network with requests `user` may decide, the network and how many wait."""
    if not getattr(user, "is_authenticated", False):
        return []
    query = (
        select(Membership.network_id, func.count(Membership.id))
        .where(Membership.status == "requested")
        .group_by(Membership.network_id)
    )
    if not user.is_staff:
        query = query.where(Membership.network_id.in_(_managed_network_ids(user)))
    counts = {network_id: count for network_id, count in db.session.execute(query)}
    if not counts:
        return []
    return [(network, counts[network.id]) for network in all_networks() if network.id in counts]


def own_memberships(user: Any, status: str) -> list[Membership]:
    """`user`'s memberships with `status`, in network order."""
    if not getattr(user, "is_authenticated", False):
        return []
    query = (
        select(Membership)
        .where(Membership.user_id == user.id, Membership.status == status)
        .order_by(Membership.network_id)
    )
    return list(db.session.scalars(query).unique())


def user_by_email(email: str) -> User | None:
    """The account with this (normalised) email address, if any."""
    return db.session.scalars(select(User).where(User.email == email)).first()


def joinable_organisations() -> tuple[list[Organisation], list[Organisation]]:
    """Organisations a new person can belong to: (zones by name, government bodies by name)."""
    query = select(Organisation).where(Organisation.kind.in_(("zone", "government"))).order_by(Organisation.name)
    organisations = list(db.session.scalars(query).unique())
    zones = [org for org in organisations if org.kind == "zone"]
    government = [org for org in organisations if org.kind == "government"]
    return zones, government


def invitation_by_token(raw_token: str) -> Invitation | None:
    """The invitation whose link carries `raw_token` (looked up by hash), if any."""
    if not raw_token or len(raw_token) > 200:
        return None
    return db.session.scalars(select(Invitation).where(Invitation.token_hash == hash_token(raw_token))).first()


def pending_invitation_for(email: str) -> Invitation | None:
    """A still-usable invitation already sent to `email`, if there is one."""
    query = select(Invitation).where(
        Invitation.email == email,
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        Invitation.expires_at > utcnow(),
    )
    return db.session.scalars(query).first()


def count_pending_invitations() -> int:
    """How many invitations are still waiting to be accepted."""
    query = select(func.count(Invitation.id)).where(
        and_(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None), Invitation.expires_at > utcnow())
    )
    return int(db.session.scalar(query) or 0)


def invitations_page(page: int, per_page: int) -> Page[Invitation]:
    """One page of invitations, newest first (404 past the end)."""
    query = select(Invitation).order_by(Invitation.created_at.desc(), Invitation.id.desc())
    return paginate(query, page, per_page, count_query=select(func.count(Invitation.id)))


def audit_page(page: int, per_page: int) -> Page[AuditEvent]:
    """One page of audit events, newest first (404 past the end)."""
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    return paginate(query, page, per_page, count_query=select(func.count(AuditEvent.id)))


def active_convenor_count(network: Network) -> int:
    """How many active convenors `network` has."""
    query = select(func.count(Membership.id)).where(
        Membership.network_id == network.id, Membership.status == "active", Membership.role == "convenor"
    )
    return int(db.session.scalar(query) or 0)


def zone_count() -> int:
    """How many zones the register holds."""
    return int(db.session.scalar(select(func.count(Zone.id))) or 0)
