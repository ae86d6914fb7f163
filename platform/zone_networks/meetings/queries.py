"""Reusable reads for meetings and series: what a person may see, upcoming and past lists, one meeting.

Lists go through `visible_to(user)`, the SQL twin of `Meeting.can_view`, never
through raw queries; each list is one count and one page query (the network
comes in by a join: `Meeting.network` is lazy="joined").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true

from zone_networks.core.clock import utcnow
from zone_networks.core.pagination import Page, paginate
from zone_networks.extensions import db
from zone_networks.meetings.models import PUBLISHED_STATUSES, Meeting, MeetingSeries, signed_in
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership, Network

PER_PAGE = 50  # meetings on each page of a list


def membership_in(user: Any, network_id: int) -> Membership | None:
    """`user`'s membership (any status) of the network `network_id`, or None (always None when signed out)."""
    if not signed_in(user):
        return None
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network_id)
    return db.session.scalars(query).first()


def _network_ids(user: Any, *, convenor: bool = False) -> Select[Any]:
    query = select(Membership.network_id).where(Membership.user_id == user.id, Membership.status == "active")
    if convenor:
        query = query.where(Membership.role == "convenor")
    return query


def visible_to(user: Any) -> ColumnElement[bool]:
    """A WHERE clause: the meetings `user` may see (the SQL form of `Meeting.can_view`)."""
    public = and_(Meeting.is_public.is_(True), Meeting.status.in_(PUBLISHED_STATUSES))
    if not signed_in(user):
        return public
    if user.is_staff:
        return true()
    return or_(
        public,
        and_(Meeting.status != "draft", Meeting.network_id.in_(_network_ids(user))),
        and_(Meeting.status == "draft", Meeting.network_id.in_(_network_ids(user, convenor=True))),
    )


def series_visible_to(user: Any) -> ColumnElement[bool]:
    """A WHERE clause: the series `user` may see (the SQL form of `MeetingSeries.can_view`)."""
    if not signed_in(user):
        return MeetingSeries.is_public.is_(True)
    if user.is_staff:
        return true()
    return or_(MeetingSeries.is_public.is_(True), MeetingSeries.network_id.in_(_network_ids(user)))


def meetings_query(user: Any, *, upcoming: bool, network: Network | None = None,
                   now: datetime | None = None) -> Select[Meeting]:
    """Meetings `user` may see: upcoming (not yet ended; soonest first) or past (latest first)."""
    moment = now or utcnow()
    query = select(Meeting).where(visible_to(user))
    if network is not None:
        query = query.where(Meeting.network_id == network.id)
    if upcoming:
        return query.where(Meeting.ends_at > moment).order_by(Meeting.starts_at, Meeting.id)
    return query.where(Meeting.ends_at <= moment).order_by(Meeting.starts_at.desc(), Meeting.id.desc())


def meetings_page(user: Any, page: int, *, upcoming: bool, network: Network | None = None,
                  per_page: int = PER_PAGE) -> Page[Meeting]:
    """One page of `meetings_query` (404 past the last page)."""
    query = meetings_query(user, upcoming=upcoming, network=network)
    count = select(func.count(Meeting.id)).where(query.whereclause)  # type: ignore[arg-type]
    return paginate(query, page, per_page, count_query=count)


def series_occurrences(series: MeetingSeries, user: Any) -> list[Meeting]:
    """The occurrences of `series` that `user` may see, in rule order."""
    query = (
        select(Meeting)
        .where(Meeting.series_id == series.id, visible_to(user))
        .order_by(Meeting.original_start, Meeting.id)
    )
    return list(db.session.scalars(query).unique())


def network_series(network: Network, user: Any) -> list[MeetingSeries]:
    """The series of `network` that `user` may see, newest first."""
    query = (
        select(MeetingSeries)
        .where(MeetingSeries.network_id == network.id, series_visible_to(user))
        .order_by(MeetingSeries.starts_at.desc(), MeetingSeries.id.desc())
    )
    return list(db.session.scalars(query).unique())


def yes_rsvps(meeting: Meeting) -> list[Rsvp]:
    """The people who said yes (confirmed or waiting), for notices about changes."""
    query = select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.response == "yes").order_by(Rsvp.id)
    return list(db.session.scalars(query).unique())


def managed_networks(user: Any) -> list[Network]:
    """The networks whose meetings `user` may schedule (all for staff; convened ones for convenors)."""
    if not signed_in(user):
        return []
    query = select(Network).order_by(Network.id)
    if not user.is_staff:
        query = query.where(Network.id.in_(_network_ids(user, convenor=True)))
    return list(db.session.scalars(query).unique())
