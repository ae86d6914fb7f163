"""Commands for the zones register: `seed` loads the reference data."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load sectors, zones, government bodies, the secretariat and the three networks."""
    from zone_networks.zones.seed import seed_reference_data

    seed_reference_data()
    click.echo("Reference data loaded: sectors, zones, organisations and networks.")


def register(app: Flask) -> None:
    """Attach the zones commands."""
    app.cli.add_command(seed_command)
