"""Reads for calendar feeds: the feed token behind a link, and what each feed holds (a fixed number of queries).

Feeds are read by calendar apps every hour or so, so they must stay cheap:
each is the token lookup plus two to four queries, whatever the number of
meetings, and they never write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import hash_token
from zone_networks.extensions import db
from zone_networks.meetings.calendar_models import CalendarToken
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.queries import series_visible_to, visible_to
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership, Network

# Feeds hold meetings that ended up to this long ago, and everything still to come.
FEED_HISTORY = timedelta(days=366)
TOKEN_MAX = 100  # longer "tokens" are not ours: do not even hash them


def current_token(user: Any) -> CalendarToken | None:
    """`user`'s working personal feed token (the newest, if a race left two), or None."""
    query = (
        select(CalendarToken)
        .where(CalendarToken.user_id == user.id, CalendarToken.network_id.is_(None),
               CalendarToken.revoked_at.is_(None))
        .order_by(CalendarToken.created_at.desc(), CalendarToken.id.desc())
    )
    return db.session.scalars(query).first()


def token_from_link(raw: str) -> CalendarToken | None:
    """The working feed token a link carries, if its owner can still use the service; otherwise None."""
    if not raw or len(raw) > TOKEN_MAX:
        return None
    query = select(CalendarToken).where(
        CalendarToken.token_hash == hash_token(raw), CalendarToken.network_id.is_(None),
        CalendarToken.revoked_at.is_(None),
    )
    token = db.session.scalars(query).first()  # the owner comes in the same query (joined)
    if token is None or not token.user.active or token.user.deleted_at is not None:
        return None
    return token


def memberships_of(user: Any) -> dict[int, Membership]:
    """Every membership of `user` (any status), by network id."""
    query = select(Membership).where(Membership.user_id == user.id)
    return {membership.network_id: membership for membership in db.session.scalars(query)}


def answered_meetings(user: Any, now: datetime | None = None) -> list[tuple[Meeting, str]]:
    """Meetings `user` said yes or maybe to and may still see, with their answer (yes / maybe / waitlisted)."""
    since = (now or utcnow()) - FEED_HISTORY
    query = (
        select(Meeting, Rsvp.response, Rsvp.status)
        .join(Rsvp, Rsvp.meeting_id == Meeting.id)
        .where(Rsvp.user_id == user.id, Rsvp.response.in_(("yes", "maybe")), visible_to(user),
               Meeting.ends_at > since)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    found = []
    for meeting, response, status in db.session.execute(query).unique():
        found.append((meeting, "waitlisted" if response == "yes" and status == "waitlisted" else response))
    return found


def network_meetings(network: Network, user: Any, now: datetime | None = None) -> list[Meeting]:
    """The network's meetings `user` may see that ended up to a year ago or are still to come."""
    since = (now or utcnow()) - FEED_HISTORY
    query = (
        select(Meeting)
        .where(Meeting.network_id == network.id, visible_to(user), Meeting.ends_at > since)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(db.session.scalars(query).unique())


def network_series(network: Network, user: Any) -> list[MeetingSeries]:
    """The network's series `user` may see."""
    query = (
        select(MeetingSeries)
        .where(MeetingSeries.network_id == network.id, series_visible_to(user))
        .order_by(MeetingSeries.starts_at, MeetingSeries.id)
    )
    return list(db.session.scalars(query).unique())


def occurrences_of(series_ids: Sequence[int]) -> dict[int, list[Meeting]]:
    """Every occurrence (visible or not: the export hides what the reader may not see) of each series."""
    found: dict[int, list[Meeting]] = {series_id: [] for series_id in series_ids}
    if not series_ids:
        return found
    query = (
        select(Meeting)
        .where(Meeting.series_id.in_(series_ids))
        .order_by(Meeting.series_id, Meeting.original_start, Meeting.id)
    )
    for meeting in db.session.scalars(query).unique():
        if meeting.series_id is not None:
            found[meeting.series_id].append(meeting)
    return found


def feed_networks(user: Any) -> list[Network]:
    """The networks whose feed `user` may subscribe to: all for the staff, otherwise their active ones."""
    query = select(Network).order_by(Network.name)
    if not user.is_staff:
        query = query.join(Membership, Membership.network_id == Network.id).where(
            Membership.user_id == user.id, Membership.status == "active")
    return list(db.session.scalars(query).unique())
