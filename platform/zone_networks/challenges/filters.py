"""The challenge board's filters: what the address asks for, cleaned, and how to write it back.

`ChallengeFilters.from_args(request.args, vocabulary)` keeps only real values
(statuses, themes, known sector and zone slugs), once each, plus the sort
order ("activity", the default, or "shared"). Unknown values are dropped, so a
stale shared link still works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from zone_networks.casestudies.filters import Vocabulary
from zone_networks.challenges.models import STATUSES, THEMES
from zone_networks.core.query_args import arg_list, keep_allowed

SORTS = ("activity", "shared")
DEFAULT_SORT = "activity"

# The checkbox facets, in the order the page shows them: (attribute, query parameter).
FACETS: tuple[tuple[str, str], ...] = (
    ("statuses", "status"),
    ("themes", "theme"),
    ("sectors", "sector"),
    ("zones", "zone"),
)
PARAMETERS = dict(FACETS)

__all__ = ["DEFAULT_SORT", "FACETS", "SORTS", "ChallengeFilters", "Vocabulary"]


@dataclass(frozen=True)
class ChallengeFilters:
    """Cleaned filters: OR within a facet, AND across facets, and the sort order."""

    statuses: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    sort: str = DEFAULT_SORT

    @classmethod
    def from_args(cls, args: Mapping[str, Any], vocabulary: Vocabulary) -> ChallengeFilters:
        """Filters from query parameters, dropping unknown values."""
        sort = str(args.get("sort") or DEFAULT_SORT)
        return cls(
            statuses=keep_allowed(arg_list(args, "status"), STATUSES),
            themes=keep_allowed(arg_list(args, "theme"), THEMES),
            sectors=keep_allowed(arg_list(args, "sector"), vocabulary.sectors),
            zones=keep_allowed(arg_list(args, "zone"), vocabulary.zones),
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    def values(self, facet: str) -> tuple[str, ...]:
        """The chosen values of one facet (by attribute name, e.g. "themes")."""
        if facet not in PARAMETERS:
            raise ValueError(f"not a facet: {facet}")
        chosen: tuple[str, ...] = getattr(self, facet)
        return chosen

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the sort order does not)."""
        return any(self.values(facet) for facet, _ in FACETS)

    def to_args(self) -> list[tuple[str, str]]:
        """The filters as query parameters, in a stable order, leaving out defaults."""
        pairs: list[tuple[str, str]] = []
        for facet, parameter in FACETS:
            pairs.extend((parameter, value) for value in self.values(facet))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return pairs

    def without(self, facet: str, value: str) -> ChallengeFilters:
        """These filters minus one value of a facet."""
        kept: dict[str, Any] = {facet: tuple(v for v in self.values(facet) if v != value)}
        return replace(self, **kept)

    def cleared(self) -> ChallengeFilters:
        """No filters, the same sort order."""
        return ChallengeFilters(sort=self.sort)
