"""Commands for the search index: `flask --app zone_networks search reindex [--kind KIND]`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from zone_networks.search.adapters import INDEXED_KINDS

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
@click.option("--kind", type=click.Choice(INDEXED_KINDS),
              help="Only this kind of thing (default: everything).")
@with_appcontext
def reindex_command(kind: str | None) -> None:
    """Rebuild the search index from the data (safe to run repeatedly)."""
    from zone_networks.search.indexer import reindex

    counts = reindex(kind)
    for name, count in counts.items():
        click.echo(f"Indexed {count} {name} entr{'y' if count == 1 else 'ies'}.")


def register(app: Flask) -> None:
    """Attach the search commands to the app."""
    app.cli.add_command(search_cli)
