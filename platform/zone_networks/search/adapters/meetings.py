"""Index entries for meetings and their minutes.

Meeting (object id: the meeting's id): title; description and venue. Audience
follows `meetings.queries.visible_to` exactly: public and published
(scheduled, cancelled, held) -> "public"; a draft -> "convenors" (its
managers: the network's active convenors and the secretariat); otherwise ->
"network" (the network's active members of any role).

Minutes (object id: the Minutes row's id, one per meeting): the meeting's
title; the newest saved text. Published minutes may be read by whoever may see
the meeting, so they take the meeting's audience. Minutes not yet published
are read by the meeting's managers and (once circulated) its attendees;
attendance cannot be expressed in the index's columns, so they are indexed for
the managers only ("convenors"), the stricter choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from zone_networks.fulltext.engine import EntryData
from zone_networks.meetings.minutes_models import Minutes, MinutesVersion
from zone_networks.meetings.models import PUBLISHED_STATUSES, Meeting
from zone_networks.search.adapters._text import joined, plain

MEETING = "meeting"
MINUTES = "minutes"


def meeting_audience(status: str, is_public: bool) -> str:
    """Who may see a meeting with this status and public flag, in index terms."""
    if status == "draft":
        return "convenors"
    if is_public and status in PUBLISHED_STATUSES:
        return "public"
    return "network"


def all_meeting_ids() -> Select[int]:
    """Every meeting's id."""
    return select(Meeting.id)


def meeting_entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each meeting id (None: no such meeting any more). One query."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.description, Meeting.venue, Meeting.status, Meeting.is_public,
               Meeting.network_id, Meeting.updated_at)
        .where(Meeting.id.in_(ids))).all()
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        result[row.id] = EntryData(
            kind=MEETING, object_id=row.id, title=row.title, body=joined([plain(row.description), row.venue]),
            audience=meeting_audience(row.status, row.is_public), network_id=row.network_id,
            updated_at=row.updated_at)
    return result


def all_minutes_ids() -> Select[int]:
    """Every minutes' id."""
    return select(Minutes.id)


def minutes_of_meetings(session: Session, meeting_ids: Sequence[int]) -> list[int]:
    """The ids of the minutes of these meetings."""
    if not meeting_ids:
        return []
    return list(session.scalars(select(Minutes.id).where(Minutes.meeting_id.in_(meeting_ids))))


def minutes_entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each minutes id (None: gone, or no text saved yet). One query."""
    newest = (select(MinutesVersion.minutes_id, func.max(MinutesVersion.number).label("number"))
              .where(MinutesVersion.minutes_id.in_(ids)).group_by(MinutesVersion.minutes_id).subquery())
    rows = session.execute(
        select(Minutes.id, Minutes.status, Minutes.updated_at, Meeting.title, Meeting.status.label("meeting_status"),
               Meeting.is_public, Meeting.network_id, MinutesVersion.body)
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .join(newest, newest.c.minutes_id == Minutes.id)
        .join(MinutesVersion, (MinutesVersion.minutes_id == Minutes.id) & (MinutesVersion.number == newest.c.number))
        .where(Minutes.id.in_(ids))).all()
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        audience = meeting_audience(row.meeting_status, row.is_public) if row.status == "published" else "convenors"
        result[row.id] = EntryData(kind=MINUTES, object_id=row.id, title=row.title, body=plain(row.body),
                                   audience=audience, network_id=row.network_id, updated_at=row.updated_at)
    return result
