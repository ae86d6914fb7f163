"""Commands for accounts: `flask --app zone_networks create-admin EMAIL [--name NAME]`."""

from __future__ import annotations

from collections.abc import Callable

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_babel import force_locale

from zone_networks.accounts import services


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="The admin's full name (asked for when not given).")
@with_appcontext
def create_admin_command(email: str, name: str) -> None:
    """Create an admin account, or make an existing person an admin.

    A new admin joins the secretariat organisation; you are asked for their
    password twice (it is not shown). Either way the change is audited.
    """
    existing = services.find_user_by_email(email)
    if existing is not None:
        if existing.is_admin:
            raise click.ClickException(f"{existing.email} is already an admin.")
        click.confirm(
            f"{existing.email} already has an account ({existing.name}, {existing.organisation.name}). "
            "Make them an admin?",
            abort=True,
        )
        result = _run(lambda: services.create_admin(email))
        click.echo(f"{result.user.email} is now an admin. Their password has not changed.")
        if not result.user.active:
            click.echo("Warning: this account is deactivated, so it cannot sign in until it is reactivated.")
        return

    if not name.strip():
        name = click.prompt("Full name")
    password = click.prompt("Password (12 characters or more)", hide_input=True, confirmation_prompt=True)
    result = _run(lambda: services.create_admin(email, name=name, password=password))
    click.echo(f"Created admin {result.user.email} in {result.user.organisation.name}.")


def _run(action: Callable[[], services.AdminResult]) -> services.AdminResult:
    """Turn a refused request into a command-line error (nothing is written)."""
    try:
        # Messages in English: there is no request (nor visitor) to choose a language from.
        with force_locale("en"):
            return action()
    except services.AccountError as error:
        raise click.ClickException(error.message) from error


def register(app: Flask) -> None:
    """Attach this feature's commands."""
    app.cli.add_command(create_admin_command)
