"""Who may see whom, and which contact details: the directory's permission predicates.

A person is visible to signed-in, active people; a deactivated person only to
the secretariat; a deleted (anonymised) person to nobody. Each contact detail
has its own visibility, from narrowest to widest:

- ``only_me``: the person alone (not even the secretariat);
- ``secretariat``: the person, secretariat staff and admins;
- ``networks``: those, plus people with an active membership of a network the
  person is also active in;
- ``members``: every signed-in, active person.

Everything the directory lists, counts, filters or searches on is visible to
every signed-in member (name, job title, organisation, zone, zone roles,
networks, expertise and bio); contact details are never searchable, so a
filter can never reveal a hidden field.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from zone_networks.accounts.models import CONTACT_VISIBILITIES, User

CONTACT_FIELDS = ("email", "phone", "other_contact")


def _signed_in(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_active)


def can_view_person(viewer: Any, person: User) -> bool:
    """Whether `viewer` may see `person`'s profile at all."""
    if not _signed_in(viewer) or person.deleted_at is not None:
        return False
    if viewer.id == person.id:
        return True
    return bool(person.active or viewer.is_staff)


def contact_visible(
    viewer: Any, person: User, field: str, shared_network_ids: Collection[int] | None = None
) -> bool:
    """Whether `viewer` may see `person`'s contact detail `field` (email, phone or other_contact).

    `shared_network_ids` is the set of network ids in which both are active; pass
    it when the rule is ``networks`` (the caller loads memberships in one query).
    """
    if field not in CONTACT_FIELDS:
        raise ValueError(f"not a contact field: {field}")
    if not can_view_person(viewer, person):
        return False
    if viewer.id == person.id:
        return True
    rule = getattr(person, f"{field}_visibility")
    if rule not in CONTACT_VISIBILITIES or rule == "only_me":
        return False
    if viewer.is_staff:
        return True
    if rule == "members":
        return True
    if rule == "networks":
        return bool(shared_network_ids)
    return False
