"""The directory page: find people by zone, nation, programme, sector, network, role, expertise or words.

A GET form, so the address carries every filter: shareable, and the back
button works. The same `DirectoryFilters` and `people_query` drive the
secretariat's exports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.directory import bp
from zone_networks.directory.facets import Facet, build_facets, facet_counts
from zone_networks.directory.filters import DirectoryFilters, Vocabulary
from zone_networks.directory.labels import zone_role_label
from zone_networks.directory.queries import directory_page


@dataclass(frozen=True)
class Removable:
    """A chosen filter shown above the results, as a link to the same list without it."""

    label: str
    href: str


@dataclass(frozen=True)
class RemovableGroup:
    """The chosen values of one facet (or the search words, or "not in zone")."""

    heading: str
    items: list[Removable]


def directory_url(filters: DirectoryFilters, anchor: str | None = None) -> str:
    """The address of the directory with `filters` applied."""
    query = urlencode(filters.to_args())
    return url_for("directory.index") + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _removable(filters: DirectoryFilters, facets: list[Facet], vocabulary: Vocabulary) -> list[RemovableGroup]:
    groups: list[RemovableGroup] = []
    if filters.q:
        groups.append(RemovableGroup(_("Search"), [Removable(f"“{filters.q}”", directory_url(filters.without("q")))]))
    if filters.not_zone:
        label = _("Not in %(zone)s", zone=vocabulary.zones[filters.not_zone])
        groups.append(RemovableGroup(_("Zone"), [Removable(label, directory_url(filters.without("not_zone")))]))
    for facet in facets:
        items = [Removable(value.label, directory_url(filters.without(facet.name, value.value)))
                 for value in facet.selected]
        if items:
            groups.append(RemovableGroup(facet.legend, items))
    return groups


@bp.get("/directory")
@login_required
def index() -> str:
    """The member directory: faceted filters with counts, free-text search, sort and pages."""
    vocabulary = Vocabulary.load(request.args.getlist("tag"))
    filters = DirectoryFilters.from_args(request.args, vocabulary)
    counts = facet_counts(current_user, filters)
    people = directory_page(current_user, filters, requested_page(), total=counts.total)
    facets = build_facets(filters, vocabulary, counts)
    sorts: dict[str, Any] = {sort: directory_url(replace(filters, sort=sort), anchor="results")
                             for sort in ("name", "zone")}
    return render_template(
        "directory/index.html",
        filters=filters,
        facets=facets,
        people=people,
        removable=_removable(filters, facets, vocabulary),
        clear_url=directory_url(DirectoryFilters(sort=filters.sort)),
        sort_urls=sorts,
        zone_role_label=zone_role_label,
        show_deactivated=bool(current_user.is_staff),
        pagination=pagination_params(people, anchor="results", label=_("Pages of people")),
    )
