"""The outcomes dashboard (/outcomes) and its CSV download (/outcomes.csv).

Anyone may open both: what they count depends on who asks (see
`outcomes_queries`). The filters are a GET form, so the address carries them
and the CSV link repeats them. The page works without JavaScript (the tables
hold every figure); with it, outcomes-charts.js draws a chart above each table
from the JSON the page carries.
"""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from flask import Response, render_template, request, url_for
from flask_login import current_user

from zone_networks.casestudies import bp
from zone_networks.casestudies.filters import Vocabulary
from zone_networks.casestudies.labels import FIGURE_LABELS, THEME_LABELS
from zone_networks.casestudies.models import FIGURES, THEMES
from zone_networks.casestudies.outcomes_csv import filename, to_csv
from zone_networks.casestudies.outcomes_queries import OutcomeFilters, outcomes
from zone_networks.casestudies.outcomes_view import breakdown_views, case_studies_url, chart_data, figure_cells
from zone_networks.zones.labels import nation_label, sector_label
from zone_networks.zones.models import NATIONS


def _may_include_drafts() -> bool:
    return bool(current_user.is_authenticated and current_user.is_staff)


def _filters() -> tuple[OutcomeFilters, Vocabulary]:
    vocabulary = Vocabulary.load()
    return OutcomeFilters.from_args(request.args, vocabulary, _may_include_drafts()), vocabulary


def _url(endpoint: str, filters: OutcomeFilters) -> str:
    query = urlencode(filters.to_args())
    return url_for(endpoint) + (f"?{query}" if query else "")


def _choices(vocabulary: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """The options of each filter's select, as (value, words)."""
    return {
        "zone": list(vocabulary.zones.items()),
        "nation": [(nation, nation_label(nation)) for nation in NATIONS],
        "sector": [(slug, sector_label(slug, name)) for slug, name in vocabulary.sectors.items()],
        "theme": [(code, str(THEME_LABELS[code])) for code in THEMES],
        "figure": [(name, str(FIGURE_LABELS[name])) for name in FIGURES],
    }


@bp.get("/outcomes")
def outcomes_page() -> str:
    """The outcomes dashboard: totals of the case studies' figures by zone, nation, sector and theme."""
    filters, vocabulary = _filters()
    result = outcomes(current_user, filters)
    link = partial(case_studies_url, published_only=_may_include_drafts() and not filters.drafts)
    views = breakdown_views(result, filters, link)
    context: dict[str, Any] = {
        "filters": filters,
        "choices": _choices(vocabulary),
        "totals": result.totals,
        "total_cells": figure_cells(result.totals),
        "breakdowns": views,
        "chart": chart_data(views, filters.figure),
        "figures": FIGURES,
        "figure_labels": FIGURE_LABELS,
        "may_include_drafts": _may_include_drafts(),
        "csv_url": _url("casestudies.outcomes_csv", filters),
        "clear_url": _url("casestudies.outcomes_page", filters.without_narrowing()),
    }
    return render_template("casestudies/outcomes.html", **context)


@bp.get("/outcomes.csv")
def outcomes_csv() -> Response:
    """The dashboard's totals and breakdowns as a CSV file, for the same filters."""
    filters, _vocabulary = _filters()
    data = to_csv(outcomes(current_user, filters), filters)
    response = Response(data, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(filters)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
