"""The email a date poll sends: "the date is set" to everyone who answered, after the meeting is committed."""

from __future__ import annotations

from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.urls import absolute_url
from zone_networks.meetings.emails import deliver_in_language, meeting_summary
from zone_networks.meetings.models import Meeting


def send_scheduled(person: User, meeting: Meeting) -> bool:
    """Tell someone who answered the poll which option was chosen, and where to say whether they will come."""

    def write() -> tuple[str, str]:
        subject = _("Date chosen: %(title)s", title=meeting.title)
        body = _(
            "Hello %(name)s,\n\nThank you for answering the date poll. The %(network)s meeting \"%(title)s\" "
            "is now scheduled.\n\n%(summary)s\n\nTell us whether you will come on the meeting page:\n%(link)s\n\n"
            "Zone Networks",
            name=person.name, network=meeting.network.name, title=meeting.title, summary=meeting_summary(meeting),
            link=absolute_url("meetings.show", meeting_id=meeting.id),
        )
        return subject, body

    return deliver_in_language(person, write)
