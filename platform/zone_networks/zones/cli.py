"""Commands for the zones register: `seed` loads the reference data."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load sectors, zones, government bodies, the secretariat, the three networks and the expertise list."""
    # The directory sits above zones; the command only gathers each feature's idempotent seeding.
    from zone_networks.directory.search import refresh_people
    from zone_networks.directory.tags import seed_expertise_tags
    from zone_networks.zones.seed import seed_reference_data

    seed_reference_data()
    seed_expertise_tags()
    refreshed = refresh_people(only_missing=True)
    click.echo("Reference data loaded: sectors, zones, organisations and networks.")
    click.echo(f"Expertise list loaded; search text built for {refreshed} people.")


def register(app: Flask) -> None:
    """Attach the zones commands."""
    app.cli.add_command(seed_command)
