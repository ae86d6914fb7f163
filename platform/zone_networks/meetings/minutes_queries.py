"""Reads for minutes: the minutes of a meeting, their versions and comments, and who attended."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.meetings.minutes_models import Minutes, MinutesComment, MinutesVersion
from zone_networks.meetings.models import Meeting, signed_in
from zone_networks.meetings.rsvp_models import Attendance, Rsvp


def minutes_for(meeting_id: int) -> Minutes | None:
    """The meeting's minutes, if any have been started."""
    return db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))


def latest_version(minutes_id: int) -> MinutesVersion | None:
    """The newest saved text of the minutes."""
    return db.session.scalar(select(MinutesVersion).where(MinutesVersion.minutes_id == minutes_id)
                             .order_by(MinutesVersion.number.desc()).limit(1))


def all_versions(minutes_id: int) -> list[MinutesVersion]:
    """Every saved text, newest first, with its author."""
    statement = (select(MinutesVersion).where(MinutesVersion.minutes_id == minutes_id)
                 .options(selectinload(MinutesVersion.author)).order_by(MinutesVersion.number.desc()))
    return list(db.session.scalars(statement))


def version_of(minutes_id: int, number: int) -> MinutesVersion | None:
    """One numbered version."""
    return db.session.scalar(select(MinutesVersion).where(MinutesVersion.minutes_id == minutes_id,
                                                          MinutesVersion.number == number))


def comments_on(minutes_id: int) -> list[MinutesComment]:
    """Comments on the minutes, oldest first, with their authors."""
    statement = (select(MinutesComment).where(MinutesComment.minutes_id == minutes_id)
                 .options(selectinload(MinutesComment.author)).order_by(MinutesComment.id))
    return list(db.session.scalars(statement))


def _attendee_ids(meeting_id: int) -> Any:
    said_yes = select(Rsvp.user_id).where(Rsvp.meeting_id == meeting_id, Rsvp.response == "yes",
                                          Rsvp.status == "confirmed")
    came = select(Attendance.user_id).where(Attendance.meeting_id == meeting_id)
    return said_yes.union(came)


def is_attendee(meeting: Meeting, viewer: Any) -> bool:
    """Whether the viewer said yes (with a place) or was recorded as attending."""
    if not signed_in(viewer):
        return False
    ids = _attendee_ids(meeting.id).subquery()
    return db.session.scalar(select(ids.c.user_id).where(ids.c.user_id == viewer.id).limit(1)) is not None


def attendees(meeting: Meeting) -> list[User]:
    """The people the minutes are circulated to: those who said yes, and those recorded as attending."""
    ids = _attendee_ids(meeting.id).subquery()
    statement = (select(User).where(User.id.in_(select(ids.c.user_id)), User.active.is_(True),
                                    or_(User.deleted_at.is_(None))).order_by(User.id))
    return list(db.session.scalars(statement).unique())
