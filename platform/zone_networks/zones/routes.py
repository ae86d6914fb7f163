"""Pages of the zones register: the list of zones with filters, and one zone's page."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.zones import bp, labels, queries
from zone_networks.zones.forms import ZoneFilterForm


@bp.context_processor
def _label_helpers() -> dict[str, Any]:
    """Give the zones templates the words for coded values."""
    # Networks sit above zones in the dependency order: borrow only their labels.
    from zone_networks.networks.labels import role_label

    return {
        "nation_label": labels.nation_label,
        "status_label": labels.status_label,
        "sector_label": labels.sector_label,
        "role_label": role_label,
    }


@bp.get("/zones")
def index() -> str:
    """List the 22 zones, filtered by nation, programme and sector."""
    sectors = queries.all_sectors()
    form = ZoneFilterForm(formdata=request.args, sectors=sectors)
    filters = form.filters()
    zones = queries.list_zones(filters)
    return render_template("zones/index.html", form=form, filters=filters, zones=zones)


@bp.get("/zones/<slug>")
def show(slug: str) -> str:
    """One zone: its facts, the networks it takes part in, and (signed in) its people."""
    zone = queries.zone_by_slug(slug)
    require(zone is not None)
    assert zone is not None
    # Signed-out visitors get no people, no count and no 404 for a page number: nothing about the list leaks.
    people = queries.people_in_zone(zone, requested_page()) if zone.can_view_members(current_user) else None
    return render_template(
        "zones/show.html",
        zone=zone,
        networks=queries.networks_for_zone(zone),
        can_view_members=people is not None,
        people=people,
        pagination=None if people is None else pagination_params(people, anchor="people",
                                                                 label=_("Pages of people")),
    )
