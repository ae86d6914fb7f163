"""Numbered pages for long lists: the page asked for, one page of a query, and the GOV.UK pagination links.

A paginated page does three things with this module:

1. `requested_page()` reads `?page=N`; anything that is not a positive whole
   number (`abc`, `0`, `-1`, `2.5`) means page 1.
2. `paginate(query, page, per_page, count_query=...)` runs one count and one
   LIMIT/OFFSET query (the query's own eager loading decides how related rows
   come in) and answers 404 for a page past the end.
3. `pagination_params(page, ...)` builds the parameters of the
   govukPagination macro: previous and next links and numbered items (with
   ellipses on long lists), keeping the other query parameters of the URL and
   jumping to the list's heading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from flask import abort, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import Select, func, select

from zone_networks.extensions import db

T = TypeVar("T")
U = TypeVar("U")

PER_PAGE = 50

# Page numbers are short: longer digit strings (far past any real list) count as "no valid page".
_PAGE = re.compile(r"[0-9]{1,9}")


def requested_page(args: Mapping[str, str] | None = None) -> int:
    """The `page` query parameter as a positive whole number; 1 when it is missing or not one."""
    value = (request.args if args is None else args).get("page", "")
    if not _PAGE.fullmatch(value):
        return 1
    return max(1, int(value))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, which page it is, and how many items there are in all."""

    items: list[T]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages the list has (at least 1, even when it is empty)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        """The position in the whole list of this page's first item (1-based; 0 when the list is empty)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        """The position in the whole list of this page's last item."""
        return (self.number - 1) * self.per_page + len(self.items)

    @property
    def has_previous(self) -> bool:
        """Whether there is a page before this one."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """Whether there is a page after this one."""
        return self.number < self.pages

    def map(self, convert: Callable[[list[T]], list[U]]) -> Page[U]:
        """The same page with its items converted (for example users into rows with their memberships)."""
        return Page(convert(self.items), self.number, self.per_page, self.total)


def paginate(query: Select[T], page: int, per_page: int = PER_PAGE, *,
             count_query: Select[Any] | None = None) -> Page[T]:
    """Page `page` of `query` (which must be ordered, with a unique tie-break); 404 past the last page.

    Runs two statements: the count (`count_query`, or a count over `query`) and
    the page itself. Page 1 of an empty list is an empty page, not a 404.
    """
    if count_query is None:
        count_query = select(func.count()).select_from(query.order_by(None).subquery())
    total = int(db.session.scalar(count_query) or 0)
    if page > max(1, math.ceil(total / per_page)):
        abort(404)
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items, page, per_page, total)


def page_url(number: int, *, endpoint: str | None = None, anchor: str | None = None,
             **values: Any) -> str:
    """The URL of page `number` of the current list, keeping the request's other query parameters.

    `endpoint` and `values` default to the current request's; pass them when the
    current request is a form post that re-renders a list page.
    """
    if endpoint is None:
        endpoint = request.endpoint or ""
        values = {**(request.view_args or {}), **values}
    # The query string is built here, not by url_for: url_for would read keys such as
    # `_external` or `_scheme` arriving in the query string as its own options.
    pairs = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
    if number > 1:
        pairs.append(("page", str(number)))
    query = urlencode(pairs)
    return url_for(endpoint, **values) + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def page_numbers(current: int, pages: int, around: int = 1) -> list[int | None]:
    """The page numbers to offer: the first, the last, and those near `current`; None marks a gap."""
    wanted = {1, pages, *range(current - around, current + around + 1)}
    shown: list[int | None] = []
    previous = 0
    for number in sorted(n for n in wanted if 1 <= n <= pages):
        if number - previous == 2:
            shown.append(number - 1)  # a gap of one page: show the number rather than an ellipsis
        elif number - previous > 2:
            shown.append(None)
        shown.append(number)
        previous = number
    return shown


def _arrow_text(text: str) -> Markup:
    return Markup('{}<span class="govuk-visually-hidden"> {}</span>').format(text, _("page"))


def pagination_params(page: Page[Any], *, endpoint: str | None = None, anchor: str | None = None,
                      label: str | None = None, **values: Any) -> dict[str, Any] | None:
    """Parameters for govukPagination, or None when the whole list fits on one page."""
    if page.pages <= 1:
        return None

    def href(number: int) -> str:
        return page_url(number, endpoint=endpoint, anchor=anchor, **values)

    items: list[dict[str, Any]] = []
    for number in page_numbers(page.number, page.pages):
        if number is None:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number,
                          "visuallyHiddenText": _("Page %(num)d", num=number)})
    params: dict[str, Any] = {"items": items, "landmarkLabel": label or _("Pages")}
    if page.has_previous:
        params["previous"] = {"href": href(page.number - 1), "html": _arrow_text(_("Previous"))}
    if page.has_next:
        params["next"] = {"href": href(page.number + 1), "html": _arrow_text(_("Next"))}
    return params
