"""The directory's filters: what the address asks for, cleaned, and how to write it back.

`DirectoryFilters.from_args(request.args)` keeps only real values (known zone,
sector, network and expertise slugs; the fixed codes for nations, programmes,
zone roles and organisation types), once each, and caps the free text. Unknown
values are dropped rather than reported: a stale shared link still works.
`to_args()` writes the filters back as query parameters, so each removable
filter link is the current address minus one value.

The export (secretariat tools) and the page both build their filters here and
pass them to `directory.queries.people_query`, so they always list the same people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import literal, select, union_all

from zone_networks.core.query_args import MAX_VALUES, arg_list, keep_allowed
from zone_networks.directory.models import ZONE_ROLES, ExpertiseTag
from zone_networks.extensions import db
from zone_networks.zones.models import NATIONS, ORGANISATION_KINDS, Sector, Zone

Sort = Literal["name", "zone"]
SORTS: tuple[Sort, ...] = ("name", "zone")
PROGRAMME_VALUES = ("freeport", "investment_zone", "both")
MAX_QUERY_LENGTH = 100

# The facets, in the order the page shows them: (attribute on DirectoryFilters, query parameter).
FACETS: tuple[tuple[str, str], ...] = (
    ("zones", "zone"),
    ("nations", "nation"),
    ("programmes", "programme"),
    ("sectors", "sector"),
    ("networks", "network"),
    ("roles", "role"),
    ("tags", "tag"),
    ("org_kinds", "org_kind"),
)
PARAMETERS = dict(FACETS)


@dataclass(frozen=True)
class Vocabulary:
    """The slugs the address may use for the facets backed by records, with their (short) names."""

    zones: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    networks: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, tag_slugs: Iterable[str] = ()) -> Vocabulary:
        """Every zone, sector and network, and the expertise tags among `tag_slugs`, in one query."""
        from zone_networks.networks.models import Network

        parts = [
            select(literal("zone").label("kind"), Zone.slug, Zone.name),
            select(literal("sector").label("kind"), Sector.slug, Sector.name),
            select(literal("network").label("kind"), Network.slug, Network.short_name),
        ]
        wanted = sorted(set(tag_slugs))[:MAX_VALUES]
        if wanted:
            parts.append(
                select(literal("tag").label("kind"), ExpertiseTag.slug, ExpertiseTag.name)
                .where(ExpertiseTag.slug.in_(wanted))
            )
        names: dict[str, dict[str, str]] = {"zone": {}, "sector": {}, "network": {}, "tag": {}}
        for kind, slug, name in db.session.execute(union_all(*parts)):
            names[kind][slug] = name
        by_name = {kind: dict(sorted(values.items(), key=lambda item: item[1])) for kind, values in names.items()}
        return cls(zones=by_name["zone"], sectors=by_name["sector"], networks=by_name["network"],
                   tags=by_name["tag"])


@dataclass(frozen=True)
class DirectoryFilters:
    """Cleaned directory filters: OR within a facet, AND across facets, plus free text and sort."""

    zones: tuple[str, ...] = ()
    nations: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    org_kinds: tuple[str, ...] = ()
    q: str = ""
    sort: Sort = "name"
    not_zone: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, Any], vocabulary: Vocabulary | None = None) -> DirectoryFilters:
        """Filters from query parameters, dropping unknown values (loads the vocabulary when not given)."""
        if vocabulary is None:
            vocabulary = Vocabulary.load(arg_list(args, "tag"))
        q = " ".join(str(args.get("q") or "").split())[:MAX_QUERY_LENGTH].strip()
        sort = str(args.get("sort") or "name")
        not_zone = str(args.get("not_zone") or "")
        return cls(
            zones=keep_allowed(arg_list(args, "zone"), vocabulary.zones),
            nations=keep_allowed(arg_list(args, "nation"), NATIONS),
            programmes=keep_allowed(arg_list(args, "programme"), PROGRAMME_VALUES),
            sectors=keep_allowed(arg_list(args, "sector"), vocabulary.sectors),
            networks=keep_allowed(arg_list(args, "network"), vocabulary.networks),
            roles=keep_allowed(arg_list(args, "role"), ZONE_ROLES),
            tags=keep_allowed(arg_list(args, "tag"), vocabulary.tags),
            org_kinds=keep_allowed(arg_list(args, "org_kind"), ORGANISATION_KINDS),
            q=q,
            sort="zone" if sort == "zone" else "name",
            not_zone=not_zone if not_zone in vocabulary.zones else None,
        )

    def values(self, facet: str) -> tuple[str, ...]:
        """The chosen values of one facet (by attribute name, e.g. "zones")."""
        if facet not in PARAMETERS:
            raise ValueError(f"not a facet: {facet}")
        chosen: tuple[str, ...] = getattr(self, facet)
        return chosen

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (sort alone does not)."""
        return bool(self.q or self.not_zone or any(self.values(facet) for facet, _ in FACETS))

    def to_args(self) -> list[tuple[str, str]]:
        """The filters as query parameters, in a stable order, leaving out defaults."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for facet, parameter in FACETS:
            pairs.extend((parameter, value) for value in self.values(facet))
        if self.not_zone:
            pairs.append(("not_zone", self.not_zone))
        if self.sort != "name":
            pairs.append(("sort", self.sort))
        return pairs

    def without(self, facet: str, value: str | None = None) -> DirectoryFilters:
        """These filters minus one value of a facet (or all of it), or minus q / not_zone."""
        if facet == "q":
            return replace(self, q="")
        if facet == "not_zone":
            return replace(self, not_zone=None)
        kept: dict[str, Any] = {facet: tuple(v for v in self.values(facet) if value is not None and v != value)}
        return replace(self, **kept)

    def only(self, facet: str, values: tuple[str, ...]) -> DirectoryFilters:
        """These filters with one facet's values replaced (used to check counts)."""
        self.values(facet)
        changed: dict[str, Any] = {facet: values}
        return replace(self, **changed)
