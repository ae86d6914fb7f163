"""Counts next to each directory filter value: standard faceted search, in one statement.

For each facet, the count of a value is the number of people the viewer may
see who match every OTHER facet's filters, the free text and "not in zone",
and who have that value. So a count is exactly the length of the list that
choosing that value alone (within its facet) would give. One GROUP BY per
facet, joined with UNION ALL, so the page makes one round trip for all counts;
the people passing the filters that are not facets are worked out once, in a
common table expression the eight counts share.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import CTE, Select, case, func, literal, select, union_all

from zone_networks.accounts.models import User
from zone_networks.directory.filters import FACETS, PROGRAMME_VALUES, DirectoryFilters, Vocabulary
from zone_networks.directory.labels import zone_role_label
from zone_networks.directory.models import ZONE_ROLES, ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.directory.queries import PROGRAMME_CODES, base_clauses, chosen_facets, facet_clause, joined
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.labels import ORGANISATION_KIND_LABELS, nation_label, sector_label
from zone_networks.zones.models import NATIONS, ORGANISATION_KINDS, Organisation, Sector, Zone, zone_sectors

# The facets that are columns of the person's zone or organisation (the others are tables of their own).
_COLUMN_OF = {"zones": "zone_slug", "nations": "nation", "programmes": "programme", "org_kinds": "org_kind"}
MAX_TAGS_SHOWN = 40  # the most common areas of expertise offered as checkboxes (plus any chosen)
TOTAL = "_total"  # the row of the counting statement that holds the length of the list

LEGENDS = {
    "zones": _l("Zone"),
    "nations": _l("Nation"),
    "programmes": _l("Programme"),
    "sectors": _l("Sector"),
    "networks": _l("Network"),
    "roles": _l("Zone role"),
    "tags": _l("Expertise"),
    "org_kinds": _l("Organisation type"),
}

PROGRAMME_LABELS = {
    "freeport": _l("Freeports"),
    "investment_zone": _l("Investment Zones"),
    "both": _l("Zones that are both"),
}

HINTS = {
    "programmes": _l("A zone that is both a Freeport and an Investment Zone counts under each."),
    "tags": _l("The most common areas of expertise. Search to find others."),
}


@dataclass(frozen=True)
class FacetValue:
    """One checkbox: a value, its words, how many people it would list, whether it is chosen."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    """One group of checkboxes on the directory page."""

    name: str
    parameter: str
    legend: str
    hint: str
    values: list[FacetValue]

    @property
    def selected(self) -> list[FacetValue]:
        """The chosen values."""
        return [value for value in self.values if value.selected]


def candidates(viewer: Any, filters: DirectoryFilters) -> CTE:
    """The people who pass the filters that are not facets, each with whether they match each chosen facet.

    Columns: user_id, zone_id, zone_slug, nation, programme, org_kind, and
    ``matches_<facet>`` (1 or 0) for each chosen facet. Every count reads this
    set, so the database does the costly work (the text match, the lookups in
    memberships, roles and tags) once per person: SQLite and PostgreSQL both
    materialise a common table expression that a statement uses more than once.
    """
    flags = [
        case((facet_clause(facet, filters.values(facet)), 1), else_=0).label(f"matches_{facet}")
        for facet in chosen_facets(filters)
    ]
    return (
        joined(select(
            User.id.label("user_id"), Zone.id.label("zone_id"), Zone.slug.label("zone_slug"),
            Zone.nation.label("nation"), Zone.programme.label("programme"), Organisation.kind.label("org_kind"),
            *flags,
        ))
        .where(*base_clauses(viewer, filters))
        .cte("candidates")
    )


def _matching_others(people: CTE, filters: DirectoryFilters, skip: str | None) -> list[Any]:
    return [people.c[f"matches_{facet}"] == 1 for facet in chosen_facets(filters) if facet != skip]


def _count_statement(facet: str, people: CTE, filters: DirectoryFilters) -> Select[str, str, str, int]:
    """People per value of `facet`, among `people` matching every other chosen facet.

    The shapes are the quickest measured on SQLite with 5,000 people: the
    multi-valued facets count rows of their own table for the people in the
    set (each person has a value at most once: primary keys and unique
    constraints), and sectors add up the people per zone (one zone each).
    """
    others = _matching_others(people, filters, facet)
    value: Any
    label: Any = literal("")
    counted: Any = func.count()
    if facet in _COLUMN_OF:
        value = people.c[_COLUMN_OF[facet]]
        statement = select(people).where(*others)
        if facet != "org_kinds":
            statement = statement.where(people.c.zone_id.is_not(None))
    elif facet == "sectors":
        per_zone = (
            select(people.c.zone_id, func.count().label("people"))
            .where(people.c.zone_id.is_not(None), *others)
            .group_by(people.c.zone_id)
            .subquery("per_zone")
        )
        value, counted = Sector.slug, func.sum(per_zone.c.people)
        statement = select(per_zone).join(zone_sectors, zone_sectors.c.zone_id == per_zone.c.zone_id).join(
            Sector, Sector.id == zone_sectors.c.sector_id)
    else:
        in_set = select(people.c.user_id).where(*others)
        if facet == "networks":
            value = Network.slug
            statement = select(Membership).join(Network, Network.id == Membership.network_id).where(
                Membership.status == "active", Membership.user_id.in_(in_set))
        elif facet == "roles":
            value = PersonZoneRole.role
            statement = select(PersonZoneRole).where(PersonZoneRole.user_id.in_(in_set))
        elif facet == "tags":
            value, label = ExpertiseTag.slug, ExpertiseTag.name
            statement = select(person_tags).join(ExpertiseTag, ExpertiseTag.id == person_tags.c.tag_id).where(
                person_tags.c.user_id.in_(in_set))
        else:
            raise ValueError(f"not a facet: {facet}")
    grouped = statement.with_only_columns(
        literal(facet).label("facet"), value.label("value"), label.label("label"), counted.label("people"),
        maintain_column_froms=True,
    ).group_by(value)
    return grouped if facet != "tags" else grouped.group_by(label)


def _total_statement(people: CTE, filters: DirectoryFilters) -> Select[str, str, str, int]:
    """How many people match every filter (the length of the list itself)."""
    return select(
        literal(TOTAL).label("facet"), literal("").label("value"), literal("").label("label"),
        func.count(people.c.user_id).label("people"),
    ).where(*_matching_others(people, filters, None))


@dataclass(frozen=True)
class FacetCounts:
    """People per value for each facet (values with nobody are absent), and the expertise tags' names."""

    counts: dict[str, dict[str, int]]
    tag_names: dict[str, str]
    total: int

    def of(self, facet: str) -> dict[str, int]:
        """The counts of one facet's values."""
        return self.counts.get(facet, {})


def facet_counts(viewer: Any, filters: DirectoryFilters) -> FacetCounts:
    """For each facet, the number of people per value, and the number listed, in one statement."""
    people = candidates(viewer, filters)
    statement = union_all(
        _total_statement(people, filters),
        *(_count_statement(facet, people, filters) for facet, _parameter in FACETS),
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    tag_names: dict[str, str] = {}
    total = 0
    for facet, value, label, number in db.session.execute(statement):
        if facet == TOTAL:
            total = int(number)
            continue
        counts[facet][value] = int(number)
        if facet == "tags":
            tag_names[value] = label
    programmes = counts.pop("programmes", {})
    # Each person has one zone, so the Freeport count is "freeport" plus "both" (likewise Investment Zone).
    for choice in PROGRAMME_VALUES:
        if in_programme := sum(programmes.get(code, 0) for code in PROGRAMME_CODES[choice]):
            counts["programmes"][choice] = in_programme
    return FacetCounts(dict(counts), tag_names, total)


def _choices(facet: str, counts: FacetCounts, filters: DirectoryFilters,
             vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """The values of a facet worth showing, in display order, with their words."""
    if facet == "zones":
        return list(vocabulary.zones.items())
    if facet == "nations":
        return [(nation, nation_label(nation)) for nation in NATIONS]
    if facet == "programmes":
        return [(code, str(PROGRAMME_LABELS[code])) for code in PROGRAMME_VALUES]
    if facet == "sectors":
        return [(slug, sector_label(slug, name)) for slug, name in vocabulary.sectors.items()]
    if facet == "networks":
        return list(vocabulary.networks.items())
    if facet == "roles":
        return [(role, zone_role_label(role)) for role in ZONE_ROLES]
    if facet == "org_kinds":
        return [(kind, str(ORGANISATION_KIND_LABELS[kind])) for kind in ORGANISATION_KINDS]
    # Expertise: the most common tags, plus any chosen, by name.
    tags = counts.of("tags")
    common = sorted(tags, key=lambda slug: (-tags[slug], slug))[:MAX_TAGS_SHOWN]
    names = {**counts.tag_names, **vocabulary.tags}
    shown = dict.fromkeys([*filters.tags, *common])
    return sorted(((slug, names.get(slug, slug)) for slug in shown), key=lambda item: item[1].casefold())


def build_facets(filters: DirectoryFilters, vocabulary: Vocabulary, counts: FacetCounts) -> list[Facet]:
    """The page's checkbox groups from `facet_counts`: values with people, plus chosen values (even with nobody)."""
    facets = []
    for facet, parameter in FACETS:
        chosen = set(filters.values(facet))
        facet_count = counts.of(facet)
        values = [
            FacetValue(value, label, facet_count.get(value, 0), value in chosen)
            for value, label in _choices(facet, counts, filters, vocabulary)
            if facet_count.get(value) or value in chosen
        ]
        facets.append(Facet(facet, parameter, str(LEGENDS[facet]), str(HINTS.get(facet, "")), values))
    return facets
