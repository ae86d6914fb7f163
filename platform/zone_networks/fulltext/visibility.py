"""Which index entries a viewer may see, as one SQL condition on the entry's own columns.

- signed out (or deactivated): audience "public" only;
- secretariat and admins: everything;
- any other signed-in person: "public" and "members"; "network" entries of the
  networks they are an active member of (any role); "convenors" entries of the
  networks they actively convene; and any entry they own (owner_id).
Memberships are read live (a subquery), so joining or leaving a network
changes what someone finds at once, without reindexing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, true

from zone_networks.fulltext.models import SearchEntry
from zone_networks.networks.models import Membership


def signed_in(viewer: Any) -> bool:
    """Whether `viewer` is a signed-in, active person."""
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False))


def visible_to(viewer: Any) -> ColumnElement[bool]:
    """A WHERE clause on SearchEntry: the entries `viewer` may see."""
    if not signed_in(viewer):
        return SearchEntry.audience == "public"
    if viewer.is_staff:
        return true()
    live = select(Membership.network_id).where(Membership.user_id == viewer.id, Membership.status == "active")
    convened = live.where(Membership.role == "convenor")
    return or_(
        SearchEntry.audience.in_(("public", "members")),
        and_(SearchEntry.audience == "network", SearchEntry.network_id.in_(live)),
        and_(SearchEntry.audience == "convenors", SearchEntry.network_id.in_(convened)),
        SearchEntry.owner_id == viewer.id,
    )
