"""Human words for a challenge's coded values (status, theme, sort order) and its status tag colours."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from zone_networks.casestudies.labels import THEME_LABELS

STATUS_LABELS = {
    "open": _l("Open"),
    "matched": _l("Help found"),
    "resolved": _l("Resolved"),
}

# GOV.UK tag colours: open needs help (turquoise), matched is on its way (yellow), resolved is done (green).
STATUS_CLASSES = {
    "open": "govuk-tag--turquoise",
    "matched": "govuk-tag--yellow",
    "resolved": "govuk-tag--green",
}

SORT_LABELS = {
    "activity": _l("Newest activity"),
    "shared": _l("Most shared (zones that have this too)"),
}


def status_label(code: str) -> str:
    """The words for a challenge status."""
    return str(STATUS_LABELS.get(code, code))


def status_class(code: str) -> str:
    """The GOV.UK tag class for a challenge status."""
    return STATUS_CLASSES.get(code, "govuk-tag--grey")


def theme_label(code: str) -> str:
    """The words for a challenge theme (the same themes as case studies)."""
    return str(THEME_LABELS.get(code, code))
