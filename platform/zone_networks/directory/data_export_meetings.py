"""The meetings feature's part of the personal-data registry (see `directory.data_export`).

Rows a person owns (their answers, votes, comments, actions, calendar feeds)
are exported; records that merely name them as the member of staff who made
or decided something are the network's records and are explained in
`MEETING_LINKS_NOT_FOLLOWED` instead. Tables are named, not imported, so
this module does not depend on the meetings code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, or_

from zone_networks.accounts.models import User
from zone_networks.directory.data_registry import SECRET, STAFF, YOU, Lookup, Source, owned_by, table

MEETING = Lookup("meeting_id", "meetings", ("title", "starts_at"), "meeting")
NETWORK = Lookup("network_id", "networks", ("name", "slug"), "network")
OTHERS_ANSWER = _l("Part of the answer of the person you come in place of: their data, not yours.")


def _agenda_items(person: User) -> ColumnElement[bool]:
    items = table("agenda_items")
    return or_(items.c.submitted_by_id == person.id, items.c.presenter_id == person.id)


MEETING_SOURCES: tuple[Source, ...] = (
    Source(
        name="meeting_rsvps",
        table="meeting_rsvps",
        about=_l("Your answers to meeting invitations (yes, no or maybe), and your place on any waiting list."),
        where=owned_by("meeting_rsvps"),
        links=("user_id",),
        exported=("id", "meeting_id", "response", "status", "waitlisted_at", "created_at", "updated_at"),
        excluded={
            "user_id": YOU,
            "substitute_user_id": _l("The account number of the person you named to come in your place: "
                                     "their data, not yours."),
        },
        lookups=(MEETING,),
    ),
    Source(
        name="meeting_substitutions",
        table="meeting_rsvps",
        about=_l("Meetings where someone named you to come in their place."),
        where=owned_by("meeting_rsvps", "substitute_user_id"),
        links=("substitute_user_id",),
        exported=("id", "meeting_id", "created_at", "updated_at"),
        excluded={"user_id": OTHERS_ANSWER, "response": OTHERS_ANSWER, "status": OTHERS_ANSWER,
                  "waitlisted_at": OTHERS_ANSWER, "substitute_user_id": YOU},
        lookups=(MEETING,),
    ),
    Source(
        name="meeting_attendance",
        table="meeting_attendance",
        about=_l("Meetings you were recorded as attending, with your zone and organisation at the time."),
        where=owned_by("meeting_attendance"),
        links=("user_id",),
        exported=("id", "meeting_id", "zone_id", "organisation_id", "recorded_at"),
        excluded={"user_id": YOU, "recorded_by_id": STAFF},
        lookups=(MEETING,),
    ),
    Source(
        name="meeting_reminders",
        table="meeting_reminders",
        about=_l("Meeting reminders we emailed you."),
        where=owned_by("meeting_reminders"),
        links=("user_id",),
        exported=("id", "meeting_id", "kind", "sent_at"),
        excluded={"user_id": YOU},
        lookups=(MEETING,),
    ),
    Source(
        name="calendar_feeds",
        table="calendar_tokens",
        about=_l("The calendar feed addresses you made (without the secret part of the address)."),
        where=owned_by("calendar_tokens"),
        links=("user_id",),
        exported=("id", "network_id", "with_alarm", "revoked_at", "created_at"),
        excluded={"token_hash": SECRET, "user_id": YOU},
        lookups=(NETWORK,),
    ),
    Source(
        name="poll_votes",
        table="poll_votes",
        about=_l("Your answers to date polls, one for each proposed time."),
        where=owned_by("poll_votes"),
        links=("user_id",),
        exported=("id", "option_id", "answer", "updated_at"),
        excluded={"user_id": YOU},
    ),
    Source(
        name="agenda_items",
        table="agenda_items",
        about=_l("Agenda items you proposed, or that you present."),
        where=_agenda_items,
        links=("submitted_by_id", "presenter_id"),
        exported=("id", "meeting_id", "title", "summary", "presenter_name", "status", "position",
                  "duration_minutes", "decided_at", "created_at", "updated_at"),
        excluded={
            "submitted_by_id": _l("The account number of the person who proposed the item: you, or the "
                                  "person who named you as presenter."),
            "presenter_id": _l("The account number of the presenter: you, or the person you named."),
            "decided_by_id": STAFF,
        },
        lookups=(MEETING,),
    ),
    Source(
        name="agenda_papers",
        table="agenda_papers",
        about=_l("Papers you uploaded for agenda items (the files themselves are on the meeting pages)."),
        where=owned_by("agenda_papers", "uploaded_by_id"),
        links=("uploaded_by_id",),
        exported=("id", "item_id", "original_name", "content_type", "size", "created_at"),
        excluded={"stored_name": _l("The internal name of the stored file."), "uploaded_by_id": YOU},
    ),
    Source(
        name="action_items",
        table="action_items",
        about=_l("Actions from meetings that you own."),
        where=owned_by("action_items", "owner_id"),
        links=("owner_id",),
        exported=("id", "meeting_id", "network_id", "description", "owner_zone_id", "due_date", "status",
                  "completed_at", "created_at", "updated_at"),
        excluded={"owner_id": YOU, "created_by_id": STAFF},
        lookups=(MEETING,),
    ),
    Source(
        name="minutes_comments",
        table="minutes_comments",
        about=_l("Your comments on circulated minutes."),
        where=owned_by("minutes_comments", "author_id"),
        links=("author_id",),
        exported=("id", "minutes_id", "version_number", "body", "created_at"),
        excluded={"author_id": YOU},
    ),
    Source(
        name="minutes_versions",
        table="minutes_versions",
        about=_l("Versions of meeting minutes you saved."),
        where=owned_by("minutes_versions", "author_id"),
        links=("author_id",),
        exported=("id", "minutes_id", "number", "note", "created_at"),
        excluded={
            "body": _l("The text of the minutes is the meeting's record and names other people: read it on "
                       "the meeting page."),
            "author_id": YOU,
        },
    ),
)

_NETWORK_RECORD = _l("Meetings, series and polls you set up or closed are the network's records, not records "
                     "about you.")

MEETING_LINKS_NOT_FOLLOWED: Mapping[tuple[str, str], Any] = {
    ("meetings", "created_by_id"): _NETWORK_RECORD,
    ("meeting_series", "created_by_id"): _NETWORK_RECORD,
    ("date_polls", "created_by_id"): _NETWORK_RECORD,
    ("date_polls", "closed_by_id"): _NETWORK_RECORD,
    ("minutes", "agreed_by_id"): _l("Minutes you marked as agreed are the meeting's record, not about you."),
    ("agenda_items", "decided_by_id"): _l("Agenda items you accepted or declined belong to the people who "
                                          "proposed them."),
    ("action_items", "created_by_id"): _l("Actions you recorded for other people belong to their owners."),
    ("meeting_attendance", "recorded_by_id"): _l("Attendance you recorded for other people is theirs."),
}
