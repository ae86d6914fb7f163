"""Derived facts the network pages show: where a person stands with a network, eligible zones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import eligible_zones
from zone_networks.zones.models import Zone

# Where a person stands with a network, as shown on the network pages:
#   signed_out   - not signed in
#   staff        - secretariat or admin: manages, joins only by invitation
#   active       - an active member (any role)
#   requested    - asked to join, waiting for a decision
#   can_request  - may ask to join (possibly again, after a decline or removal)
#   officials    - a government official, and this network is for zones only
#   zone         - their zone is not eligible (e.g. no Clean Energy Industries for Net Zero)
#   ineligible   - any other reason (for example no zone at all)
JOIN_STATES = (
    "signed_out", "staff", "active", "requested", "can_request", "officials", "zone", "ineligible",
)


def join_state(network: Network, user: Any, membership: Membership | None) -> str:
    """Say where `user` stands with `network` (one of JOIN_STATES)."""
    if not getattr(user, "is_authenticated", False):
        return "signed_out"
    if user.is_staff:
        return "staff"
    if membership is not None and membership.status in ("active", "requested"):
        return membership.status
    if network.can_request_to_join(user, membership):
        return "can_request"
    if user.organisation.kind == "government":
        return "officials"
    if user.organisation.kind == "zone":
        return "zone"
    return "ineligible"


@dataclass(frozen=True)
class NetworkSummary:
    """A network with its eligible zones and the viewer's standing, for lists."""

    network: Network
    eligible_zones: list[Zone]
    total_zones: int
    membership: Membership | None
    state: str

    @property
    def all_zones_eligible(self) -> bool:
        """Whether every zone may take part."""
        return len(self.eligible_zones) == self.total_zones


def summarise(network: Network, zones: list[Zone], user: Any, membership: Membership | None) -> NetworkSummary:
    """Build the summary of `network` for `user` from pre-loaded zones and membership."""
    return NetworkSummary(network, eligible_zones(network, zones), len(zones), membership,
                          join_state(network, user, membership))
