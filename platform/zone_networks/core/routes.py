"""Core pages: health check, GOV.UK Frontend assets, and the footer's information pages."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, send_from_directory
from sqlalchemy import text

from zone_networks import PROJECT_ROOT
from zone_networks.extensions import db, limiter

bp = Blueprint("core", __name__)

GOVUK_ASSETS = PROJECT_ROOT / "static" / "vendor" / "govuk" / "assets"


@bp.get("/healthz")
@limiter.exempt
def healthz() -> tuple[Response, int]:
    """Report whether the database answers: 200 when it does, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means the database is not usable
        current_app.logger.exception("Health check: database unavailable")
        db.session.rollback()
        return jsonify(status="unavailable", database="unavailable"), 503
    return jsonify(status="ok", database="ok"), 200


@bp.get("/assets/<path:filename>")
@limiter.exempt
def govuk_assets(filename: str) -> Response:
    """Serve GOV.UK Frontend fonts and images at the /assets path its CSS expects."""
    return send_from_directory(GOVUK_ASSETS, filename, max_age=86400)


@bp.get("/accessibility")
def accessibility() -> str:
    """The accessibility statement."""
    return render_template("core/accessibility.html")


@bp.get("/privacy")
def privacy() -> str:
    """The privacy notice."""
    return render_template("core/privacy.html")


@bp.get("/cookies")
def cookies() -> str:
    """What cookies the service sets."""
    return render_template("core/cookies.html")
