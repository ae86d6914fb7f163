"""Human labels for the zones register's coded values, wrapped for translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PROGRAMME_LABELS = {
    "freeport": _l("Freeport"),
    "investment_zone": _l("Investment Zone"),
    "both": _l("Freeport and Investment Zone"),
}

ORGANISATION_KIND_LABELS = {
    "zone": _l("Zone"),
    "government": _l("Government"),
    "secretariat": _l("Secretariat"),
}


def programme_label(code: str) -> str:
    """Return the words for a programme code."""
    return str(PROGRAMME_LABELS.get(code, code))
