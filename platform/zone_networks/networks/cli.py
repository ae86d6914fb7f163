"""Commands for the networks feature: `invite` sends an invitation from the command line."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from zone_networks.networks.models import MEMBERSHIP_ROLES


@click.command("invite")
@click.argument("email")
@click.option("--network", "slugs", multiple=True, required=True, metavar="SLUG",
              help="A network to invite to (repeat for several): skills-forum, innovation-leads, net-zero.")
@click.option("--role", type=click.Choice(MEMBERSHIP_ROLES), default="member", show_default=True,
              help="The role offered in every network named.")
@with_appcontext
def invite_command(email: str, slugs: tuple[str, ...], role: str) -> None:
    """Invite EMAIL to one or more networks and send the invitation email."""
    # Messages come from the translated services; outside a request there is no visitor to choose a language.
    with force_locale("en"):
        _invite(email, slugs, role)


def _invite(email: str, slugs: tuple[str, ...], role: str) -> None:
    from zone_networks.networks.invitations import InvitationError, Offer, create_invitation
    from zone_networks.networks.queries import all_networks

    networks = {network.slug: network for network in all_networks()}
    unknown = [slug for slug in slugs if slug not in networks]
    if unknown:
        known = ", ".join(sorted(networks)) or "none (run `flask --app zone_networks seed` first)"
        raise click.ClickException(f"Unknown network {', '.join(unknown)}. Networks: {known}.")
    offers = [Offer(networks[slug], role) for slug in dict.fromkeys(slugs)]
    try:
        invitation, sent = create_invitation(None, email, offers, source="cli")
    except InvitationError as error:
        raise click.ClickException(str(error)) from error
    names = ", ".join(f"{offer.network.name} ({offer.role})" for offer in offers)
    click.echo(f"Invited {invitation.email} to: {names}. The link expires in "
               f"{current_app.config['INVITATION_DAYS']} days.")
    if not sent:
        raise click.ClickException("The invitation was saved but the email could not be sent: check the mail "
                                   "settings, then resend it from /admin/invitations.")
    if current_app.config["MAIL_SMTP_HOST"]:
        click.echo(f"Email sent via SMTP ({current_app.config['MAIL_SMTP_HOST']}).")
    else:
        click.echo(f"Email written to the outbox folder: {current_app.config['MAIL_OUTBOX']}")


def register(app: Flask) -> None:
    """Attach this feature's commands."""
    app.cli.add_command(invite_command)
