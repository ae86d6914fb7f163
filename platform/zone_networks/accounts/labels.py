"""Human words for the accounts feature's coded values, wrapped for translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

USER_ROLE_LABELS = {
    "admin": _l("Administrator"),
    "secretariat": _l("Secretariat"),
    "official": _l("Government official"),
    "member": _l("Zone member"),
}

# Each language is named in its own language, as GOV.UK language switchers do.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}

MEMBERSHIP_ROLE_LABELS = {
    "member": _l("Member"),
    "convenor": _l("Convenor"),
    "observer": _l("Observer"),
}


def user_role_label(code: str) -> str:
    """Return the words for a person's service-wide role."""
    return str(USER_ROLE_LABELS.get(code, code))


def membership_role_label(code: str) -> str:
    """Return the words for a role in a network."""
    return str(MEMBERSHIP_ROLE_LABELS.get(code, code))
