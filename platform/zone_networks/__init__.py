"""Zone Networks: peer networks for the UK's Industrial Strategy Zones.

This module holds only the application factory and PROJECT_ROOT, the checkout
folder that carries templates/, static/, migrations/ and instance/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build and configure the Flask application."""
    # Socket.IO handlers must be declared before the first socketio.init_app(): Flask-SocketIO attaches
    # handlers declared later to that app's server only, so every later app (each test) would lack them.
    import zone_networks.core.sockets
    import zone_networks.discussions.live
    import zone_networks.models  # noqa: F401  (complete the SQLAlchemy registry)
    from zone_networks.config import load_config
    from zone_networks.core import register_core
    from zone_networks.extensions import init_extensions

    template_folder = PROJECT_ROOT / "templates"
    if not template_folder.is_dir():
        raise RuntimeError(
            f"Template folder {template_folder} is missing: run the app from a checkout "
            "(pip install -e .), not from a wheel."
        )
    app = Flask(
        __name__,
        template_folder=str(template_folder),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
    )
    app.config.from_mapping(load_config(app.instance_path, overrides or {}))
    if app.config["PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    init_extensions(app)
    register_core(app)
    _register_features(app)
    from zone_networks.meetings.scheduler import start_scheduler

    start_scheduler(app)  # meeting reminders, only when REMINDERS_INTERVAL > 0 and serving (not tests or commands)
    return app


def _register_features(app: Flask) -> None:
    """Attach every feature's blueprint, in dependency order."""
    from zone_networks import (
        accounts,
        casestudies,
        challenges,
        directory,
        discussions,
        documents,
        meetings,
        networks,
        notifications,
        search,
        zones,
    )
    from zone_networks.cli import register_cli

    app.register_blueprint(accounts.bp)
    app.register_blueprint(zones.bp)
    app.register_blueprint(networks.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(meetings.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(casestudies.bp)
    app.register_blueprint(discussions.bp)
    app.register_blueprint(challenges.bp)
    app.register_blueprint(directory.bp)
    app.register_blueprint(search.bp)
    register_cli(app)
