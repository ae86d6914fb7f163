"""Commands for discussions: `flask --app zone_networks discussions rooms` (make missing meeting rooms)."""

from __future__ import annotations

from flask import Flask
from flask.cli import AppGroup

discussions_cli = AppGroup("discussions", help="Discussion threads and meeting rooms.")


def register(app: Flask) -> None:
    """Attach the discussions commands to the app."""
    from zone_networks.discussions.rooms_meeting import rooms_command

    if "rooms" not in discussions_cli.commands:
        discussions_cli.add_command(rooms_command)
    app.cli.add_command(discussions_cli)
