"""Meeting rooms: a thread (kind "meeting") created with each meeting and open to its invitees.

Meetings sit below discussions in the layers, so meetings cannot create the
room itself. Instead a `before_flush` listener, registered when this module is
imported (discussions/__init__.py does), adds a room for every new Meeting in
the same flush (so the same transaction: a meeting never exists without its
room, and a rolled-back meeting leaves no room) and keeps the room's title in
step when the meeting is renamed. `flask discussions rooms` makes the rooms of
meetings that existed before this listener (safe to run repeatedly).

Who may enter: Thread.can_view (the network's active members and the staff,
which are a meeting's invitees; a draft meeting's room only its managers).
"""

from __future__ import annotations

from typing import Any

import click
from flask import url_for
from flask.cli import with_appcontext
from flask_login import current_user
from sqlalchemy import event, exists, inspect, select
from sqlalchemy.orm import Session

from zone_networks.discussions import bp
from zone_networks.discussions.models import TITLE_MAX, Thread
from zone_networks.discussions.queries import membership_for
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting


def room_for(meeting: Meeting) -> Thread:
    """A new, empty room thread for `meeting` (not yet added to the session)."""
    thread = Thread(kind="meeting", meeting=meeting, title=(meeting.title or "")[:TITLE_MAX],
                    author_id=meeting.created_by_id, is_locked=False, is_pinned=False, is_demo=False,
                    last_seq=0, last_post_seq=0, post_count=0)
    if meeting.network_id is not None:
        thread.network_id = meeting.network_id
    else:
        thread.network = meeting.network
    return thread


def _renamed(meeting: Meeting) -> bool:
    state: Any = inspect(meeting)
    return bool(state.attrs.title.history.has_changes())


@event.listens_for(Session, "before_flush")
def _keep_meeting_rooms(session: Session, flush_context: Any, instances: Any) -> None:
    """Add a room for each new meeting; rename the room of each renamed meeting."""
    created = [obj for obj in session.new if isinstance(obj, Meeting)]
    renamed = [obj for obj in session.dirty if isinstance(obj, Meeting) and obj.id is not None and _renamed(obj)]
    if not created and not renamed:
        return
    with session.no_autoflush:
        for meeting in created:
            session.add(room_for(meeting))
        for meeting in renamed:
            room = session.scalar(select(Thread).where(Thread.meeting_id == meeting.id))
            if room is None:
                session.add(room_for(meeting))
            else:
                room.title = meeting.title[:TITLE_MAX]


def create_missing_rooms() -> int:
    """Make a room for every meeting that has none, commit, and return how many were made."""
    query = select(Meeting).where(~exists().where(Thread.meeting_id == Meeting.id)).order_by(Meeting.id)
    made = 0
    for meeting in db.session.scalars(query).all():
        db.session.add(room_for(meeting))
        made += 1
    db.session.commit()
    return made


def room_of(meeting_id: int) -> Thread | None:
    """The room thread of the meeting, if it has one."""
    return db.session.scalar(select(Thread).where(Thread.meeting_id == meeting_id))


def meeting_room_url(meeting_id: int) -> str | None:
    """The address of the meeting's room, or None when there is none or the viewer may not enter it."""
    room = room_of(meeting_id)
    if room is None or not room.can_view(current_user, membership_for(current_user, room.network_id)):
        return None
    return url_for("discussions.thread_page", thread_id=room.id)


bp.add_app_template_global(meeting_room_url, "meeting_room_url")


@click.command("rooms")
@with_appcontext
def rooms_command() -> None:
    """Make the room of every meeting that has none (safe to run repeatedly)."""
    made = create_missing_rooms()
    click.echo(f"Made {made} meeting room(s).")
