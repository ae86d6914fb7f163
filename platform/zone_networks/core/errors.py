"""GOV.UK-style error pages for 400, 403, 404, 405, 413, 429 and 500."""

from __future__ import annotations

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.sansio.response import Response

from zone_networks.extensions import db, login_manager

ERROR_TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


def _render(status: int) -> tuple[str, int]:
    return render_template(ERROR_TEMPLATES.get(status, "errors/500.html"), status=status), status


def init_errors(app: Flask) -> None:
    """Register handlers that render the error templates with the right status."""

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException | Response:
        if error.response is not None:  # a page of its own (e.g. a rate limit's on_breach page)
            return error.response
        status = error.code or 500
        if status not in ERROR_TEMPLATES:
            return error
        return _render(status)

    @app.errorhandler(InternalServerError)
    def _server_error(error: InternalServerError) -> tuple[str, int]:
        db.session.rollback()
        try:
            return _render(500)
        except Exception:  # e.g. the database is down, so the signed-in user cannot be loaded for the header
            app.logger.exception("Could not render the error page for a signed-in user; showing it as to a visitor")
            db.session.rollback()
            g._login_user = login_manager.anonymous_user()
            return _render(500)
