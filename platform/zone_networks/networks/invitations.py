"""Invitations: create, resend, revoke and accept single-use links to join networks.

Only the SHA-256 hash of a link's token is stored. Accepting is race-safe: a
conditional UPDATE marks the invitation accepted only while it is still
unused, unrevoked, unexpired and carries the same token, so a link can never
be used twice, even by two requests at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import new_token
from zone_networks.extensions import db
from zone_networks.networks import emails
from zone_networks.networks.models import MEMBERSHIP_ROLES, Invitation, InvitationNetwork, Membership, Network
from zone_networks.networks.queries import membership_for, pending_invitation_for, user_by_email
from zone_networks.zones.models import Organisation


class InvitationError(Exception):
    """An invitation request the rules do not allow; the message is safe to show."""


@dataclass(frozen=True)
class Offer:
    """A network an invitation covers and the role offered in it."""

    network: Network
    role: str


def normalise_email(email: str) -> str:
    """Check an email address and return it in the stored form (trimmed, lower case)."""
    cleaned = (email or "").strip()
    try:
        validate_email(cleaned, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvitationError(
            _("Enter an email address in the correct format, like name@example.gov.uk")
        ) from error
    return cleaned.lower()


def _expiry() -> datetime:
    return utcnow() + timedelta(days=int(current_app.config["INVITATION_DAYS"]))


def _offers_detail(offers: list[Offer]) -> list[dict[str, str]]:
    return [{"network": offer.network.slug, "role": offer.role} for offer in offers]


def create_invitation(actor: User | None, email: str, offers: list[Offer], *, source: str = "web") -> tuple[
        Invitation, bool]:
    """Invite `email` to the offered networks and email the link; returns (invitation, email sent)."""
    email = normalise_email(email)
    if not offers:
        raise InvitationError(_("Choose at least one network"))
    if any(offer.role not in MEMBERSHIP_ROLES for offer in offers):
        raise InvitationError(_("Choose a role"))
    if len({offer.network.id for offer in offers}) != len(offers):
        raise InvitationError(_("Choose each network once"))
    if pending_invitation_for(email) is not None:
        raise InvitationError(
            _("There is already a pending invitation for this email address: resend or revoke it instead")
        )
    raw_token, token_hash = new_token()
    invitation = Invitation(
        email=email,
        token_hash=token_hash,
        invited_by_id=actor.id if actor is not None else None,
        expires_at=_expiry(),
        sent_count=1,
    )
    invitation.networks = [InvitationNetwork(network_id=o.network.id, role=o.role) for o in offers]
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation.created", "invitation", invitation.id, email=email, source=source,
           networks=_offers_detail(offers))
    db.session.commit()
    return invitation, emails.send_invitation(invitation, raw_token)


def resend_invitation(actor: User | None, invitation: Invitation) -> bool:
    """Send a new link (the old one stops working) with a fresh expiry; returns whether the email went."""
    if invitation.status not in ("pending", "expired"):
        raise InvitationError(_("This invitation has been accepted or revoked, so it cannot be resent"))
    if invitation.status == "expired" and pending_invitation_for(invitation.email) is not None:
        raise InvitationError(_("There is already a pending invitation for this email address"))
    raw_token, token_hash = new_token()
    invitation.token_hash = token_hash
    invitation.expires_at = _expiry()
    invitation.sent_count = (invitation.sent_count or 0) + 1
    record(actor, "invitation.resent", "invitation", invitation.id, email=invitation.email,
           sent_count=invitation.sent_count)
    db.session.commit()
    return emails.send_invitation(invitation, raw_token)


def revoke_invitation(actor: User | None, invitation: Invitation) -> bool:
    """Withdraw an unused invitation so its link stops working; False if it was already used or revoked."""
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(Invitation)
            .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        ),
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    record(actor, "invitation.revoked", "invitation", invitation.id, email=invitation.email)
    db.session.commit()
    return True


def _claim(invitation: Invitation, user: User) -> bool:
    """Mark the invitation accepted by `user` if, and only if, it is still usable (in this transaction)."""
    now = utcnow()
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(Invitation)
            .where(
                Invitation.id == invitation.id,
                Invitation.token_hash == invitation.token_hash,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > now,
            )
            .values(accepted_at=now, accepted_user_id=user.id)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def _grant_memberships(invitation: Invitation, user: User) -> list[Network]:
    """Make `user` an active member of each invited network (existing active memberships keep their role)."""
    networks = []
    for item in sorted(invitation.networks, key=lambda item: item.network_id):
        membership = membership_for(user, item.network)
        if membership is None:
            membership = Membership(user_id=user.id, network_id=item.network_id)
            db.session.add(membership)
        if not membership.is_active:
            membership.status = "active"
            membership.role = item.role
            membership.decided_by_id = invitation.invited_by_id
            membership.decided_at = utcnow()
        networks.append(item.network)
    return networks


def _finish(invitation: Invitation, user: User, *, new_account: bool) -> list[Network] | None:
    if not _claim(invitation, user):
        db.session.rollback()
        return None
    networks = _grant_memberships(invitation, user)
    if new_account:  # the new person is signed in straight away
        user.last_login_at = utcnow()
    db.session.flush()
    record(user, "invitation.accepted", "invitation", invitation.id, email=invitation.email,
           new_account=new_account, networks=[network.slug for network in networks])
    db.session.commit()
    return networks


def accept_as_new_user(invitation: Invitation, *, name: str, organisation: Organisation, job_title: str,
                       password: str) -> tuple[User, list[Network]] | None:
    """Create the invited person's account and memberships; None if the link was used meanwhile."""
    if organisation.kind not in ("zone", "government"):
        raise InvitationError(_("Choose the zone or government body you work for"))
    if user_by_email(invitation.email) is not None:
        return None
    user = User(
        email=invitation.email,
        name=name.strip(),
        job_title=job_title.strip(),
        organisation_id=organisation.id,
    )
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.flush()
        networks = _finish(invitation, user, new_account=True)
    except IntegrityError:  # the email was registered by a concurrent request
        db.session.rollback()
        return None
    if networks is None:
        return None
    return user, networks


def accept_as_existing_user(invitation: Invitation, user: User) -> list[Network] | None:
    """Add the memberships to the signed-in invitee's account; None if the link was used meanwhile."""
    if user.email != invitation.email:
        raise InvitationError(_("This invitation was sent to a different email address"))
    try:
        return _finish(invitation, user, new_account=False)
    except IntegrityError:
        db.session.rollback()
        return None
