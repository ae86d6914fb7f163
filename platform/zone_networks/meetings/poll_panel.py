"""What the polls area of a network's meetings page (templates/meetings/_polls_list.html) needs.

Owned by the date-polls part of issue 4. /networks/<slug>/meetings calls
`network_panel()` once per request; whatever it returns is `panel` inside
_polls_list.html: the network's open polls for its members and the staff
(with whether the viewer has answered each), and the "find a date" button for
those who may start one. At most two queries.
"""

from __future__ import annotations

from typing import Any

from zone_networks.meetings.models import is_invitee, manages_network
from zone_networks.meetings.poll_queries import answered_poll_ids, open_polls
from zone_networks.networks.models import Membership, Network


def network_panel(network: Network, viewer: Any, membership: Membership | None) -> dict[str, Any]:
    """Context for the polls area of the network's meetings page (empty for people who may not see polls)."""
    if not is_invitee(viewer, membership, network.id):
        return {}
    polls = open_polls(network)
    return {
        "network": network,
        "polls": polls,
        "answered": answered_poll_ids(viewer, [poll.id for poll in polls]),
        "can_start": manages_network(viewer, membership, network),
    }
