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

NATION_LABELS = {
    "England": _l("England"),
    "Scotland": _l("Scotland"),
    "Wales": _l("Wales"),
    "Northern Ireland": _l("Northern Ireland"),
}

STATUS_LABELS = {
    "active": _l("Active"),
    "in development": _l("In development"),
}

# Keyed by sector slug; the names themselves are reference data in data.yaml.
SECTOR_LABELS = {
    "advanced-manufacturing": _l("Advanced Manufacturing"),
    "clean-energy-industries": _l("Clean Energy Industries"),
    "creative-industries": _l("Creative Industries"),
    "defence": _l("Defence"),
    "digital-and-technologies": _l("Digital and Technologies"),
    "financial-services": _l("Financial Services"),
    "life-sciences": _l("Life Sciences"),
    "professional-and-business-services": _l("Professional and Business Services"),
}


def programme_label(code: str) -> str:
    """Return the words for a programme code."""
    return str(PROGRAMME_LABELS.get(code, code))


def nation_label(nation: str) -> str:
    """Return the (translated) name of a nation."""
    return str(NATION_LABELS.get(nation, nation))


def status_label(status: str) -> str:
    """Return the words for a zone's status."""
    return str(STATUS_LABELS.get(status, status.capitalize()))


def sector_label(slug: str, name: str) -> str:
    """Return the (translated) name of a sector, falling back to its stored name."""
    return str(SECTOR_LABELS.get(slug, name))
