"""Human words for the directory's coded values (zone roles, contact visibility), wrapped for translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ZONE_ROLE_LABELS = {
    "skills_lead": _l("Skills lead"),
    "innovation_lead": _l("Innovation lead"),
    "net_zero_lead": _l("Net zero lead"),
    "other": _l("Other role"),
}

# Short names for each contact-detail visibility, narrowest first.
VISIBILITY_LABELS = {
    "only_me": _l("Only me"),
    "secretariat": _l("The secretariat"),
    "networks": _l("My networks"),
    "members": _l("All members"),
}

# One sentence per visibility, for form hints and the profile owner's view.
VISIBILITY_HINTS = {
    "only_me": _l("Nobody else can see it, not even the secretariat."),
    "secretariat": _l("Only the secretariat and service administrators can see it."),
    "networks": _l("People in the networks you are an active member of, and the secretariat, can see it."),
    "members": _l("Everyone signed in to Zone Networks can see it."),
}


def zone_role_label(code: str) -> str:
    """Return the words for a zone role."""
    return str(ZONE_ROLE_LABELS.get(code, code))


def visibility_label(code: str) -> str:
    """Return the words for a contact-detail visibility."""
    return str(VISIBILITY_LABELS.get(code, code))
