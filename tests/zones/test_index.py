"""The zones register: every zone listed, filters by nation, programme and sector, bad filters ignored."""

from __future__ import annotations

import re

import pytest

from tests.helpers import text_of


def _zone_names(body: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/zones/[a-z0-9-]+">([^<]+)</a>', body)


def _count(body: str) -> int:
    match = re.search(r"Showing (\d+) zones?", body)
    assert match, "no result count on the page"
    return int(match.group(1))


def test_lists_all_22_zones_for_anonymous_visitors(client) -> None:
    response = client.get("/zones")
    assert response.status_code == 200
    body = text_of(response)
    assert _count(body) == 22
    names = _zone_names(body)
    assert len(names) == 22
    assert names == sorted(names)
    assert "Humber Freeport" in names
    assert 'href="/zones/humber-freeport"' in body
    # Programme, nation, sectors and status are shown for each zone.
    assert "Freeport and Investment Zone" in body
    assert "Northern Ireland" in body
    assert "Clean Energy Industries" in body
    assert "In development" in body
    # Nothing is filtered, so there is nothing to clear.
    assert "Clear filters" not in body


def test_filter_form_uses_get_and_offers_every_choice(client) -> None:
    body = text_of(client.get("/zones"))
    assert re.search(r'<form method="get" action="/zones"', body)
    for value in ("England", "Scotland", "Wales", "Northern Ireland", "freeport", "investment_zone",
                  "clean-energy-industries", "life-sciences", "defence"):
        assert f'value="{value}"' in body
    assert "csrf_token" not in body.split('<form method="get"')[1].split("</form>")[0]


def test_filter_by_nation(client) -> None:
    body = text_of(client.get("/zones?nation=Scotland"))
    assert _count(body) == 4
    assert set(_zone_names(body)) == {
        "Inverness and Cromarty Firth Green Freeport", "Forth Green Freeport",
        "North East (Scotland) Investment Zone", "Glasgow City Region Investment Zone",
    }
    assert 'value="Scotland" checked' in body
    assert "Clear filters" in body


def test_several_values_of_one_filter_match_any(client) -> None:
    body = text_of(client.get("/zones?nation=Scotland&nation=Northern+Ireland"))
    assert _count(body) == 5


def test_programme_filter_includes_zones_that_are_both(client) -> None:
    freeports = _zone_names(text_of(client.get("/zones?programme=freeport")))
    investment_zones = _zone_names(text_of(client.get("/zones?programme=investment_zone")))
    assert len(freeports) == 12  # 9 Freeports and 3 that are both
    assert len(investment_zones) == 13  # 10 Investment Zones and 3 that are both
    both = set(freeports) & set(investment_zones)
    assert both == {
        "Liverpool City Region Innovation Zone",
        "Teesside Freeport and Tees Valley Investment Zone",
        "East Midlands Freeport and Investment Zone",
    }


def test_sector_filter_clean_energy_gives_12_zones(client) -> None:
    body = text_of(client.get("/zones?sector=clean-energy-industries"))
    assert _count(body) == 12
    assert "Showing 12 zones" in body


def test_filters_combine(client) -> None:
    body = text_of(client.get("/zones?nation=Wales&sector=clean-energy-industries&programme=freeport"))
    assert _zone_names(body) == ["Anglesey Freeport", "Celtic Freeport"]


def test_one_result_uses_the_singular(client) -> None:
    body = text_of(client.get("/zones?sector=defence"))
    assert "Showing 1 zone" in body
    assert _zone_names(body) == ["Plymouth and South Devon Freeport"]


def test_no_match_says_so(client) -> None:
    body = text_of(client.get("/zones?nation=Northern+Ireland&sector=defence"))
    assert _count(body) == 0
    assert "No zones match these filters." in body
    assert "Clear filters" in body


@pytest.mark.parametrize(
    "query",
    [
        "nation=Atlantis",
        "programme=spaceport",
        "sector=not-a-sector",
        "sector=",
        "nation=%00%ff",
        "nation=England'%20OR%201=1--",
        "unknown=1",
        "sector=" + "x" * 5000,
    ],
)
def test_invalid_filter_values_are_ignored(client, query: str) -> None:
    response = client.get(f"/zones?{query}")
    assert response.status_code == 200
    assert _count(text_of(response)) == 22


def test_invalid_values_are_dropped_but_valid_ones_kept(client) -> None:
    body = text_of(client.get("/zones?nation=Wales&nation=Atlantis"))
    assert _count(body) == 4
    assert 'value="Wales" checked' in body


def test_query_count_does_not_depend_on_filters(client, count_queries) -> None:
    client.get("/zones")
    with count_queries() as unfiltered:
        client.get("/zones")
    with count_queries() as filtered:
        client.get("/zones?nation=England&sector=advanced-manufacturing&programme=investment_zone")
    assert len(unfiltered) == len(filtered) <= 4


def test_signed_in_page_lists_zones_too(login, member) -> None:
    client = login(member)
    assert _count(text_of(client.get("/zones"))) == 22
