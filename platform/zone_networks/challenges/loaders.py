"""Fetch-then-authorise helpers for the challenge routes."""

from __future__ import annotations

from typing import cast

from flask import abort
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.challenges.models import Challenge
from zone_networks.challenges.queries import challenge_for_page, membership_of
from zone_networks.challenges.rules import can_view
from zone_networks.core.permissions import require
from zone_networks.networks.models import Membership


def me() -> User:
    """The signed-in user as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


def viewable_challenge(challenge_id: int) -> tuple[Challenge, Membership | None]:
    """The challenge and the viewer's membership of its network, if the viewer may see it; otherwise 404."""
    challenge = challenge_for_page(challenge_id)
    if challenge is None:
        abort(404)
    membership = membership_of(current_user, challenge.thread.network_id)
    require(can_view(current_user, challenge, membership))
    return challenge, membership
