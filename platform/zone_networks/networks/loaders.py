"""Fetch-then-authorise helpers shared by this feature's routes."""

from __future__ import annotations

from typing import cast

from flask import abort, request
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.core.security import is_safe_next
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import membership_for, network_by_slug


def me() -> User:
    """The signed-in user as a real User (routes call this only after login_required)."""
    return cast(User, current_user._get_current_object())


def network_or_404(slug: str) -> Network:
    """The network with `slug`, or a 404."""
    network = network_by_slug(slug)
    if network is None:
        abort(404)
    return network


def managed_network(slug: str) -> tuple[Network, Membership | None]:
    """The network and the signed-in user's membership, if they may manage it; otherwise 403.

    Networks are public, so a signed-in person who cannot manage one gets 403, not 404.
    """
    network = network_or_404(slug)
    membership = membership_for(current_user, network)
    require(network.can_manage(current_user, membership), 403)
    return network, membership


def membership_in(network: Network, membership_id: int, *, status: str | None = None) -> Membership:
    """A membership of `network` (optionally with `status`), or a 404."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.network_id != network.id:
        abort(404)
    if status is not None and membership.status != status:
        abort(404)
    return membership


def safe_next(default: str) -> str:
    """The form's `next` value if it is a path on this site, else `default`."""
    target = request.form.get("next") or request.args.get("next")
    return target if target and is_safe_next(target) else default

