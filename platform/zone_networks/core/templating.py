"""Jinja set-up: GOV.UK Frontend macros, translations and helpers every template can use."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask, request
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from zone_networks.core.chrome import chrome
from zone_networks.core.clock import to_london
from zone_networks.core.markdown import render_markdown
from zone_networks.extensions import available_languages, talisman


def _london_datetime(value: datetime | None, fmt: str = "d MMMM yyyy 'at' h:mma") -> str:
    if value is None:
        return ""
    return str(format_datetime(to_london(value).replace(tzinfo=None), fmt, rebase=False))


def _london_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return str(format_date(to_london(value).date(), "d MMMM yyyy"))


def _error_summary_title() -> dict[str, str]:
    return {"titleText": _("There is a problem")}


def navigation_items() -> list[dict[str, Any]]:
    """Service navigation items for the current user, marking the current section."""
    from flask import url_for

    items: list[tuple[str, str, str]] = [
        (_("Home"), url_for("networks.home"), "/"),
        (_("Zones"), url_for("zones.index"), "/zones"),
        (_("Networks"), url_for("networks.index"), "/networks"),
        (_("Meetings"), url_for("meetings.index"), "/meetings"),
        (_("Documents"), url_for("documents.index"), "/documents"),
        (_("Case studies"), url_for("casestudies.index"), "/case-studies"),
        (_("Outcomes"), url_for("casestudies.outcomes_page"), "/outcomes"),
    ]
    if current_user.is_authenticated:
        items.append((_("Challenges"), url_for("challenges.index"), "/challenges"))
        items.append((_("Directory"), url_for("directory.index"), "/directory"))
    items.append((_("Search"), url_for("search.index"), "/search"))
    if current_user.is_authenticated and current_user.is_staff:
        items.append((_("Secretariat"), url_for("networks.admin_home"), "/admin"))
    path = request.path
    navigation = []
    for text, href, prefix in items:
        active = path == "/" if prefix == "/" else path.startswith(prefix)
        navigation.append({"text": text, "href": href, "active": active})
    return navigation


def init_templating(app: Flask) -> None:
    """Configure the Jinja loader, filters and globals."""
    own_templates = app.jinja_loader
    assert own_templates is not None  # create_app() always sets template_folder
    app.jinja_loader = ChoiceLoader(
        [
            own_templates,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["london_datetime"] = _london_datetime
    app.jinja_env.filters["london_date"] = _london_date
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["error_summary_title"] = _error_summary_title
    app.jinja_env.globals["service_navigation"] = navigation_items
    app.jinja_env.globals["chrome"] = chrome
    app.jinja_env.globals["available_languages"] = available_languages

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "cspNonce": talisman._get_nonce(),
            "htmlLang": str(get_locale() or "en"),
            "serviceName": _("Zone Networks"),
        }
