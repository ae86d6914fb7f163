"""The "Notifications (3)" link in the header, with the unread count: one COUNT query per page.

The page chrome is rendered once per variant and cached (core/chrome.py), so
the count cannot be part of it: the navigation template carries a sentinel
that core/chrome.py replaces on each request with `notifications_badge()`.
static/js/notifications-badge.js keeps the count up to date while the page is
open (on the `zn:notification` event that static/js/live.js dispatches).
"""

from __future__ import annotations

from flask import g, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from zone_networks.notifications import bp
from zone_networks.notifications.queries import unread_count


@bp.app_template_global("notifications_badge")
def notifications_badge() -> Markup:
    """The header's notifications item for a signed-in person (empty for anyone else)."""
    if not current_user.is_authenticated:
        return Markup("")
    # GOV.UK's page template renders the header twice (once to see whether it is empty): count once.
    count = g.get("_zn_unread_notifications")
    if count is None:
        count = g._zn_unread_notifications = unread_count(current_user.id)
    href = url_for("notifications.index")
    html = render_template("notifications/_badge.html", count=count, href=href, current=request.path.startswith(href))
    return Markup(html)  # noqa: S704 (our own template, autoescaped)
