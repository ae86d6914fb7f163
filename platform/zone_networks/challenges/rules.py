"""Who may do what with a challenge: predicates over the challenge's thread and the person's membership.

Everything inherits from the challenge's thread (`Thread.can_view`,
`can_post`, `can_moderate`); `membership` is always the person's Membership
of the thread's network (or None). Routes turn a False into 404 (cannot see)
or 403 (can see, may not act) with `core.permissions.require`.
"""

from __future__ import annotations

from typing import Any

from zone_networks.challenges.models import Challenge
from zone_networks.networks.models import Membership


def is_owner(user: Any, challenge: Challenge) -> bool:
    """Whether `user` posted the challenge."""
    return challenge.owner_id is not None and challenge.owner_id == getattr(user, "id", None)


def can_view(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """The thread network's active members and the staff."""
    return challenge.thread.can_view(user, membership)


def can_edit(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """Its owner (while they can still see it) and the staff change the challenge's details."""
    if not can_view(user, challenge, membership):
        return False
    return bool(user.is_staff) or is_owner(user, challenge)


def can_manage(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """Its owner, the network's convenors and the staff mark offers that helped, resolve and reopen it."""
    if not can_view(user, challenge, membership):
        return False
    return is_owner(user, challenge) or challenge.thread.can_moderate(user, membership)


def can_endorse(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """People from another zone who can see it say "we have this too" (for their zone)."""
    if not can_view(user, challenge, membership):
        return False
    zone = user.zone
    return zone is not None and zone.id != challenge.zone_id


def can_offer(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """Anyone who may post in its thread, except its owner, offers help."""
    return challenge.thread.can_post(user, membership) and not is_owner(user, challenge)


def can_write_up(user: Any, challenge: Challenge, membership: Membership | None) -> bool:
    """Once resolved, its owner and the staff write it up as a case study."""
    if not can_view(user, challenge, membership) or challenge.status != "resolved":
        return False
    return bool(user.is_staff) or is_owner(user, challenge)
