"""Commands for notifications: `flask --app zone_networks notifications digest`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

notifications_cli = AppGroup("notifications", help="Notification emails.")


@notifications_cli.command("digest")
@with_appcontext
def digest_command() -> None:
    """Send the daily digest emails that are due (safe to run repeatedly: nothing is sent twice)."""
    from zone_networks.notifications.digest import send_digests

    run = send_digests()
    click.echo(f"Sent {run.people} digest(s) covering {run.notifications} notification(s).")
    if run.failed:
        click.echo(f"{run.failed} digest(s) could not be sent; the next run will try them again.", err=True)


def register(app: Flask) -> None:
    """Attach the notifications commands to the app."""
    app.cli.add_command(notifications_cli)
