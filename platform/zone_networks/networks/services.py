"""Membership changes: join requests, decisions on them, role changes, removals and additions.

Every function validates, writes, records an audit event in the same
transaction, commits, and only then sends any email. Rule breaches raise
MembershipRuleError with a message that is safe to show.
"""

from __future__ import annotations

from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.networks import emails
from zone_networks.networks.models import MEMBERSHIP_ROLES, Membership, Network
from zone_networks.networks.queries import membership_for

NOTE_MAX_LENGTH = 500


class MembershipRuleError(Exception):
    """A change the rules do not allow; the message says why and is safe to show."""


def may_edit_membership(actor: Any, actor_membership: Membership | None, network: Network,
                        target: Membership) -> bool:
    """Whether `actor` may change `target`'s role or remove them from `network`.

    Managers (convenors, secretariat) may edit active members of the network,
    but never their own membership: a convenor cannot demote or remove
    themselves, so a convenor acting here always leaves at least one convenor.
    """
    if not network.can_manage(actor, actor_membership):
        return False
    if target.network_id != network.id or not target.is_active:
        return False
    return bool(target.user_id != actor.id)


def _audit_details(membership: Membership, network: Network, user: User) -> dict[str, Any]:
    return {"network": network.slug, "user_email": user.email, "user_name": user.name}


def request_to_join(user: User, network: Network, note: str) -> Membership:
    """Record `user`'s request to join `network` (again, after a decline or removal)."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise MembershipRuleError(_("Your note must be %(max)d characters or fewer", max=NOTE_MAX_LENGTH))
    membership = membership_for(user, network)
    if not network.can_request_to_join(user, membership):
        raise MembershipRuleError(_("You cannot ask to join this network"))
    if membership is None:
        membership = Membership(user_id=user.id, network_id=network.id, role="member", status="requested")
        db.session.add(membership)
    membership.status = "requested"
    membership.role = "member"
    membership.request_note = note
    membership.decided_by_id = None
    membership.decided_at = None
    # created_at doubles as "asked on": a renewed request starts the wait again.
    membership.created_at = utcnow()
    try:
        db.session.flush()
        record(user, "membership.requested", "membership", membership.id, **_audit_details(membership, network, user))
        db.session.commit()
    except IntegrityError as error:  # a second request raced this one
        db.session.rollback()
        raise MembershipRuleError(_("You have already asked to join this network")) from error
    return membership


def decide_request(actor: User, membership: Membership, approve: bool) -> bool:
    """Approve or decline a pending request; False if someone else decided it first."""
    network, person = membership.network, membership.user
    status = "active" if approve else "declined"
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(Membership)
            .where(Membership.id == membership.id, Membership.status == "requested")
            .values(status=status, decided_by_id=actor.id, decided_at=utcnow())
        ),
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    action = "membership.approved" if approve else "membership.declined"
    record(actor, action, "membership", membership.id, **_audit_details(membership, network, person))
    db.session.commit()
    if approve:
        emails.send_request_approved(membership)
    else:
        emails.send_request_declined(membership)
    return True


def change_role(actor: User, membership: Membership, role: str) -> bool:
    """Give an active member a new role; False if it was already their role."""
    if role not in MEMBERSHIP_ROLES:
        raise MembershipRuleError(_("Choose a role"))
    if not membership.is_active:
        raise MembershipRuleError(_("Only active members have a role to change"))
    old_role = membership.role
    if old_role == role:
        return False
    membership.role = role
    record(actor, "membership.role_changed", "membership", membership.id, old_role=old_role, new_role=role,
           **_audit_details(membership, membership.network, membership.user))
    db.session.commit()
    return True


def remove_member(actor: User, membership: Membership) -> None:
    """Take an active member out of a network (they may ask to join again)."""
    if not membership.is_active:
        raise MembershipRuleError(_("This person is not an active member"))
    membership.status = "removed"
    membership.decided_by_id = actor.id
    membership.decided_at = utcnow()
    record(actor, "membership.removed", "membership", membership.id, role=membership.role,
           **_audit_details(membership, membership.network, membership.user))
    db.session.commit()


def add_member(actor: User, network: Network, person: User, role: str) -> Membership:
    """Add an existing account to `network` with `role` (secretariat only; the route checks)."""
    if role not in MEMBERSHIP_ROLES:
        raise MembershipRuleError(_("Choose a role"))
    if not person.active:
        raise MembershipRuleError(_("This account has been deactivated"))
    membership = membership_for(person, network)
    if membership is not None and membership.is_active:
        raise MembershipRuleError(_("%(name)s is already a member of this network", name=person.name))
    if membership is None:
        membership = Membership(user_id=person.id, network_id=network.id)
        db.session.add(membership)
    membership.status = "active"
    membership.role = role
    membership.decided_by_id = actor.id
    membership.decided_at = utcnow()
    try:
        db.session.flush()
        record(actor, "membership.added", "membership", membership.id, role=role,
               **_audit_details(membership, network, person))
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise MembershipRuleError(_("%(name)s is already a member of this network", name=person.name)) from error
    emails.send_added(membership)
    return membership
