"""Reusable reads for the zones register: filtered zone lists, one zone, its networks and people.

Every function here reads; none writes. Query counts are fixed whatever the
size of the data (no per-row lazy loads).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, lazyload

from zone_networks.accounts.models import User
from zone_networks.core.pagination import Page, paginate
from zone_networks.extensions import db
from zone_networks.zones.models import Organisation, Sector, Zone

if TYPE_CHECKING:
    from zone_networks.networks.models import Membership, Network

PEOPLE_PER_PAGE = 50  # rows on each page of a zone's people

# A zone that is both a Freeport and an Investment Zone matches either programme filter.
PROGRAMME_FILTERS: dict[str, tuple[str, ...]] = {
    "freeport": ("freeport", "both"),
    "investment_zone": ("investment_zone", "both"),
}


@dataclass(frozen=True)
class ZoneFilters:
    """Cleaned filter values for the zones register (unknown values already dropped)."""

    nations: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.nations or self.programmes or self.sectors)


@dataclass
class ZonePerson:
    """Someone who works for a zone, with their active network memberships."""

    user: User
    memberships: list[Membership] = field(default_factory=list)


def all_sectors() -> list[Sector]:
    """Every growth-driving sector, by name."""
    return list(db.session.scalars(select(Sector).order_by(Sector.name)))


def zones_query(filters: ZoneFilters) -> Select[tuple[Zone]]:
    """Zones matching `filters`: any chosen value within a filter, every filter at once."""
    query = select(Zone).order_by(Zone.name)
    if filters.nations:
        query = query.where(Zone.nation.in_(filters.nations))
    if filters.programmes:
        codes = {code for chosen in filters.programmes for code in PROGRAMME_FILTERS.get(chosen, ())}
        query = query.where(Zone.programme.in_(sorted(codes)))
    if filters.sectors:
        query = query.where(Zone.sectors.any(Sector.slug.in_(filters.sectors)))
    return query


def list_zones(filters: ZoneFilters) -> list[Zone]:
    """The zones matching `filters`, by name, with their sectors loaded."""
    return list(db.session.scalars(zones_query(filters)))


def zone_by_slug(slug: str) -> Zone | None:
    """The zone with this slug, or None."""
    return db.session.scalars(select(Zone).where(Zone.slug == slug)).one_or_none()


def networks_for_zone(zone: Zone) -> list[Network]:
    """The networks this zone takes part in, derived from each network's eligibility rule."""
    # Imported here: networks sit above zones in the dependency order (DESIGN.md section 3).
    from zone_networks.networks.models import Network

    networks = db.session.scalars(select(Network).order_by(Network.name))
    return [network for network in networks if network.zone_is_eligible(zone)]


def people_query(zone: Zone) -> Select[User]:
    """Active people whose organisation is `zone`, by name (ties by id)."""
    return (
        select(User)
        .join(User.organisation)
        .where(Organisation.zone_id == zone.id, User.active.is_(True))
        .order_by(User.name, User.id)
    )


def people_count(zone: Zone) -> Select[int]:
    """Count the active people whose organisation is `zone`."""
    return (
        select(func.count(User.id))
        .join(User.organisation)
        .where(Organisation.zone_id == zone.id, User.active.is_(True))
    )


def people_in_zone(zone: Zone, page: int = 1, per_page: int = PEOPLE_PER_PAGE) -> Page[ZonePerson]:
    """One page of the zone's active people, each with their active memberships (404 past the end).

    The same statements whatever the page size: the count, the page of people
    (with organisation and zone; the zone's sectors in one more), and the
    active memberships of the people on the page.
    """
    return paginate(people_query(zone), page, per_page, count_query=people_count(zone)).map(_with_memberships)


def _with_memberships(users: list[User]) -> list[ZonePerson]:
    from zone_networks.networks.models import Membership, Network

    people = {user.id: ZonePerson(user) for user in users}
    if people:
        memberships: Iterable[Membership] = db.session.scalars(
            select(Membership)
            .join(Membership.network)
            .where(Membership.user_id.in_(list(people)), Membership.status == "active")
            .order_by(Network.name, Membership.id)
            # The network comes from the join above; each user is already loaded (no join back to users).
            .options(contains_eager(Membership.network), lazyload(Membership.user))
        )
        for membership in memberships:
            people[membership.user_id].memberships.append(membership)
    return list(people.values())


def keep_allowed(values: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    """Keep the values that are allowed, once each, in the order given."""
    permitted = set(allowed)
    kept: list[str] = []
    for value in values:
        if value in permitted and value not in kept:
            kept.append(value)
    return tuple(kept)

