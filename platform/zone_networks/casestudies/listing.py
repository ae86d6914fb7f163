"""What the case study list shows around the results: the filter checkboxes and the chosen filters as links.

The list is a GET form, so the address carries every filter: a shared link
shows the same list, and each chosen filter is shown as a link to the same
address without it (the GOV.UK filter pattern, no JavaScript needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from zone_networks.casestudies.filters import FACETS, CaseStudyFilters, Vocabulary
from zone_networks.casestudies.labels import STATUS_LABELS, THEME_LABELS
from zone_networks.casestudies.models import STATUSES, THEMES
from zone_networks.zones.labels import nation_label, sector_label
from zone_networks.zones.models import NATIONS

LEGENDS = {
    "zones": _l("Zone"),
    "nations": _l("Nation"),
    "sectors": _l("Sector"),
    "themes": _l("Theme"),
    "statuses": _l("Status"),
}


@dataclass(frozen=True)
class Choice:
    """One checkbox: a value, its words, whether it is ticked."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Facet:
    """One group of checkboxes in the filter column."""

    name: str
    parameter: str
    legend: str
    choices: list[Choice]

    @property
    def selected(self) -> list[Choice]:
        """The ticked values."""
        return [choice for choice in self.choices if choice.selected]


@dataclass(frozen=True)
class Removable:
    """A chosen filter shown above the results, as a link to the same list without it."""

    label: str
    href: str


@dataclass(frozen=True)
class RemovableGroup:
    """The chosen values of one facet (or the search words, or "has outcome figures")."""

    heading: str
    items: list[Removable]


def list_url(filters: CaseStudyFilters, anchor: str | None = None) -> str:
    """The address of the case study list with `filters` applied."""
    query = urlencode(filters.to_args())
    return url_for("casestudies.index") + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _values(facet: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    if facet == "zones":
        return list(vocabulary.zones.items())
    if facet == "nations":
        return [(nation, nation_label(nation)) for nation in NATIONS]
    if facet == "sectors":
        return [(slug, sector_label(slug, name)) for slug, name in vocabulary.sectors.items()]
    if facet == "themes":
        return [(theme, str(THEME_LABELS[theme])) for theme in THEMES]
    return [(status, str(STATUS_LABELS[status])) for status in STATUSES]


def build_facets(filters: CaseStudyFilters, vocabulary: Vocabulary, *, staff: bool) -> list[Facet]:
    """The checkbox groups (the status group for the secretariat only)."""
    facets = []
    for facet, parameter in FACETS:
        if facet == "statuses" and not staff:
            continue
        chosen = set(filters.values(facet))
        choices = [Choice(value, label, value in chosen) for value, label in _values(facet, vocabulary)]
        facets.append(Facet(facet, parameter, str(LEGENDS[facet]), choices))
    return facets


def removable(filters: CaseStudyFilters, facets: list[Facet]) -> list[RemovableGroup]:
    """The chosen filters, grouped, each a link to the list without it."""
    groups: list[RemovableGroup] = []
    if filters.q:
        groups.append(RemovableGroup(_("Search"), [Removable(f"“{filters.q}”", list_url(filters.without("q")))]))
    for facet in facets:
        items = [Removable(choice.label, list_url(filters.without(facet.name, choice.value)))
                 for choice in facet.selected]
        if items:
            groups.append(RemovableGroup(facet.legend, items))
    if filters.figures:
        groups.append(RemovableGroup(_("Outcome figures"), [
            Removable(_("Has outcome figures"), list_url(filters.without("figures")))]))
    return groups
