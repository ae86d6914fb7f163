"""Jinja filters for case studies: theme and status words, tag colours, and outcome figures as written."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date

from zone_networks.casestudies import bp
from zone_networks.casestudies.labels import (
    figure_label,
    figure_phrase,
    format_figure,
    status_class,
    status_label,
    theme_label,
)
from zone_networks.casestudies.models import FIGURES


def case_study_figures(case_study: Any) -> list[str]:
    """The outcome figures a case study gives, as phrases ("£186 million private investment"), in order."""
    return [figure_phrase(name, getattr(case_study, name)) for name in FIGURES
            if getattr(case_study, name) is not None]


def day(value: date | None) -> str:
    """A date the GOV.UK way, without the weekday: 9 March 2024."""
    return str(format_date(value, "d MMMM yyyy")) if value is not None else ""


bp.add_app_template_filter(theme_label, "case_study_theme")
bp.add_app_template_filter(status_label, "case_study_status")
bp.add_app_template_filter(status_class, "case_study_status_class")
bp.add_app_template_filter(figure_label, "case_study_figure_label")
bp.add_app_template_global(format_figure, "format_figure")
bp.add_app_template_global(figure_phrase, "figure_phrase")
bp.add_app_template_global(case_study_figures, "case_study_figures")
bp.add_app_template_filter(day, "case_study_date")
