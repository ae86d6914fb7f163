"""The search page: one box across documents, case studies, meetings, minutes and people.

`/search?q=...` works signed out (public results only) and signed in; the
engine (fulltext.engine.search) applies who may see what in SQL. Filters by
kind, network, zone and sector are in the address (a GET form), 20 results a
page. Searches are rate limited per person (or per address when signed out).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, current_app, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user

from zone_networks.core.pagination import Page, pagination_params, requested_page
from zone_networks.extensions import limiter
from zone_networks.fulltext import engine
from zone_networks.fulltext.models import KINDS
from zone_networks.search import bp
from zone_networks.search.forms import SearchFilters, SearchForm, Vocabulary
from zone_networks.search.labels import KIND_PLURALS
from zone_networks.search.rows import ResultRow, result_rows

PER_PAGE = 20
# Searches per person (or per address when signed out); SEARCH_RATE_LIMIT in the configuration overrides it.
DEFAULT_RATE_LIMIT = "60 per minute"


@dataclass(frozen=True)
class KindOption:
    """A checkbox of the kind filter: the kind, its label with the number of matches, whether ticked."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Removable:
    """A chosen filter shown above the results, as a link to the same search without it."""

    heading: str
    label: str
    href: str


def _rate_limit() -> str:
    return str(current_app.config.get("SEARCH_RATE_LIMIT") or DEFAULT_RATE_LIMIT)


def _rate_key() -> str:
    if current_user.is_authenticated:
        return f"search:user:{current_user.get_id()}"
    return f"search:ip:{get_remote_address()}"


def _too_many(limit: RequestLimit) -> Response:
    """Our own 429 page: the site-wide one talks about sign-in attempts."""
    return make_response(render_template("search/too_many.html"), 429)


def _no_words() -> bool:
    """Only searches count towards the limit, not the empty form."""
    return not (request.args.get("q") or "").strip()


def search_url(q: str, filters: SearchFilters, anchor: str | None = None) -> str:
    """The address of the search for `q` with `filters`."""
    query = urlencode(filters.to_args(q))
    return url_for("search.index") + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _kind_options(filters: SearchFilters, counts: dict[str, int]) -> list[KindOption]:
    options = []
    for kind in KINDS:
        count = counts.get(kind, 0)
        if count or kind in filters.kinds:
            options.append(KindOption(kind, str(KIND_PLURALS.get(kind, kind)), count, kind in filters.kinds))
    return options


def _removable(q: str, filters: SearchFilters) -> list[Removable]:
    chosen = [Removable(_("Type"), str(KIND_PLURALS[kind]), search_url(q, filters.without("kind", kind)))
              for kind in filters.kinds]
    for name, heading in (("network", _("Network")), ("zone", _("Zone")), ("sector", _("Sector"))):
        choice = getattr(filters, name)
        if choice is not None:
            chosen.append(Removable(heading, choice.name, search_url(q, filters.without(name))))
    return chosen


@bp.get("/search")
@limiter.limit(_rate_limit, key_func=_rate_key, exempt_when=_no_words, on_breach=_too_many)
def index() -> tuple[str, int]:
    """Search everything the viewer may see, with filters and pages."""
    form = SearchForm(request.args)
    if not form.validate():
        return render_template("search/index.html", form=form, q="", filters=SearchFilters()), 400
    q = form.q.data or ""
    if not q:
        return render_template("search/index.html", form=form, q="", filters=SearchFilters()), 200
    vocabulary = Vocabulary.load()
    filters = SearchFilters.from_args(request.args, vocabulary)
    number = requested_page()
    results = engine.search(
        current_user, q, kinds=filters.kinds,
        network_id=filters.network.id if filters.network else None,
        zone_id=filters.zone.id if filters.zone else None,
        sector_id=filters.sector.id if filters.sector else None,
        page=number, per_page=PER_PAGE,
    )  # fmt: skip
    if number > max(1, math.ceil(results.total / PER_PAGE)):
        abort(404)
    rows = result_rows(results.hits, results.terms, network_names=vocabulary.network_names(),
                       zone_names=vocabulary.zone_names())
    page: Page[ResultRow] = Page(rows, number, PER_PAGE, results.total)
    context: dict[str, Any] = {
        "form": form,
        "q": q,
        "filters": filters,
        "vocabulary": vocabulary,
        "kind_options": _kind_options(filters, results.kind_counts),
        "removable": _removable(q, filters),
        "clear_url": search_url(q, SearchFilters()),
        "results": page,
        "pagination": pagination_params(page, anchor="results", label=_("Pages of search results")),
    }
    return render_template("search/index.html", **context), 200
