"""Cross-cutting pieces every feature uses: templating, errors, security, time, mail, audit."""

from __future__ import annotations

from flask import Flask


def register_core(app: Flask) -> None:
    """Install templating, error pages, security hooks and the core pages."""
    from zone_networks.core import errors, routes, security, sockets, templating  # noqa: F401 (sockets registers handlers)

    templating.init_templating(app)
    errors.init_errors(app)
    security.init_security(app)
    app.register_blueprint(routes.bp)
