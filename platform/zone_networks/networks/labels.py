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
    "directory.exported": _l("Downloaded the directory"),
    "person.deactivated": _l("Deactivated an account"),
    "person.reactivated": _l("Reactivated an account"),
    "person.zone_roles_changed": _l("Changed someone's zone roles"),
    "person.moved": _l("Moved someone to another organisation"),
    "person.deletion_confirmed": _l("Deleted an account at the person's request"),
    "person.deletion_declined": _l("Declined a request to delete an account"),
    "meeting.created": _l("Scheduled a meeting"),
    "meeting.updated": _l("Changed a meeting"),
    "meeting.cancelled": _l("Cancelled a meeting"),
    "series.created": _l("Set up a meeting series"),
    "series.updated": _l("Changed a meeting series"),
    "meeting.attendance_recorded": _l("Recorded who attended a meeting"),
    "poll.created": _l("Started a date poll"),
    "poll.scheduled": _l("Scheduled a meeting from a date poll"),
    "poll.closed": _l("Closed a date poll without scheduling"),
    "agenda.item_proposed": _l("Proposed an agenda item"),
    "agenda.item_accepted": _l("Accepted an agenda item"),
    "agenda.item_declined": _l("Declined an agenda item"),
    "agenda.item_moved": _l("Reordered the agenda"),
    "agenda.item_timed": _l("Set the time for an agenda item"),
    "minutes.saved": _l("Saved a version of the minutes"),
    "minutes.commented": _l("Commented on circulated minutes"),
    "minutes.circulated": _l("Circulated the minutes for comment"),
    "minutes.agreed": _l("Agreed the minutes"),
    "minutes.published": _l("Published the minutes"),
    "action.created": _l("Recorded an action"),
    "action.status_changed": _l("Changed an action's status"),
    "calendar_feed.created": _l("Created a calendar link"),
    "calendar_feed.turned_off": _l("Turned off a calendar link"),
    "admin.created": _l("Created an admin account"),
    "document.edited": _l("Changed a document's details"),
    "document.version_added": _l("Uploaded a new version of a document"),
    "document.deleted": _l("Deleted a document"),
    "case_study.edited": _l("Edited someone else's case study"),
    "case_study.published": _l("Published a case study"),
    "case_study.withdrawn": _l("Moved a case study back to draft"),
    "case_study.made_public": _l("Made a case study public"),
    "case_study.made_members_only": _l("Made a case study members-only"),
    "challenge.edited": _l("Edited someone else's challenge"),
    "challenge.offer_helped": _l("Marked an offer of help on someone else's challenge as the help that worked"),
    "challenge.resolved": _l("Marked someone else's challenge as resolved"),
    "challenge.reopened": _l("Reopened someone else's challenge"),
    "post.hidden": _l("Hid a message in a discussion"),
    "post.shown": _l("Showed a hidden message again"),
    "post.reports_dismissed": _l("Dismissed reports of a message"),
    "thread.locked": _l("Locked a discussion thread"),
    "thread.unlocked": _l("Unlocked a discussion thread"),
    "thread.pinned": _l("Pinned a discussion thread"),
    "thread.unpinned": _l("Unpinned a discussion thread"),
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
