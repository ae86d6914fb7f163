"""The pagination helper: reading ?page=, one page of a query, and the GOV.UK pagination parameters."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from zone_networks.core.pagination import Page, page_numbers, paginate, pagination_params, requested_page
from zone_networks.zones.models import Sector


@pytest.mark.parametrize(("value", "page"), [
    (None, 1), ("", 1), ("1", 1), ("2", 2), ("17", 17), ("007", 7), ("abc", 1), ("0", 1), ("-1", 1),
    ("1.5", 1), (" 2", 1), ("2 ", 1), ("+2", 1), ("²", 1), ("٣", 1), ("1e3", 1), ("9" * 10, 1),
])
def test_requested_page(value: str | None, page: int) -> None:
    assert requested_page({} if value is None else {"page": value}) == page


def test_page_positions() -> None:
    middle = Page(items=list(range(50)), number=2, per_page=50, total=917)
    assert (middle.pages, middle.first, middle.last, middle.has_previous, middle.has_next) == (19, 51, 100, True, True)
    last = Page(items=list(range(17)), number=19, per_page=50, total=917)
    assert (last.first, last.last, last.has_next) == (901, 917, False)
    empty: Page[int] = Page(items=[], number=1, per_page=50, total=0)
    assert (empty.pages, empty.first, empty.last, empty.has_previous, empty.has_next) == (1, 0, 0, False, False)


def test_map_keeps_the_position() -> None:
    page = Page(items=[1, 2], number=3, per_page=2, total=9).map(lambda items: [str(n) for n in items])
    assert page == Page(items=["1", "2"], number=3, per_page=2, total=9)


@pytest.mark.parametrize(("current", "pages", "shown"), [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 5, [1, 2, None, 5]),
    (2, 5, [1, 2, 3, 4, 5]),
    (3, 5, [1, 2, 3, 4, 5]),
    (10, 19, [1, None, 9, 10, 11, None, 19]),
    (19, 19, [1, None, 18, 19]),
    (4, 19, [1, 2, 3, 4, 5, None, 19]),
])
def test_page_numbers_show_the_ends_and_the_neighbours(current: int, pages: int, shown: list[int | None]) -> None:
    assert page_numbers(current, pages) == shown


def test_paginate_runs_a_count_and_a_page(db, count_queries) -> None:
    with count_queries() as statements:
        page = paginate(select(Sector).order_by(Sector.name, Sector.id), 3, per_page=3)
    assert len(statements) == 2
    assert (page.total, page.pages, len(page.items), page.first, page.last) == (8, 3, 2, 7, 8)
    everything = list(db.session.scalars(select(Sector).order_by(Sector.name, Sector.id)))
    assert page.items == everything[6:]


def test_paginate_takes_a_cheaper_count(db, count_queries) -> None:
    with count_queries() as statements:
        page = paginate(select(Sector).order_by(Sector.name), 1, per_page=5, count_query=select(func.count(Sector.id)))
    assert (page.total, len(page.items)) == (8, 5)
    assert statements[0].startswith("SELECT count(sectors.id)")


def test_paginate_past_the_end_is_404_but_an_empty_first_page_is_not(db) -> None:
    with pytest.raises(NotFound):
        paginate(select(Sector).order_by(Sector.name), 4, per_page=3)
    nothing = select(Sector).where(Sector.id < 0).order_by(Sector.id)
    empty = paginate(nothing, 1)
    assert (empty.items, empty.total, empty.pages) == ([], 0, 1)
    with pytest.raises(NotFound):
        paginate(nothing, 2)


def test_no_parameters_when_everything_fits(app) -> None:
    with app.test_request_context("/zones/humber-freeport"):
        assert pagination_params(Page(items=[1], number=1, per_page=50, total=50)) is None


def test_parameters_for_a_middle_page(app) -> None:
    with app.test_request_context("/zones/humber-freeport?page=10&sort=name&tag=a&tag=b"):
        params = pagination_params(Page(items=[1], number=10, per_page=50, total=917), anchor="people",
                                   label="Pages of people")
    assert params is not None
    base = "/zones/humber-freeport?sort=name&tag=a&tag=b"
    assert params["previous"]["href"] == f"{base}&page=9#people"
    assert params["next"]["href"] == f"{base}&page=11#people"
    assert str(params["previous"]["html"]) == 'Previous<span class="govuk-visually-hidden"> page</span>'
    assert params["landmarkLabel"] == "Pages of people"
    items = params["items"]
    assert items[0] == {"number": 1, "href": f"{base}#people", "current": False, "visuallyHiddenText": "Page 1"}
    assert items[1] == {"ellipsis": True}
    assert [item.get("number") for item in items] == [1, None, 9, 10, 11, None, 19]
    assert [item["number"] for item in items if item.get("current")] == [10]


def test_first_and_last_pages_have_one_arrow(app) -> None:
    with app.test_request_context("/zones/humber-freeport"):
        first = pagination_params(Page(items=[1], number=1, per_page=50, total=60))
        last = pagination_params(Page(items=[1], number=2, per_page=50, total=60))
    assert first is not None and last is not None
    assert "previous" not in first and first["next"]["href"] == "/zones/humber-freeport?page=2"
    assert "next" not in last and last["previous"]["href"] == "/zones/humber-freeport"


def test_links_can_point_at_another_endpoint(app) -> None:
    with app.test_request_context("/networks/net-zero/members/5/role?page=2", method="POST"):
        params = pagination_params(Page(items=[1], number=2, per_page=50, total=60),
                                   endpoint="networks.manage_members", slug="net-zero", anchor="members")
    assert params is not None
    assert params["previous"]["href"] == "/networks/net-zero/members#members"


def test_query_keys_like_url_for_options_stay_query_parameters(app) -> None:
    with app.test_request_context("/zones/humber-freeport?_external=1&_scheme=javascript&_anchor=x&slug=other"):
        params = pagination_params(Page(items=[1], number=1, per_page=50, total=60))
    assert params is not None
    assert params["next"]["href"] == (
        "/zones/humber-freeport?_external=1&_scheme=javascript&_anchor=x&slug=other&page=2"
    )
