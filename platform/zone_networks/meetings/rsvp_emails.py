"""Emails about places at a meeting (a seat came up; someone sent you in their place), sent after the commit."""

from __future__ import annotations

from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.urls import absolute_url
from zone_networks.meetings.emails import deliver_in_language, meeting_summary
from zone_networks.meetings.models import Meeting


def email_promoted(person: User, meeting: Meeting) -> bool:
    """Tell someone on the waiting list that a place came up and is now theirs."""

    def write() -> tuple[str, str]:
        subject = _("You have a place: %(title)s", title=meeting.title)
        body = _(
            "Hello %(name)s,\n\nA place has come up at the %(network)s meeting \"%(title)s\" and it is yours: "
            "you were next on the waiting list.\n\n%(summary)s\n\n"
            "If you can no longer come, change your answer on the meeting page so someone else can have the place:\n"
            "%(link)s\n\nZone Networks",
            name=person.name, network=meeting.network.name, title=meeting.title, summary=meeting_summary(meeting),
            link=absolute_url("meetings.show", meeting_id=meeting.id),
        )
        return subject, body

    return deliver_in_language(person, write)


def email_substitute(person: User, meeting: Meeting, sender: User, *, confirmed: bool,
                     position: int | None) -> bool:
    """Tell a substitute that a colleague has sent them in their place, and whether they have a seat."""

    def write() -> tuple[str, str]:
        subject = _("%(sender)s has asked you to go in their place: %(title)s", sender=sender.name,
                    title=meeting.title)
        if confirmed:
            standing = _("You have a place.")
        elif position is not None:
            standing = _("The meeting is full. You are number %(position)d on the waiting list.", position=position)
        else:
            standing = _("We have recorded that you will come.")
        body = _(
            "Hello %(name)s,\n\n%(sender)s cannot come to the %(network)s meeting \"%(title)s\" and has named you "
            "to go in their place. %(standing)s\n\n%(summary)s\n\n"
            "If you cannot come, change your answer on the meeting page:\n%(link)s\n\nZone Networks",
            name=person.name, sender=sender.name, network=meeting.network.name, title=meeting.title,
            standing=standing, summary=meeting_summary(meeting),
            link=absolute_url("meetings.show", meeting_id=meeting.id),
        )
        return subject, body

    return deliver_in_language(person, write)
