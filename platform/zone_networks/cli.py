"""Command-line interface: `flask --app zone_networks <command>`.

Each feature keeps its commands in its own cli.py; this module gathers them.
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

db_cli = AppGroup("db", help="Database migrations.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    from zone_networks.core.migrate import upgrade

    upgrade(revision)
    click.echo(f"Database migrated to {revision}.")


@db_cli.command("check")
def db_check() -> None:
    """Fail if the models and the migrations disagree."""
    from zone_networks.core.migrate import drift

    problem = drift()
    if problem:
        raise click.ClickException(f"Models and migrations differ: {problem}")
    click.echo("Models and migrations match.")


def register_cli(app: Flask) -> None:
    """Attach every feature's commands to the app."""
    from zone_networks.accounts.cli import register as register_accounts
    from zone_networks.core.cli import register as register_core
    from zone_networks.demo.cli import register as register_demo
    from zone_networks.discussions.cli import register as register_discussions
    from zone_networks.meetings.cli import register as register_meetings
    from zone_networks.networks.cli import register as register_networks
    from zone_networks.notifications.cli import register as register_notifications
    from zone_networks.search.cli import register as register_search
    from zone_networks.zones.cli import register as register_zones

    app.cli.add_command(db_cli)
    register_core(app)
    register_zones(app)
    register_accounts(app)
    register_networks(app)
    register_notifications(app)
    register_meetings(app)
    register_discussions(app)
    register_search(app)
    register_demo(app)
