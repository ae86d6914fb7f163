"""Writes for minutes: save a version, circulate, agree, publish, comment. Each commits; emails go after."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.core import audit
from zone_networks.core.clock import utcnow
from zone_networks.core.urls import absolute_url
from zone_networks.extensions import db
from zone_networks.meetings.emails import deliver_in_language
from zone_networks.meetings.minutes_models import Minutes, MinutesComment, MinutesVersion
from zone_networks.meetings.minutes_queries import attendees, minutes_for
from zone_networks.meetings.models import Meeting

# The step each transition starts from, and the status it leads to.
TRANSITIONS = {"circulate": ("draft", "circulated"), "agree": ("circulated", "agreed"),
               "publish": ("agreed", "published")}


class MinutesError(Exception):
    """A change the minutes refuse, with the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def locked_message() -> str:
    """Why agreed minutes cannot be changed."""
    return _("These minutes have been agreed, so they can no longer be changed.")


def save_version(actor: User, meeting: Meeting, body: str, note: str) -> MinutesVersion:
    """Save the text as a new version (starting the minutes if needed); agreed minutes are refused."""
    minutes = minutes_for(meeting.id)
    if minutes is None:
        minutes = Minutes(meeting_id=meeting.id, status="draft")
        db.session.add(minutes)
        db.session.flush()
    elif minutes.is_locked:
        raise MinutesError(locked_message())
    number = int(db.session.scalar(select(func.max(MinutesVersion.number))
                                   .where(MinutesVersion.minutes_id == minutes.id)) or 0) + 1
    version = MinutesVersion(minutes_id=minutes.id, number=number, body=body, note=note, author_id=actor.id)
    db.session.add(version)
    minutes.updated_at = utcnow()
    audit.record(actor, "minutes.saved", "minutes", minutes.id, meeting_id=meeting.id, version=number)
    db.session.commit()
    return version


def _send_circulated(person: User, meeting: Meeting) -> bool:
    link = absolute_url("meetings.show", meeting_id=meeting.id) + "#minutes"

    def write() -> tuple[str, str]:
        subject = _("Draft minutes for comment: %(title)s", title=meeting.title)
        body = _("The draft minutes of %(title)s are ready for your comments.\n\nRead them and comment here:\n%(link)s",
                 title=meeting.title, link=link)
        return subject, body

    return deliver_in_language(person, write)


def advance(actor: User, meeting: Meeting, step: str) -> Minutes:
    """Move the minutes one step: circulate (emails attendees), agree (locks them) or publish."""
    minutes = minutes_for(meeting.id)
    start, end = TRANSITIONS[step]
    if minutes is None:
        raise MinutesError(_("Write the minutes first."))
    if minutes.status != start:
        raise MinutesError(_("The minutes are %(status)s, so they cannot be %(step)s now.",
                             status=status_word(minutes.status), step=status_word(end)))
    now = utcnow()
    minutes.status = end
    if end == "circulated":
        minutes.circulated_at = now
    elif end == "agreed":
        minutes.agreed_at, minutes.agreed_by_id = now, actor.id
    else:
        minutes.published_at = now
    audit.record(actor, f"minutes.{end}", "minutes", minutes.id, meeting_id=meeting.id)
    db.session.commit()
    if end == "circulated":
        for person in attendees(meeting):
            _send_circulated(person, meeting)
    return minutes


def status_word(status: str) -> str:
    """A minutes status in words."""
    return {"draft": _("draft"), "circulated": _("circulated"), "agreed": _("agreed"),
            "published": _("published")}.get(status, status)


def add_comment(actor: User, minutes: Minutes, body: str) -> MinutesComment:
    """Comment on circulated minutes (on the latest version)."""
    if minutes.status != "circulated":
        raise MinutesError(_("You can only comment while the minutes are circulated for comment."))
    number = int(db.session.scalar(select(func.max(MinutesVersion.number))
                                   .where(MinutesVersion.minutes_id == minutes.id)) or 0)
    comment = MinutesComment(minutes_id=minutes.id, version_number=number, author_id=actor.id, body=body)
    db.session.add(comment)
    db.session.flush()
    audit.record(actor, "minutes.commented", "minutes", minutes.id, comment_id=comment.id)
    db.session.commit()
    return comment
