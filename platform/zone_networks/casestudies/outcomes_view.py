"""The outcomes dashboard's sums put into words: labelled rows for the tables, the CSV and the charts.

`outcomes_queries` adds the figures up; this module names each group (zone
names, translated nations, sectors and themes, "No zone given"), writes each
figure the GOV.UK way (£186 million, 1,200), says "Not reported" where no case
study gave a figure, notes "from 2 of 3 case studies" where only some did,
and links each group to the case studies list filtered by it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from zone_networks.casestudies.labels import figure_label, format_figure, theme_label
from zone_networks.casestudies.models import FIGURES
from zone_networks.casestudies.outcomes_queries import BREAKDOWNS, Group, OutcomeFilters, Outcomes, Totals
from zone_networks.zones.labels import nation_label, sector_label

BREAKDOWN_LABELS = {"zone": _l("Zone"), "nation": _l("Nation"), "sector": _l("Sector"), "theme": _l("Theme")}
BREAKDOWN_HEADINGS = {"zone": _l("By zone"), "nation": _l("By nation"), "sector": _l("By sector"),
                      "theme": _l("By theme")}
CAPTIONS = {"zone": _l("Outcome figures by zone"), "nation": _l("Outcome figures by nation"),
            "sector": _l("Outcome figures by sector"), "theme": _l("Outcome figures by theme")}
NOT_GIVEN = {"zone": _l("No zone given"), "nation": _l("No zone given"), "sector": _l("No sector given"),
             "theme": _l("No theme given")}
HINTS = {
    "zone": _l("A case study about more than one zone counts once in each of them, so the rows can add up to more "
               "than the totals."),
    "nation": _l("A case study counts once in each nation its zones are in, so the rows can add up to more than the "
                 "totals."),
    "sector": _l("A case study about more than one sector counts once in each of them, so the rows can add up to "
                 "more than the totals."),
    "theme": _l("Each case study has one theme, so the rows add up to the totals."),
}
# The charts' accessible names; the fallback and the table below carry the same figures.
CHART_LABELS = {
    "zone": _l("Chart: %(figure)s by zone. The same figures are in the table below."),
    "nation": _l("Chart: %(figure)s by nation. The same figures are in the table below."),
    "sector": _l("Chart: %(figure)s by sector. The same figures are in the table below."),
    "theme": _l("Chart: %(figure)s by theme. The same figures are in the table below."),
}


@dataclass(frozen=True)
class FigureCell:
    """One figure in one row: its value, how it is written, and a note when not every case study reported it."""

    value: int | None
    text: str  # "£186 million", "1,200" or "Not reported"
    note: str  # "from 2 of 3 case studies", or ""
    reported: int


@dataclass(frozen=True)
class Row:
    """One group of a breakdown as shown: its words, its link (None for "not given") and its figures."""

    label: str
    href: str | None
    case_studies: int
    figures: dict[str, FigureCell]


@dataclass(frozen=True)
class BreakdownView:
    """One breakdown: its name, heading, table caption, column heading, hint, chart label and rows."""

    kind: str
    heading: str
    caption: str
    column: str
    hint: str
    chart_label: str
    rows: list[Row]


def figure_cell(name: str, totals: Totals) -> FigureCell:
    """The cell for figure `name` of `totals`: "Not reported" when no case study gave it."""
    value, reported = totals.sums[name], totals.reported[name]
    if value is None:
        return FigureCell(None, _("Not reported"), "", 0)
    note = ""
    if reported < totals.case_studies:
        note = ngettext("from %(reported)d of %(num)d case study", "from %(reported)d of %(num)d case studies",
                        totals.case_studies, reported=reported)
    return FigureCell(value, format_figure(name, value), note, reported)


def figure_cells(totals: Totals) -> dict[str, FigureCell]:
    """Every figure's cell, in FIGURES order."""
    return {name: figure_cell(name, totals) for name in FIGURES}


def group_label(kind: str, group: Group) -> str:
    """The words for a group: a zone's name, a translated nation, sector or theme, or "No zone given"."""
    if group.key is None:
        return str(NOT_GIVEN[kind])
    if kind == "nation":
        return nation_label(group.key)
    if kind == "sector":
        return sector_label(group.key, group.name)
    if kind == "theme":
        return theme_label(group.key)
    return group.name


def case_studies_url(filters: OutcomeFilters, kind: str, key: str, published_only: bool = False) -> str:
    """The case studies list showing this group's case studies: the dashboard's filters, with this group's value.

    `published_only` asks the list for published ones only (the secretariat's list shows drafts too, so a
    dashboard that leaves drafts out links to a list that does the same).
    """
    args = {**filters.narrowing, kind: key}
    if published_only:
        args["status"] = "published"
    return url_for("casestudies.index") + "?" + urlencode(sorted(args.items()))


def breakdown_views(result: Outcomes, filters: OutcomeFilters,
                    link: Callable[[OutcomeFilters, str, str], str] | None = case_studies_url) -> list[BreakdownView]:
    """The four breakdowns as labelled rows (links left out when `link` is None, as in the CSV)."""
    views = []
    figure = figure_label(filters.figure)
    for kind in BREAKDOWNS:
        rows = [
            Row(
                label=group_label(kind, group),
                href=link(filters, kind, group.key) if link and group.key is not None else None,
                case_studies=group.totals.case_studies,
                figures=figure_cells(group.totals),
            )
            for group in result.breakdowns[kind]
        ]
        views.append(BreakdownView(
            kind=kind,
            heading=str(BREAKDOWN_HEADINGS[kind]),
            caption=str(CAPTIONS[kind]),
            column=str(BREAKDOWN_LABELS[kind]),
            hint=str(HINTS[kind]),
            chart_label=str(CHART_LABELS[kind]) % {"figure": figure},
            rows=rows,
        ))
    return views


def chart_data(views: list[BreakdownView], figure: str) -> dict[str, Any]:
    """What outcomes-charts.js draws: for each breakdown, the group labels and the chosen figure's values."""
    return {
        "figure": figure,
        "figureLabel": figure_label(figure),
        "money": figure == "investment_gbp",
        "charts": {
            view.kind: {
                "labels": [row.label for row in view.rows],
                "values": [row.figures[figure].value for row in view.rows],
                "texts": [row.figures[figure].text for row in view.rows],
            }
            for view in views
        },
    }
