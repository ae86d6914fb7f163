"""What the challenge board shows around the results: the filter checkboxes and the chosen filters as links.

The board is a GET form, so the address carries every filter (the GOV.UK
filter pattern, as on the case study list, whose Choice/Facet/Removable
shapes are reused here).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import url_for
from flask_babel import lazy_gettext as _l

from zone_networks.casestudies.listing import Choice, Facet, Removable, RemovableGroup
from zone_networks.challenges.filters import FACETS, ChallengeFilters, Vocabulary
from zone_networks.challenges.labels import STATUS_LABELS, theme_label
from zone_networks.challenges.models import STATUSES, THEMES
from zone_networks.zones.labels import sector_label

LEGENDS = {
    "statuses": _l("Status"),
    "themes": _l("Theme"),
    "sectors": _l("Sector"),
    "zones": _l("Zone"),
}

__all__ = ["Facet", "RemovableGroup", "board_url", "build_facets", "removable"]


def board_url(filters: ChallengeFilters, anchor: str | None = None) -> str:
    """The address of the challenge board with `filters` applied."""
    query = urlencode(filters.to_args())
    return url_for("challenges.index") + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _values(facet: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    if facet == "statuses":
        return [(status, str(STATUS_LABELS[status])) for status in STATUSES]
    if facet == "themes":
        return [(theme, theme_label(theme)) for theme in THEMES]
    if facet == "sectors":
        return [(slug, sector_label(slug, name)) for slug, name in vocabulary.sectors.items()]
    return list(vocabulary.zones.items())


def build_facets(filters: ChallengeFilters, vocabulary: Vocabulary) -> list[Facet]:
    """The checkbox groups, in page order."""
    facets = []
    for facet, parameter in FACETS:
        chosen = set(filters.values(facet))
        choices = [Choice(value, label, value in chosen) for value, label in _values(facet, vocabulary)]
        facets.append(Facet(facet, parameter, str(LEGENDS[facet]), choices))
    return facets


def removable(filters: ChallengeFilters, facets: list[Facet]) -> list[RemovableGroup]:
    """The chosen filters, grouped, each a link to the board without it."""
    groups: list[RemovableGroup] = []
    for facet in facets:
        items = [Removable(choice.label, board_url(filters.without(facet.name, choice.value)))
                 for choice in facet.selected]
        if items:
            groups.append(RemovableGroup(facet.legend, items))
    return groups
