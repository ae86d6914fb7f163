"""Human words for case studies' coded values (themes, outcome figures, status) and how figures are written."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

THEME_LABELS = {
    "skills": _l("Skills"),
    "innovation": _l("Innovation"),
    "net_zero": _l("Net zero"),
    "investment": _l("Investment"),
    "planning": _l("Planning"),
    "other": _l("Other"),
}

# The outcome figures, in the order CaseStudy.FIGURES lists them.
FIGURE_LABELS = {
    "jobs_created": _l("Jobs created"),
    "investment_gbp": _l("Private investment"),
    "people_trained": _l("People trained"),
    "businesses_supported": _l("Businesses supported"),
}

# The same, lower case, for use after a number ("1,200 jobs created").
FIGURE_PHRASES = {
    "jobs_created": _l("jobs created"),
    "investment_gbp": _l("private investment"),
    "people_trained": _l("people trained"),
    "businesses_supported": _l("businesses supported"),
}

# Which figures are money (whole pounds); the others are counts.
MONEY_FIGURES = frozenset({"investment_gbp"})

STATUS_LABELS = {
    "draft": _l("Draft"),
    "published": _l("Published"),
}

STATUS_CLASSES = {
    "draft": "govuk-tag--grey",
    "published": "govuk-tag--green",
}


def theme_label(code: str) -> str:
    """The words for a case study theme."""
    return str(THEME_LABELS.get(code, code))


def figure_label(name: str) -> str:
    """The words for an outcome figure ("Jobs created")."""
    return str(FIGURE_LABELS.get(name, name))


def status_label(code: str) -> str:
    """The words for a case study status."""
    return str(STATUS_LABELS.get(code, code))


def status_class(code: str) -> str:
    """The GOV.UK tag class for a case study status."""
    return STATUS_CLASSES.get(code, "")


def _one_decimal(value: int, unit: int) -> str:
    """`value / unit` to at most one decimal place, half up, without a trailing ".0"."""
    rounded = (Decimal(value) / Decimal(unit)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_money(value: int) -> str:
    """Whole pounds the GOV.UK way: £23,000, £9.7 million, £186 million, £1.2 billion."""
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1_000_000_000:
        return sign + _("£%(amount)s billion", amount=_one_decimal(amount, 1_000_000_000))
    if amount >= 1_000_000:
        return sign + _("£%(amount)s million", amount=_one_decimal(amount, 1_000_000))
    return f"{sign}£{amount:,}"


def format_figure(name: str, value: int | None) -> str:
    """An outcome figure as written on a page: money as £186 million, counts as 1,200; empty when not given."""
    if value is None:
        return ""
    if name in MONEY_FIGURES:
        return format_money(value)
    return f"{value:,}"


def figure_phrase(name: str, value: int | None) -> str:
    """A figure with its words, for lists: "£186 million private investment", "1,200 jobs created"."""
    if value is None:
        return ""
    return _("%(figure)s %(what)s", figure=format_figure(name, value), what=FIGURE_PHRASES.get(name, name))
