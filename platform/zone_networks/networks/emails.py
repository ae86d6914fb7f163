"""Emails this feature sends: invitations and join-request decisions.

Each function is called after the change is committed. Delivery failures are
logged and reported as False rather than raised: the decision stands, and the
secretariat can resend an invitation.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from zone_networks.core.clock import to_london
from zone_networks.core.mail import send_email
from zone_networks.core.urls import absolute_url
from zone_networks.networks.labels import role_label
from zone_networks.networks.models import Invitation, Membership


def deliver(to: str, subject: str, body: str) -> bool:
    """Send one email; log and return False if it could not be delivered."""
    try:
        send_email(to, subject, body)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("Could not send email %r", subject)
        return False
    return True


def _london(value: datetime) -> str:
    """A UK-time date for emails, such as "9 December 2026 at 2:05pm"."""
    local = to_london(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{suffix}"


def _in_recipients_language(send: Callable[[Membership], bool]) -> Callable[[Membership], bool]:
    """Write a membership email in the language its recipient chose."""

    @wraps(send)
    def wrapped(membership: Membership) -> bool:
        with force_locale(membership.user.language or "en"):
            return send(membership)

    return wrapped


def send_invitation(invitation: Invitation, raw_token: str) -> bool:
    """Email the invitation link to the invited address (in English: we do not know their language yet)."""
    with force_locale("en"):
        return _send_invitation(invitation, raw_token)


def _send_invitation(invitation: Invitation, raw_token: str) -> bool:
    inviter = invitation.invited_by.name if invitation.invited_by else _("The Industrial Strategy Zones secretariat")
    networks = "\n".join(
        f"- {item.network.name} ({role_label(item.role).lower()})" for item in invitation.networks
    )
    body = _(
        "Hello,\n\n"
        "%(inviter)s has invited you to join Zone Networks, where the people who run the UK's "
        "Industrial Strategy Zones work together in peer networks.\n\n"
        "You are invited to:\n%(networks)s\n\n"
        "To accept, open this link and set up your account:\n%(link)s\n\n"
        "The link works once and expires on %(expires)s (UK time).\n\n"
        "If you were not expecting this email, you can ignore it.\n\n"
        "Zone Networks",
        inviter=inviter,
        networks=networks,
        link=absolute_url("networks.accept_invitation", token=raw_token),
        expires=_london(invitation.expires_at),
    )
    return deliver(invitation.email, _("You are invited to join Zone Networks"), body)


@_in_recipients_language
def send_request_approved(membership: Membership) -> bool:
    """Tell a person their request to join a network was approved."""
    network = membership.network
    body = _(
        "Hello %(name)s,\n\n"
        "Your request to join the %(network)s has been approved. You are now a %(role)s.\n\n"
        "Go to the network:\n%(link)s\n\n"
        "Zone Networks",
        name=membership.user.name,
        network=network.name,
        role=role_label(membership.role).lower(),
        link=absolute_url("networks.show", slug=network.slug),
    )
    return deliver(membership.user.email, _("Your request to join the %(network)s was approved", network=network.name),
                   body)


@_in_recipients_language
def send_request_declined(membership: Membership) -> bool:
    """Tell a person their request to join a network was not approved."""
    network = membership.network
    body = _(
        "Hello %(name)s,\n\n"
        "Your request to join the %(network)s has not been approved.\n\n"
        "If you think this is a mistake, or your role has changed, contact the Industrial Strategy Zones "
        "secretariat.\n\n"
        "Zone Networks",
        name=membership.user.name,
        network=network.name,
    )
    return deliver(membership.user.email, _("Your request to join the %(network)s", network=network.name), body)


@_in_recipients_language
def send_added(membership: Membership) -> bool:
    """Tell a person the secretariat has added them to a network."""
    network = membership.network
    body = _(
        "Hello %(name)s,\n\n"
        "The secretariat has added you to the %(network)s as a %(role)s.\n\n"
        "Go to the network:\n%(link)s\n\n"
        "Zone Networks",
        name=membership.user.name,
        network=network.name,
        role=role_label(membership.role).lower(),
        link=absolute_url("networks.show", slug=network.slug),
    )
    return deliver(membership.user.email, _("You have been added to the %(network)s", network=network.name), body)
