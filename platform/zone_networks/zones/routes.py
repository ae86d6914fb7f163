"""Pages of the zones register."""

from __future__ import annotations

from flask import render_template

from zone_networks.zones import bp


@bp.get("/zones")
def index() -> str:
    """List the zones."""
    return render_template("zones/index.html")
