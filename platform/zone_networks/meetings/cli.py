"""Commands for meetings: `flask --app zone_networks meetings extend-series` (and, from the ical part, reminders)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

meetings_cli = AppGroup("meetings", help="Meetings and meeting series.")


@meetings_cli.command("extend-series")
@with_appcontext
def extend_series_command() -> None:
    """Make every series' occurrences up to two years ahead (safe to run repeatedly)."""
    from zone_networks.meetings.series_services import extend_all_series

    made = extend_all_series()
    click.echo(f"Made {made} new occurrence(s).")


def register(app: Flask) -> None:
    """Attach the meetings commands to the app."""
    app.cli.add_command(meetings_cli)
    from zone_networks.meetings.scheduler import reminders_cli

    app.cli.add_command(reminders_cli)  # `flask reminders send-due` (the calendars part of issue 4)
