"""Who the directory lists: the one query behind the page, its counts and the secretariat's exports.

`people_query(viewer, filters)` defines the list: the people `viewer` may see
(`directory.visibility.can_view_person` in SQL) matching every filter. The
facet counts (`directory.facets`) evaluate the same `base_clauses` and
`facet_clause` conditions (leaving out the facet being counted), so a count
always equals the length of the list that choosing that value would give.

Every statement starts from users joined to their organisation and (outer) to
its zone; the facets backed by other tables (sector, network, zone role,
expertise) are `IN (subquery)` conditions, so each person appears once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import contains_eager, defaultload, lazyload, selectinload

from zone_networks.accounts.models import User
from zone_networks.core.pagination import PER_PAGE, Page, paginate
from zone_networks.core.text import search_terms
from zone_networks.directory.filters import FACETS, DirectoryFilters
from zone_networks.directory.models import ZONE_ROLES, ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Organisation, Sector, Zone, zone_sectors
from zone_networks.zones.queries import PROGRAMME_FILTERS

# "both" as a choice of its own: zones that are a Freeport and an Investment Zone.
PROGRAMME_CODES: dict[str, tuple[str, ...]] = {**PROGRAMME_FILTERS, "both": ("both",)}
LIKE_ESCAPE = "\\"
_ROLE_ORDER = {role: position for position, role in enumerate(ZONE_ROLES)}


def _signed_in(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_active)


def visible_clause(viewer: Any) -> ColumnElement[bool]:
    """SQL for `can_view_person(viewer, person)`: not deleted; deactivated only for staff (or oneself)."""
    if not _signed_in(viewer):
        return false()
    clause = User.deleted_at.is_(None)
    if viewer.is_staff:
        return clause
    return clause & or_(User.active.is_(True), User.id == viewer.id)


def escape_like(term: str) -> str:
    """`term` with LIKE's wildcards (and the escape character) made literal."""
    return term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


def text_clauses(q: str) -> list[ColumnElement[bool]]:
    """One condition per search word: each must occur in the person's folded search text."""
    return [User.search_text.like(f"%{escape_like(term)}%", escape=LIKE_ESCAPE) for term in search_terms(q)]


def facet_clause(facet: str, values: tuple[str, ...]) -> ColumnElement[bool]:
    """The condition for one facet: the person matches any of `values` (which must not be empty)."""
    if facet == "zones":
        return Zone.slug.in_(values)
    if facet == "nations":
        return Zone.nation.in_(values)
    if facet == "programmes":
        codes = sorted({code for value in values for code in PROGRAMME_CODES.get(value, ())})
        return Zone.programme.in_(codes)
    if facet == "sectors":
        zones = select(zone_sectors.c.zone_id).join(Sector, Sector.id == zone_sectors.c.sector_id)
        return Zone.id.in_(zones.where(Sector.slug.in_(values)))
    if facet == "networks":
        members = (
            select(Membership.user_id)
            .join(Network, Network.id == Membership.network_id)
            .where(Membership.status == "active", Network.slug.in_(values))
        )
        return User.id.in_(members)
    if facet == "roles":
        return User.id.in_(select(PersonZoneRole.user_id).where(PersonZoneRole.role.in_(values)))
    if facet == "tags":
        tagged = (
            select(person_tags.c.user_id)
            .join(ExpertiseTag, ExpertiseTag.id == person_tags.c.tag_id)
            .where(ExpertiseTag.slug.in_(values))
        )
        return User.id.in_(tagged)
    if facet == "org_kinds":
        return Organisation.kind.in_(values)
    raise ValueError(f"not a facet: {facet}")


def chosen_facets(filters: DirectoryFilters) -> list[str]:
    """The facets with at least one value chosen."""
    return [facet for facet, _parameter in FACETS if filters.values(facet)]


def facet_clauses(filters: DirectoryFilters) -> list[ColumnElement[bool]]:
    """The conditions of every chosen facet (AND)."""
    return [facet_clause(facet, filters.values(facet)) for facet in chosen_facets(filters)]


def base_clauses(viewer: Any, filters: DirectoryFilters) -> list[ColumnElement[bool]]:
    """Who may be listed at all, whatever the facets: visible to `viewer`, the search words, "not in zone"."""
    clauses = [visible_clause(viewer)]
    if filters.not_zone:
        clauses.append(or_(Zone.id.is_(None), Zone.slug != filters.not_zone))
    clauses.extend(text_clauses(filters.q))
    return clauses


def joined(statement: Select[Any]) -> Select[Any]:
    """`statement` (selecting from users) joined to organisations and, outer, to zones."""
    return statement.join(Organisation, Organisation.id == User.organisation_id).outerjoin(
        Zone, Zone.id == Organisation.zone_id
    )


def _order(filters: DirectoryFilters) -> list[Any]:
    if filters.sort == "zone":
        # People without a zone (government, secretariat) come last, on every database.
        return [Zone.name.is_(None), Zone.name, User.sort_name, User.id]
    return [User.sort_name, User.id]


def people_query(viewer: Any, filters: DirectoryFilters) -> Select[User]:
    """The people `viewer` may see that match every filter, in the chosen order.

    Each person's organisation and zone come from the same statement; zone
    roles, networks and expertise are the caller's to load (for the rows it shows).
    """
    return (
        joined(select(User))
        .where(*base_clauses(viewer, filters), *facet_clauses(filters))
        .options(contains_eager(User.organisation).contains_eager(Organisation.zone))
        .order_by(*_order(filters))
    )


def people_count_query(viewer: Any, filters: DirectoryFilters) -> Select[int]:
    """How many people `people_query` lists."""
    return joined(select(func.count(User.id)).select_from(User)).where(
        *base_clauses(viewer, filters), *facet_clauses(filters)
    )


@dataclass
class DirectoryRow:
    """One person on a page of the directory, with what the row shows about them."""

    user: User
    memberships: list[Membership] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        """The person's zone role codes, in the usual order (skills, innovation, net zero, other)."""
        return sorted((zone_role.role for zone_role in self.user.zone_roles),
                      key=lambda role: _ROLE_ORDER.get(role, len(_ROLE_ORDER)))


def directory_page(viewer: Any, filters: DirectoryFilters, page: int, per_page: int = PER_PAGE, *,
                   total: int | None = None) -> Page[DirectoryRow]:
    """One page of the directory (404 past the end), each row with its zone roles and active networks.

    A fixed number of statements whatever the number of people: the count
    (skipped when the caller already knows the `total`, as the facet counts
    do), the page (with organisation and zone), the zone roles of the page's
    people, and their active memberships with networks.
    """
    # The rows never show a zone's sectors: leave them unloaded rather than fetch them for every page.
    query = people_query(viewer, filters).options(
        selectinload(User.zone_roles),
        defaultload(User.organisation).defaultload(Organisation.zone).lazyload(Zone.sectors),
    )
    if total is None:
        return paginate(query, page, per_page, count_query=people_count_query(viewer, filters)).map(_with_memberships)
    if page > max(1, math.ceil(total / per_page)):
        abort(404)
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items, page, per_page, total).map(_with_memberships)


def _with_memberships(users: list[User]) -> list[DirectoryRow]:
    rows = {user.id: DirectoryRow(user) for user in users}
    if rows:
        memberships: Iterable[Membership] = db.session.scalars(
            select(Membership)
            .join(Membership.network)
            .where(Membership.user_id.in_(list(rows)), Membership.status == "active")
            .order_by(Network.name, Membership.id)
            .options(contains_eager(Membership.network), lazyload(Membership.user))
        )
        for membership in memberships:
            rows[membership.user_id].memberships.append(membership)
    return list(rows.values())
