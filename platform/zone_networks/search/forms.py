"""What the search page asks for: the words (a GET form with a GOV.UK error) and the filters in the address.

The page is a GET form, so the address carries everything: `q` (the words,
at most 200 characters), `kind` (any number of result kinds), and one each of
`network`, `zone` and `sector` (by slug, readable in a shared link). Unknown
values are dropped rather than reported, as on the directory: a stale shared
link still works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from sqlalchemy import literal, select, union_all
from wtforms import Form, StringField
from wtforms.validators import Length

from zone_networks.core.forms import strip_whitespace
from zone_networks.extensions import db
from zone_networks.fulltext.models import KINDS

MAX_QUERY_LENGTH = 200


class SearchForm(Form):
    """The search box (read from the query string: no CSRF token, as nothing is written)."""

    q = StringField(
        _l("Search"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=MAX_QUERY_LENGTH, message=_l("Search must be 200 characters or fewer"))],
    )


@dataclass(frozen=True)
class Choice:
    """A zone, sector or network the filters can name: its id, slug (in the address) and name (on the page)."""

    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class Vocabulary:
    """Every zone, sector and network, by slug, in name order (one query)."""

    zones: dict[str, Choice] = field(default_factory=dict)
    sectors: dict[str, Choice] = field(default_factory=dict)
    networks: dict[str, Choice] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        """Read the zones, sectors and networks (short names for networks) in one query."""
        from zone_networks.networks.models import Network
        from zone_networks.zones.models import Sector, Zone

        parts = union_all(
            select(literal("zone").label("kind"), Zone.id, Zone.slug, Zone.name),
            select(literal("sector").label("kind"), Sector.id, Sector.slug, Sector.name),
            select(literal("network").label("kind"), Network.id, Network.slug, Network.short_name),
        )
        found: dict[str, list[Choice]] = {"zone": [], "sector": [], "network": []}
        for kind, id_, slug, name in db.session.execute(parts):
            found[kind].append(Choice(id_, slug, name))
        ordered = {kind: {c.slug: c for c in sorted(items, key=lambda c: c.name)} for kind, items in found.items()}
        return cls(zones=ordered["zone"], sectors=ordered["sector"], networks=ordered["network"])

    def zone_names(self) -> dict[int, str]:
        """Zone names by id."""
        return {choice.id: choice.name for choice in self.zones.values()}

    def network_names(self) -> dict[int, str]:
        """Network short names by id."""
        return {choice.id: choice.name for choice in self.networks.values()}


def _one(args: Mapping[str, Any], key: str, allowed: Mapping[str, Choice]) -> Choice | None:
    value = str(args.get(key) or "")
    return allowed.get(value)


def _kinds(args: Mapping[str, Any]) -> tuple[str, ...]:
    getlist = getattr(args, "getlist", None)
    values = [str(value) for value in getlist("kind")] if getlist is not None else [str(args.get("kind") or "")]
    return tuple(kind for kind in KINDS if kind in values)


@dataclass(frozen=True)
class SearchFilters:
    """The cleaned filters: kinds (any of), and at most one network, zone and sector."""

    kinds: tuple[str, ...] = ()
    network: Choice | None = None
    zone: Choice | None = None
    sector: Choice | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, Any], vocabulary: Vocabulary) -> SearchFilters:
        """Filters from query parameters, dropping values that name nothing."""
        return cls(
            kinds=_kinds(args),
            network=_one(args, "network", vocabulary.networks),
            zone=_one(args, "zone", vocabulary.zones),
            sector=_one(args, "sector", vocabulary.sectors),
        )

    @property
    def active(self) -> bool:
        """Whether any filter narrows the results."""
        return bool(self.kinds or self.network or self.zone or self.sector)

    def to_args(self, q: str = "") -> list[tuple[str, str]]:
        """The words and filters as query parameters, in a stable order."""
        pairs: list[tuple[str, str]] = [("q", q)] if q else []
        pairs.extend(("kind", kind) for kind in self.kinds)
        for name in ("network", "zone", "sector"):
            choice: Choice | None = getattr(self, name)
            if choice is not None:
                pairs.append((name, choice.slug))
        return pairs

    def without(self, name: str, value: str | None = None) -> SearchFilters:
        """These filters minus one kind, or minus the network, zone or sector."""
        if name == "kind":
            return replace(self, kinds=tuple(kind for kind in self.kinds if kind != value))
        if name not in ("network", "zone", "sector"):
            raise ValueError(f"not a filter: {name}")
        changed: dict[str, Any] = {name: None}
        return replace(self, **changed)
