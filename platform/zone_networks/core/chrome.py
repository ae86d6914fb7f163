"""The page chrome (header, service navigation, phase banner, footer), rendered once per variant.

The GOV.UK Frontend macros for the chrome cost about half of an empty page's
render time (measured: ~2 ms of ~4 ms), yet their output depends only on the
language, whether someone is signed in, whether they are staff and which
section is current. Each variant is rendered once per process and reused;
the per-request values (the sign-out form's CSRF token, the current path in
the language switch, and the notifications badge with its unread count) are
rendered as sentinels and substituted on the way out. The cache is off in debug mode so template edits show at once.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

CSRF_SENTINEL = "__zn_chrome_csrf__"
PATH_SENTINEL = "__zn_chrome_path__"
# Per-person items of the navigation (the notifications badge): a Jinja global of that name fills it in.
BADGE_SENTINEL = "__zn_chrome_badge__"
BADGE_GLOBAL = "notifications_badge"
PARTS = ("header", "navigation", "banner", "footer")


def _variant(part: str) -> tuple[Any, ...]:
    """What the part's HTML depends on, besides the sentinels."""
    if part != "navigation":
        return ()
    from zone_networks.core.templating import navigation_items

    signed_in = bool(current_user.is_authenticated)
    staff = bool(signed_in and current_user.is_staff)
    current = tuple(item["active"] for item in navigation_items())
    return (signed_in, staff, current)


def _render(part: str) -> str:
    return render_template(f"_chrome/{part}.html", chrome_csrf=CSRF_SENTINEL, chrome_path=PATH_SENTINEL,
                           chrome_badge=BADGE_SENTINEL)


def chrome(part: str) -> Markup:
    """Return the HTML for one part of the page chrome for this request."""
    if part not in PARTS:
        raise ValueError(f"unknown chrome part {part!r}")
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault("zn_chrome", {})
    key = (part, str(get_locale()), *_variant(part))
    html = None if current_app.debug else cache.get(key)
    if html is None:
        html = _render(part)
        cache[key] = html
    if CSRF_SENTINEL in html:
        html = html.replace(CSRF_SENTINEL, str(escape(generate_csrf())))
    if PATH_SENTINEL in html:
        html = html.replace(PATH_SENTINEL, str(escape(request.path)))
    if BADGE_SENTINEL in html:
        badge = current_app.jinja_env.globals.get(BADGE_GLOBAL)
        html = html.replace(BADGE_SENTINEL, str(badge()) if callable(badge) else "")
    return Markup(html)  # noqa: S704 (our own rendered template; substituted values are escaped)
