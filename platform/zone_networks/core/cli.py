"""Commands for core services: `flask --app zone_networks uploads sweep [--dry-run]`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

uploads_cli = AppGroup("uploads", help="Uploaded files (documents, agenda papers).")


@uploads_cli.command("sweep")
@click.option("--dry-run", is_flag=True, help="Say what would be removed, and remove nothing.")
@with_appcontext
def sweep_command(dry_run: bool) -> None:
    """Remove stored files no table refers to, and abandoned temporary files (safe to run repeatedly)."""
    from zone_networks.core.upload_sweep import grace_seconds, sweep

    report = sweep(dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    for name in report.removed:
        click.echo(f"{verb} unused file {name}")
    for name in report.temp_removed:
        click.echo(f"{verb} temporary file {name}")
    click.echo(f"{verb} {len(report.removed)} unused file(s) and {len(report.temp_removed)} temporary file(s); "
               f"kept {len(report.kept)} file(s) in use or younger than {grace_seconds()} seconds.")


def register(app: Flask) -> None:
    """Attach the core commands to the app."""
    app.cli.add_command(uploads_cli)
