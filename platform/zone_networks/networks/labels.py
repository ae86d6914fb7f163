"""Human words for the networks feature's coded values, wrapped for translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "member": _l("Member"),
    "convenor": _l("Convenor"),
    "observer": _l("Observer"),
}

STATUS_LABELS = {
    "requested": _l("Requested"),
    "active": _l("Member"),
    "declined": _l("Declined"),
    "removed": _l("Removed"),
}

INVITATION_STATUS_LABELS = {
    "pending": _l("Pending"),
    "accepted": _l("Accepted"),
    "revoked": _l("Revoked"),
    "expired": _l("Expired"),
}

# GOV.UK tag colours for each invitation status.
INVITATION_STATUS_CLASSES = {
    "pending": "govuk-tag--blue",
    "accepted": "govuk-tag--green",
    "revoked": "govuk-tag--grey",
    "expired": "govuk-tag--yellow",
}

AUDIT_ACTION_LABELS = {
    "membership.requested": _l("Asked to join a network"),
    "membership.approved": _l("Approved a join request"),
    "membership.declined": _l("Declined a join request"),
    "membership.role_changed": _l("Changed a member's role"),
    "membership.removed": _l("Removed a member"),
    "membership.added": _l("Added a member"),
    "invitation.created": _l("Sent an invitation"),
    "invitation.resent": _l("Resent an invitation"),
    "invitation.revoked": _l("Revoked an invitation"),
    "invitation.accepted": _l("Accepted an invitation"),
}


def role_label(code: str) -> str:
    """Return the words for a membership role."""
    return str(ROLE_LABELS.get(code, code))


def status_label(code: str) -> str:
    """Return the words for a membership status."""
    return str(STATUS_LABELS.get(code, code))


def invitation_status_label(code: str) -> str:
    """Return the words for an invitation status."""
    return str(INVITATION_STATUS_LABELS.get(code, code))


def audit_action_label(code: str) -> str:
    """Return the words for an audit action, or the code itself for actions of other features."""
    return str(AUDIT_ACTION_LABELS.get(code, code))
