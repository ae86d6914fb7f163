"""Scheduling: create and change meetings. Validate, write, audit, commit; email only after the commit.

Rule breaches raise MeetingRuleError(field, message): the message is safe to
show and `field` names the form field it belongs to.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db
from zone_networks.meetings import emails
from zone_networks.meetings.models import MEETING_FORMATS, MEETING_STATUSES, Meeting, MeetingSeries
from zone_networks.meetings.queries import yes_rsvps
from zone_networks.networks.models import Network
from zone_networks.notifications.queries import deliveries
from zone_networks.notifications.services import notify, path_for

TITLE_MAX = 200
LINK_MAX = 500
MAX_CAPACITY = 10_000
# Changes people who said yes are told about (when the meeting was scheduled).
NOTIFIED_FIELDS = ("starts_at", "ends_at", "all_day", "format", "venue", "join_link")


class MeetingRuleError(Exception):
    """A meeting the rules do not allow; `field` is the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class MeetingDetails:
    """Everything a manager sets on a meeting (times in UTC)."""

    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    all_day: bool = False
    format: str = "in_person"
    venue: str = ""
    join_link: str = ""
    capacity: int | None = None
    is_public: bool = False
    status: str = "scheduled"
    papers_deadline: datetime | None = None

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingDetails:
        """The details a meeting has now."""
        return cls(**{item.name: getattr(meeting, item.name) for item in fields(cls)})


@dataclass(frozen=True)
class MeetingUpdate:
    """What an edit changed, and how many people were emailed about it."""

    changed: tuple[str, ...]
    notified: int = 0


def new_uid() -> str:
    """A fresh, stable iCalendar UID."""
    return f"{uuid.uuid4()}@zone-networks"


def is_web_link(value: str) -> bool:
    """Whether `value` is an http(s) address with a host (what a join link must be)."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def validate(details: MeetingDetails, *, now: datetime | None = None) -> None:
    """Check the details; raise MeetingRuleError for the first problem."""
    if not details.title.strip():
        raise MeetingRuleError("title", _("Enter a title"))
    if len(details.title) > TITLE_MAX:
        raise MeetingRuleError("title", _("Title must be 200 characters or fewer"))
    if as_utc(details.ends_at) <= as_utc(details.starts_at):
        raise MeetingRuleError("end_date", _("The meeting must end after it starts"))
    if details.format not in MEETING_FORMATS:
        raise MeetingRuleError("format", _("Choose how people will attend"))
    if details.format in ("in_person", "hybrid") and not details.venue.strip():
        raise MeetingRuleError("venue", _("Enter the venue address"))
    if details.format in ("online", "hybrid") and not details.join_link.strip():
        raise MeetingRuleError("join_link", _("Enter the link to join the meeting online"))
    if details.join_link and (len(details.join_link) > LINK_MAX or not is_web_link(details.join_link)):
        raise MeetingRuleError("join_link", _("Enter a link that starts with https://, like https://meet.example.gov.uk/abc"))
    if details.capacity is not None and not 1 <= details.capacity <= MAX_CAPACITY:
        raise MeetingRuleError("capacity", _("Number of places must be between 1 and 10,000"))
    if details.status not in MEETING_STATUSES:
        raise MeetingRuleError("status", _("Choose a status"))
    if details.status == "held" and as_utc(details.starts_at) > (now or utcnow()):
        raise MeetingRuleError("status", _("A meeting can only be marked as held once it has started"))
    if details.papers_deadline is not None and as_utc(details.papers_deadline) > as_utc(details.starts_at):
        raise MeetingRuleError("papers_date", _("The papers deadline must be before the meeting starts"))


def _clean(details: MeetingDetails) -> MeetingDetails:
    details.title = details.title.strip()
    details.description = details.description.strip()
    details.venue = details.venue.strip() if details.format != "online" else ""
    details.join_link = details.join_link.strip() if details.format != "in_person" else ""
    return details


def add_meeting(actor: User | None, network: Network, details: MeetingDetails, *,
                series: MeetingSeries | None = None, original_start: datetime | None = None) -> Meeting:
    """Validate and add a meeting (and, for a one-off, its audit event) to the session, without committing.

    `actor` is None only for occurrences a command makes for an existing series.
    """
    _clean(details)
    validate(details)
    meeting = Meeting(network_id=network.id, network=network, uid=new_uid(), ical_sequence=0, seats_taken=0,
                      created_by_id=actor.id if actor else None, series_id=series.id if series else None,
                      original_start=original_start,
                      **{item.name: getattr(details, item.name) for item in fields(MeetingDetails)})
    db.session.add(meeting)
    db.session.flush()
    if series is None:
        record(actor, "meeting.created", "meeting", meeting.id, network=network.slug, title=meeting.title,
               status=meeting.status)
    return meeting


def create_meeting(actor: User, network: Network, details: MeetingDetails) -> Meeting:
    """Schedule (or draft) a one-off meeting for `network`."""
    meeting = add_meeting(actor, network, details)
    db.session.commit()
    return meeting


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, datetime) and isinstance(new, datetime):
        return as_utc(old) == as_utc(new)
    return bool(old == new)


def update_meeting(actor: User, meeting: Meeting, details: MeetingDetails) -> MeetingUpdate:
    """Change a meeting; tell the people who said yes when a scheduled meeting moves, changes place or is cancelled."""
    _clean(details)
    validate(details)
    before = MeetingDetails.of(meeting)
    changed = tuple(item.name for item in fields(MeetingDetails)
                    if not _same(getattr(before, item.name), getattr(details, item.name)))
    if not changed:
        return MeetingUpdate(())
    for name in changed:
        setattr(meeting, name, getattr(details, name))
    if before.status != "draft":
        meeting.ical_sequence += 1  # calendars replace the event only when SEQUENCE rises
    cancelled = before.status != "cancelled" and details.status == "cancelled"
    notice = None
    if before.status == "scheduled" and cancelled:
        notice = "cancelled"
    elif before.status in ("scheduled", "cancelled") and details.status == "scheduled" and (
            before.status == "cancelled" or any(name in NOTIFIED_FIELDS for name in changed)):
        notice = "changed"
    recipients = [rsvp.user for rsvp in yes_rsvps(meeting) if rsvp.user.active] if notice else []
    record(actor, "meeting.cancelled" if cancelled else "meeting.updated", "meeting", meeting.id,
           network=meeting.network.slug, title=meeting.title, changed=list(changed))
    if notice:
        _notify_change(actor, meeting, recipients, notice, reinstated=before.status == "cancelled")
        # This email is the notification's "immediately" email (notify() never emails kind "meeting"),
        # so it follows each person's choice for meeting changes.
        choices = deliveries((person.id for person in recipients), "meeting")
        recipients = [person for person in recipients if choices[person.id] == "immediately"]
    db.session.commit()
    sent = 0
    for person in recipients:
        if notice == "cancelled":
            sent += emails.send_cancelled(person, meeting)
        else:
            sent += emails.send_changed(person, meeting, [name for name in changed if name in NOTIFIED_FIELDS],
                                        reinstated=before.status == "cancelled")
    return MeetingUpdate(changed, sent)


def _notify_change(actor: User, meeting: Meeting, people: list[User], notice: str, *, reinstated: bool) -> None:
    """Add the in-app notifications (kind "meeting") for a change, in the change's transaction."""
    title = meeting.title

    def words(person: User) -> str:
        if notice == "cancelled":
            return _("Cancelled: %(title)s", title=title)
        if reinstated:
            return _("Back on: %(title)s", title=title)
        return _("Changed: %(title)s", title=title)

    notify(people, "meeting", f"meeting:{meeting.id}:seq:{meeting.ical_sequence}", words,
           path_for("meetings.show", meeting_id=meeting.id), actor=actor)
