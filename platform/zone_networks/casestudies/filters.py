"""The case study list's filters: what the address asks for, cleaned, and how to write it back.

`CaseStudyFilters.from_args(request.args, vocabulary)` keeps only real values
(known zone and sector slugs, the nations, the themes; "draft"/"published" for
the secretariat), once each, and caps the free text. Unknown values are
dropped rather than reported, so a stale shared link still works. The
parameter names (`zone`, `nation`, `sector`, `theme`, `figures`, `status`,
`q`) are the ones the outcomes dashboard links with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import literal, select, union_all

from zone_networks.casestudies.models import STATUSES, THEMES
from zone_networks.core.query_args import arg_list, keep_allowed
from zone_networks.extensions import db
from zone_networks.zones.models import NATIONS, Sector, Zone

MAX_QUERY_LENGTH = 100
FIGURES_VALUE = "yes"

# The checkbox facets, in the order the page shows them: (attribute on CaseStudyFilters, query parameter).
FACETS: tuple[tuple[str, str], ...] = (
    ("zones", "zone"),
    ("nations", "nation"),
    ("sectors", "sector"),
    ("themes", "theme"),
    ("statuses", "status"),
)
PARAMETERS = dict(FACETS)


@dataclass(frozen=True)
class Vocabulary:
    """The zone and sector slugs the address may use, with their names (sorted by name)."""

    zones: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        """Every zone and sector, in one query."""
        statement = union_all(
            select(literal("zone").label("kind"), Zone.slug, Zone.name),
            select(literal("sector").label("kind"), Sector.slug, Sector.name),
        )
        names: dict[str, dict[str, str]] = {"zone": {}, "sector": {}}
        for kind, slug, name in db.session.execute(statement):
            names[kind][slug] = name
        by_name = {kind: dict(sorted(values.items(), key=lambda item: item[1])) for kind, values in names.items()}
        return cls(zones=by_name["zone"], sectors=by_name["sector"])


@dataclass(frozen=True)
class CaseStudyFilters:
    """Cleaned filters: OR within a facet, AND across facets, plus "has outcome figures" and free text."""

    zones: tuple[str, ...] = ()
    nations: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # the secretariat only: everyone else sees published ones in the list
    figures: bool = False
    q: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, Any], vocabulary: Vocabulary, *, staff: bool = False) -> CaseStudyFilters:
        """Filters from query parameters, dropping unknown values (and the status filter for non-staff)."""
        q = " ".join(str(args.get("q") or "").split())[:MAX_QUERY_LENGTH].strip()
        return cls(
            zones=keep_allowed(arg_list(args, "zone"), vocabulary.zones),
            nations=keep_allowed(arg_list(args, "nation"), NATIONS),
            sectors=keep_allowed(arg_list(args, "sector"), vocabulary.sectors),
            themes=keep_allowed(arg_list(args, "theme"), THEMES),
            statuses=keep_allowed(arg_list(args, "status"), STATUSES) if staff else (),
            figures=FIGURES_VALUE in arg_list(args, "figures"),
            q=q,
        )

    def values(self, facet: str) -> tuple[str, ...]:
        """The chosen values of one facet (by attribute name, e.g. "zones")."""
        if facet not in PARAMETERS:
            raise ValueError(f"not a facet: {facet}")
        chosen: tuple[str, ...] = getattr(self, facet)
        return chosen

    @property
    def active(self) -> bool:
        """Whether anything narrows the list."""
        return bool(self.q or self.figures or any(self.values(facet) for facet, _ in FACETS))

    def to_args(self) -> list[tuple[str, str]]:
        """The filters as query parameters, in a stable order, leaving out defaults."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for facet, parameter in FACETS:
            pairs.extend((parameter, value) for value in self.values(facet))
        if self.figures:
            pairs.append(("figures", FIGURES_VALUE))
        return pairs

    def without(self, facet: str, value: str | None = None) -> CaseStudyFilters:
        """These filters minus one value of a facet, or minus `q` or `figures`."""
        if facet == "q":
            return replace(self, q="")
        if facet == "figures":
            return replace(self, figures=False)
        kept: dict[str, Any] = {facet: tuple(v for v in self.values(facet) if v != value)}
        return replace(self, **kept)
