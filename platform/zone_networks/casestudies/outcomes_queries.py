"""The outcomes dashboard's sums: case studies' outcome figures added up by zone, nation, sector and theme.

Which case studies count depends on who asks: signed-out visitors count the
published, public ones; signed-in members every published one; the
secretariat the same, or drafts too when they ask for them (`drafts`). The
filters (zone, nation, sector, theme) narrow that set further.

Everything is added up in SQL (GROUP BY), so the page runs the same five
aggregate statements however many case studies there are: the headline
totals and one per breakdown. A figure nobody reported is "not reported"
(SQL's SUM over no values is NULL), never 0; beside every sum goes the number
of case studies that reported it. A case study with two zones counts once in
each; in the nation breakdown it counts once per nation, however many of its
zones lie in that nation. A case study without a zone or a sector falls in
a "not given" group, so no case study goes missing from a breakdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from zone_networks.casestudies.filters import Vocabulary
from zone_networks.casestudies.models import FIGURES, THEMES, CaseStudy, case_study_sectors, case_study_zones
from zone_networks.extensions import db
from zone_networks.zones.models import NATIONS, Sector, Zone

BREAKDOWNS = ("zone", "nation", "sector", "theme")
DEFAULT_FIGURE = FIGURES[0]


def _one(args: Mapping[str, Any], name: str, allowed: Any) -> str | None:
    value = args.get(name)
    return value if isinstance(value, str) and value in allowed else None


@dataclass(frozen=True)
class OutcomeFilters:
    """What the dashboard counts (zone, nation, sector, theme; drafts for staff) and which figure it charts."""

    zone: str | None = None  # zone slug
    nation: str | None = None  # one of zones.models.NATIONS
    sector: str | None = None  # sector slug
    theme: str | None = None  # one of casestudies.models.THEMES
    drafts: bool = False  # count drafts too (only ever true for staff)
    figure: str = DEFAULT_FIGURE  # the figure the charts show

    @classmethod
    def from_args(cls, args: Mapping[str, Any], vocabulary: Vocabulary, may_include_drafts: bool) -> OutcomeFilters:
        """Read the filters from a query string, ignoring values that name nothing we know."""
        return cls(
            zone=_one(args, "zone", vocabulary.zones),
            nation=_one(args, "nation", NATIONS),
            sector=_one(args, "sector", vocabulary.sectors),
            theme=_one(args, "theme", THEMES),
            drafts=may_include_drafts and args.get("drafts") == "1",
            figure=_one(args, "figure", FIGURES) or DEFAULT_FIGURE,
        )

    @property
    def narrowing(self) -> dict[str, str]:
        """The chosen filters that narrow the case studies counted (not drafts or figure), by parameter name."""
        chosen = {"zone": self.zone, "nation": self.nation, "sector": self.sector, "theme": self.theme}
        return {name: value for name, value in chosen.items() if value}

    def to_args(self) -> list[tuple[str, str]]:
        """The query-string pairs that give these filters back (defaults left out)."""
        pairs = list(self.narrowing.items())
        if self.drafts:
            pairs.append(("drafts", "1"))
        if self.figure != DEFAULT_FIGURE:
            pairs.append(("figure", self.figure))
        return pairs

    def without_narrowing(self) -> OutcomeFilters:
        """The same view (drafts, figure) counting every case study again."""
        return replace(self, zone=None, nation=None, sector=None, theme=None)


@dataclass(frozen=True)
class Totals:
    """How many case studies, and for each figure its sum (None when none reported it) and how many reported it."""

    case_studies: int = 0
    sums: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(FIGURES))
    reported: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: its key (slug, nation or theme code; None for "not given") and its totals."""

    key: str | None
    name: str  # stored name (zone, sector), nation, or theme code; "" for "not given"
    totals: Totals


@dataclass(frozen=True)
class Outcomes:
    """The headline totals and the four breakdowns, each a list of groups in display order."""

    totals: Totals
    breakdowns: dict[str, list[Group]]


def counted_conditions(viewer: Any, filters: OutcomeFilters) -> list[ColumnElement[bool]]:
    """WHERE conditions on CaseStudy choosing the case studies `viewer` may count under `filters`."""
    conditions: list[ColumnElement[bool]] = []
    signed_in = bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "active", False))
    staff = signed_in and bool(getattr(viewer, "is_staff", False))
    if not (staff and filters.drafts):
        conditions.append(CaseStudy.status == "published")
    if not signed_in:
        conditions.append(CaseStudy.is_public.is_(True))
    if filters.theme:
        conditions.append(CaseStudy.theme == filters.theme)
    if filters.zone:
        in_zone = (select(case_study_zones.c.case_study_id)
                   .join(Zone, Zone.id == case_study_zones.c.zone_id).where(Zone.slug == filters.zone))
        conditions.append(CaseStudy.id.in_(in_zone))
    if filters.nation:
        in_nation = (select(case_study_zones.c.case_study_id)
                     .join(Zone, Zone.id == case_study_zones.c.zone_id).where(Zone.nation == filters.nation))
        conditions.append(CaseStudy.id.in_(in_nation))
    if filters.sector:
        in_sector = (select(case_study_sectors.c.case_study_id)
                     .join(Sector, Sector.id == case_study_sectors.c.sector_id).where(Sector.slug == filters.sector))
        conditions.append(CaseStudy.id.in_(in_sector))
    return conditions


def _aggregates() -> list[Any]:
    columns: list[Any] = [func.count(CaseStudy.id)]
    for name in FIGURES:
        column = getattr(CaseStudy, name)
        columns += [func.sum(column), func.count(column)]
    return columns


def _totals(values: Any) -> Totals:
    """Totals from a row's aggregate cells: count, then (sum, reported) per figure."""
    count, *rest = values
    sums: dict[str, int | None] = {}
    reported: dict[str, int] = {}
    for index, name in enumerate(FIGURES):
        total, how_many = rest[2 * index], rest[2 * index + 1]
        # PostgreSQL sums a BIGINT column as NUMERIC (Decimal); the figures are whole numbers.
        sums[name] = None if total is None else int(total)
        reported[name] = int(how_many)
    return Totals(int(count), sums, reported)


def totals_query(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """One row: the case studies counted and each figure's sum and reported count."""
    return select(*_aggregates()).where(*conditions)


def zone_query(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """Rows of (zone slug, zone name, aggregates...) per zone; NULL slug for case studies with no zone."""
    return (
        select(Zone.slug, Zone.name, *_aggregates())
        .select_from(CaseStudy)
        .outerjoin(case_study_zones, case_study_zones.c.case_study_id == CaseStudy.id)
        .outerjoin(Zone, Zone.id == case_study_zones.c.zone_id)
        .where(*conditions)
        .group_by(Zone.slug, Zone.name)
    )


def nation_query(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """Rows of (nation, nation, aggregates...): each case study once per nation its zones lie in."""
    nations = (
        select(case_study_zones.c.case_study_id, Zone.nation)
        .join(Zone, Zone.id == case_study_zones.c.zone_id)
        .distinct()
        .subquery()
    )
    return (
        select(nations.c.nation, nations.c.nation, *_aggregates())
        .select_from(CaseStudy)
        .outerjoin(nations, nations.c.case_study_id == CaseStudy.id)
        .where(*conditions)
        .group_by(nations.c.nation)
    )


def sector_query(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """Rows of (sector slug, sector name, aggregates...) per sector; NULL slug for case studies with none."""
    return (
        select(Sector.slug, Sector.name, *_aggregates())
        .select_from(CaseStudy)
        .outerjoin(case_study_sectors, case_study_sectors.c.case_study_id == CaseStudy.id)
        .outerjoin(Sector, Sector.id == case_study_sectors.c.sector_id)
        .where(*conditions)
        .group_by(Sector.slug, Sector.name)
    )


def theme_query(conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """Rows of (theme, theme, aggregates...) per theme."""
    return select(CaseStudy.theme, CaseStudy.theme, *_aggregates()).where(*conditions).group_by(CaseStudy.theme)


def _order(kind: str, group: Group) -> tuple[Any, ...]:
    """Display order: nations and themes in their fixed order, zones and sectors by name; "not given" last."""
    if group.key is None:
        return (1, 0, "")
    if kind == "nation":
        return (0, NATIONS.index(group.key) if group.key in NATIONS else len(NATIONS), group.key)
    if kind == "theme":
        return (0, THEMES.index(group.key) if group.key in THEMES else len(THEMES), group.key)
    return (0, 0, group.name.casefold())


QUERIES = {"zone": zone_query, "nation": nation_query, "sector": sector_query, "theme": theme_query}


def outcomes(viewer: Any, filters: OutcomeFilters) -> Outcomes:
    """The totals and breakdowns of the case studies `viewer` may count under `filters` (five statements)."""
    conditions = counted_conditions(viewer, filters)
    totals = _totals(db.session.execute(totals_query(conditions)).one())
    breakdowns: dict[str, list[Group]] = {}
    for kind in BREAKDOWNS:
        if totals.case_studies == 0:
            breakdowns[kind] = []
            continue
        rows = db.session.execute(QUERIES[kind](conditions)).all()
        groups = [Group(key, name or "", _totals(values)) for key, name, *values in rows]
        breakdowns[kind] = sorted(groups, key=partial(_order, kind))
    return Outcomes(totals, breakdowns)
