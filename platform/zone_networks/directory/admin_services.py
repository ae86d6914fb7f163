"""Secretariat changes to a person: deactivate, reactivate, zone roles and organisation.

Each function checks the rule, writes, records an audit event (with the values
before and after) in the same transaction and commits. A change that changes
nothing returns False and writes nothing. Rule breaches raise PersonRuleError
with a message that is safe to show. Network role changes go through
`networks.services.change_role`, which records its own audit event.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.directory.models import ZONE_ROLES, PersonZoneRole
from zone_networks.directory.search import refresh_person
from zone_networks.extensions import db
from zone_networks.meetings.rsvp_services import withdraw_from_upcoming
from zone_networks.zones.models import Organisation


class PersonRuleError(Exception):
    """A change the rules do not allow; the message says why and is safe to show."""


def may_manage_person(actor: Any, person: User) -> bool:
    """Whether `actor` may use the secretariat tools on `person` (staff; never a deleted person)."""
    signed_in = bool(getattr(actor, "is_authenticated", False) and actor.is_active)
    return signed_in and bool(actor.is_staff) and person.deleted_at is None


def may_change_access(actor: Any, person: User) -> bool:
    """Whether `actor` may deactivate or reactivate `person`.

    Nobody can lock themselves out, and only an admin can deactivate or
    reactivate another admin (the secretariat cannot lock out the service owner).
    """
    if not may_manage_person(actor, person) or actor.id == person.id:
        return False
    return bool(actor.is_admin or not person.is_admin)


def _who(person: User) -> dict[str, Any]:
    return {"user_name": person.name, "user_email": person.email}


def deactivate(actor: User, person: User) -> bool:
    """Stop `person` signing in and end every session they have; False if already deactivated."""
    if not may_change_access(actor, person):
        raise PersonRuleError(_("You cannot deactivate this account"))
    if not person.active:
        return False
    person.active = False
    person.end_sessions()
    record(actor, "person.deactivated", "user", person.id, before="active", after="deactivated", **_who(person))
    db.session.commit()
    withdraw_from_upcoming(person.id)  # their seats at meetings to come pass to those waiting
    return True


def reactivate(actor: User, person: User) -> bool:
    """Let a deactivated `person` sign in again; False if they were already active."""
    if not may_change_access(actor, person):
        raise PersonRuleError(_("You cannot reactivate this account"))
    if person.active:
        return False
    person.active = True
    record(actor, "person.reactivated", "user", person.id, before="deactivated", after="active", **_who(person))
    db.session.commit()
    return True


def change_zone_roles(actor: User, person: User, roles: Collection[str]) -> bool:
    """Set `person`'s zone roles to exactly `roles` (none is allowed); False if unchanged.

    The caller loads `person` with `zone_roles` and `expertise` (both lazy="raise").
    """
    if not may_manage_person(actor, person):
        raise PersonRuleError(_("You cannot change this person's roles"))
    wanted = set(roles)
    if not wanted <= set(ZONE_ROLES):
        raise PersonRuleError(_("Choose zone roles from the list"))
    before = sorted(item.role for item in person.zone_roles)
    if set(before) == wanted:
        return False
    for item in list(person.zone_roles):
        if item.role not in wanted:
            person.zone_roles.remove(item)
    for role in sorted(wanted - set(before)):
        person.zone_roles.append(PersonZoneRole(user_id=person.id, role=role))
    refresh_person(person)
    record(actor, "person.zone_roles_changed", "user", person.id, before=before, after=sorted(wanted),
           **_who(person))
    db.session.commit()
    return True


def move_person(actor: User, person: User, organisation: Organisation) -> bool:
    """Move `person` to `organisation` and re-index them for search; False if they are already there.

    Their network memberships and zone roles stay as they are: the secretariat
    changes those separately if the move calls for it. The caller loads
    `person` with `expertise` (the search text includes it).
    """
    if not may_manage_person(actor, person):
        raise PersonRuleError(_("You cannot move this person"))
    before = person.organisation
    if before.id == organisation.id:
        return False
    person.organisation = organisation
    refresh_person(person)
    record(actor, "person.moved", "user", person.id, before=before.slug, after=organisation.slug,
           before_name=before.name, after_name=organisation.name, **_who(person))
    db.session.commit()
    return True
