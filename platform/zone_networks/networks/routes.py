"""Network pages."""

from __future__ import annotations

from flask import render_template

from zone_networks.networks import bp


@bp.get("/")
def home() -> str:
    """Home page."""
    return render_template("networks/home.html")


@bp.get("/networks")
def index() -> str:
    """List networks."""
    return render_template("networks/index.html")


@bp.get("/admin")
def admin_home() -> str:
    """Secretariat home."""
    return render_template("networks/admin_home.html")
