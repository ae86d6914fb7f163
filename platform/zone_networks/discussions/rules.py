"""Permission rules of discussions that are not about one thread (those are Thread.can_view/can_post/can_moderate)."""

from __future__ import annotations

from typing import Any

from zone_networks.meetings.models import is_invitee, manages_network
from zone_networks.networks.models import Membership, Network


def can_see_threads(user: Any, network: Network, membership: Membership | None) -> bool:
    """A network's discussions are for its active members (any role) and the staff."""
    return is_invitee(user, membership, network.id)


def can_start_thread(user: Any, network: Network, membership: Membership | None) -> bool:
    """Whoever can see a network's discussions may start one."""
    return can_see_threads(user, network, membership)


def moderates(user: Any, network: Network, membership: Membership | None) -> bool:
    """The network's active convenors and the staff moderate its threads."""
    return manages_network(user, membership, network)
