"""Emails about meetings, each in its recipient's language, sent after the change is committed.

Delivery failures are logged and counted as not sent rather than raised: the
change stands. Other parts of issue 4 (RSVP promotion, reminders, polls,
minutes) can use `deliver_in_language()` for their own emails.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.mail import send_email
from zone_networks.core.urls import absolute_url
from zone_networks.meetings.labels import format_label, meeting_when
from zone_networks.meetings.models import Meeting


def deliver(to: str, subject: str, body: str) -> bool:
    """Send one email; log and return False if it could not be delivered."""
    try:
        send_email(to, subject, body)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("Could not send email %r", subject)
        return False
    return True


def deliver_in_language(person: User, write: Callable[[], tuple[str, str]]) -> bool:
    """Write (subject, body) with `write()` in `person`'s language and send it to them."""
    with force_locale(person.language or "en"):
        subject, body = write()
    return deliver(person.email, subject, body)


def meeting_summary(meeting: Meeting) -> str:
    """When, how and where, as plain-text lines for an email (no join link: emails get forwarded)."""
    lines = [
        _("When: %(when)s (UK time)", when=meeting_when(meeting)),
        _("How: %(format)s", format=format_label(meeting.format)),
    ]
    if meeting.venue and meeting.format != "online":
        lines.append(_("Where: %(venue)s", venue=" ".join(meeting.venue.split())))
    if meeting.join_link and meeting.format != "in_person":
        lines.append(_("The link to join is on the meeting page."))
    return "\n".join(lines)


_FIELD_WORDS = {
    "starts_at": "time",
    "ends_at": "time",
    "all_day": "time",
    "format": "format",
    "venue": "venue",
    "join_link": "link",
}


def _what_changed(changed: list[str]) -> str:
    words = {"time": _("the date or time"), "format": _("how people attend"), "venue": _("the venue"),
             "link": _("the joining link")}
    kinds = []
    for name in changed:
        kind = _FIELD_WORDS.get(name)
        if kind and words[kind] not in kinds:
            kinds.append(words[kind])
    return ", ".join(str(kind) for kind in kinds)


def send_changed(person: User, meeting: Meeting, changed: list[str], *, reinstated: bool = False) -> bool:
    """Tell someone who said yes that a meeting has changed (or is back on after being cancelled)."""

    def write() -> tuple[str, str]:
        if reinstated:
            subject = _("Back on: %(title)s", title=meeting.title)
            opening = _("The %(network)s meeting \"%(title)s\" is going ahead after all.",
                        network=meeting.network.name, title=meeting.title)
        else:
            subject = _("Changed: %(title)s", title=meeting.title)
            opening = _("The %(network)s meeting \"%(title)s\" has changed: %(what)s.",
                        network=meeting.network.name, title=meeting.title, what=_what_changed(changed))
        body = _(
            "Hello %(name)s,\n\n%(opening)s\n\n%(summary)s\n\n"
            "You said you would come. If you can no longer make it, change your answer on the meeting page:\n"
            "%(link)s\n\nZone Networks",
            name=person.name, opening=opening, summary=meeting_summary(meeting),
            link=absolute_url("meetings.show", meeting_id=meeting.id),
        )
        return subject, body

    return deliver_in_language(person, write)


def send_cancelled(person: User, meeting: Meeting) -> bool:
    """Tell someone who said yes that a meeting has been cancelled."""

    def write() -> tuple[str, str]:
        subject = _("Cancelled: %(title)s", title=meeting.title)
        body = _(
            "Hello %(name)s,\n\nThe %(network)s meeting \"%(title)s\" on %(when)s (UK time) has been cancelled.\n\n"
            "See the meeting page:\n%(link)s\n\nZone Networks",
            name=person.name, network=meeting.network.name, title=meeting.title, when=meeting_when(meeting),
            link=absolute_url("meetings.show", meeting_id=meeting.id),
        )
        return subject, body

    return deliver_in_language(person, write)
