"""Fetch-then-authorise helpers for the meetings routes (every issue-4 route uses these)."""

from __future__ import annotations

from typing import cast

from flask import abort
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, MeetingSeries, manages_network
from zone_networks.meetings.queries import membership_in
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import network_by_slug


def me() -> User:
    """The signed-in user as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


def network_or_404(slug: str) -> Network:
    """The network with `slug`, or a 404."""
    network = network_by_slug(slug)
    if network is None:
        abort(404)
    return network


def viewable_meeting(meeting_id: int) -> tuple[Meeting, Membership | None]:
    """The meeting and the viewer's membership of its network, if they may see it; otherwise 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    membership = membership_in(current_user, meeting.network_id)
    require(meeting.can_view(current_user, membership))
    return meeting, membership


def managed_meeting(meeting_id: int) -> tuple[Meeting, Membership | None]:
    """The meeting, if the viewer may manage it: 404 if they may not see it, 403 if they see but may not manage."""
    meeting, membership = viewable_meeting(meeting_id)
    require(meeting.can_manage(current_user, membership), 403)
    return meeting, membership


def viewable_series(series_id: int) -> tuple[MeetingSeries, Membership | None]:
    """The series and the viewer's membership of its network, if they may see it; otherwise 404."""
    series = db.session.get(MeetingSeries, series_id)
    if series is None:
        abort(404)
    membership = membership_in(current_user, series.network_id)
    require(series.can_view(current_user, membership) or series.can_manage(current_user, membership))
    return series, membership


def managed_series(series_id: int) -> tuple[MeetingSeries, Membership | None]:
    """The series, if the viewer may manage it (404 if they may not see it, else 403)."""
    series, membership = viewable_series(series_id)
    require(series.can_manage(current_user, membership), 403)
    return series, membership


def managed_network(slug: str) -> tuple[Network, Membership | None]:
    """A network whose meetings the viewer may schedule; 403 for signed-in people who may not (networks are public)."""
    network = network_or_404(slug)
    membership = membership_in(current_user, network.id)
    require(manages_network(current_user, membership, network), 403)
    return network, membership
