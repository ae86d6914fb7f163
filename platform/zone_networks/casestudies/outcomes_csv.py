"""The outcomes dashboard as a CSV file: the totals, then one row per (breakdown, group).

Figures are whole numbers (pounds for investment) with no formatting, so a
spreadsheet can add them up; a figure no case study reported is an empty
cell, never 0, and beside each figure is how many case studies reported it.
Cells go through `core.spreadsheet`, so a zone or sector name can never be
read as a formula.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from zone_networks.casestudies.models import FIGURES
from zone_networks.casestudies.outcomes_queries import OutcomeFilters, Outcomes
from zone_networks.casestudies.outcomes_view import BreakdownView, Row, breakdown_views, figure_cells
from zone_networks.core.clock import to_london, utcnow
from zone_networks.core.spreadsheet import csv_bytes


def header() -> list[str]:
    """The column headings: breakdown, group, case studies, then each figure and how many reported it."""
    return [
        _("Breakdown"), _("Group"), _("Case studies"),
        _("Jobs created"), _("Case studies reporting jobs created"),
        _("Private investment (GBP)"), _("Case studies reporting private investment"),
        _("People trained"), _("Case studies reporting people trained"),
        _("Businesses supported"), _("Case studies reporting businesses supported"),
    ]


def _cells(breakdown: str, row: Row) -> list[str]:
    cells = [breakdown, row.label, str(row.case_studies)]
    for name in FIGURES:
        figure = row.figures[name]
        cells += ["" if figure.value is None else str(figure.value), str(figure.reported)]
    return cells


def to_csv(result: Outcomes, filters: OutcomeFilters) -> bytes:
    """The totals row, then every breakdown's rows, as CSV in UTF-8 with a byte order mark."""
    total = Row(_("All case studies"), None, result.totals.case_studies, figure_cells(result.totals))
    rows = [_cells(_("Total"), total)]
    views: list[BreakdownView] = breakdown_views(result, filters, link=None)
    for view in views:
        rows += [_cells(view.column, row) for row in view.rows]
    return csv_bytes(header(), rows)


def filename(filters: OutcomeFilters, now: datetime | None = None) -> str:
    """A dated download name, e.g. zone-networks-outcomes-2026-11-26.csv; drafts say so in the name."""
    day = to_london(now or utcnow()).date().isoformat()
    suffix = "-including-drafts" if filters.drafts else ""
    return f"zone-networks-outcomes-{day}{suffix}.csv"
