"""Reading the directory's filters from an address, and writing them back."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from tests.directory.people_support import tag
from zone_networks.directory.filters import MAX_VALUES, DirectoryFilters, Vocabulary


@pytest.fixture()
def hydrogen(db: Any) -> None:
    """An expertise tag that exists."""
    tag("Hydrogen")
    db.session.commit()


def _from(*pairs: tuple[str, str]) -> DirectoryFilters:
    return DirectoryFilters.from_args(MultiDict(pairs))


def test_empty_address_means_no_filters(db: Any) -> None:
    filters = _from()
    assert filters == DirectoryFilters()
    assert not filters.active
    assert filters.to_args() == []


def test_known_values_are_kept_once_each_in_order(db: Any, hydrogen: None) -> None:
    filters = _from(
        ("zone", "humber-freeport"), ("zone", "glasgow-city-region-investment-zone"), ("zone", "humber-freeport"),
        ("nation", "Wales"), ("programme", "both"), ("sector", "defence"), ("network", "net-zero"),
        ("role", "skills_lead"), ("tag", "hydrogen"), ("org_kind", "government"), ("q", "  Siân   Jones "),
        ("sort", "zone"), ("not_zone", "thames-freeport"),
    )
    assert filters == DirectoryFilters(
        zones=("humber-freeport", "glasgow-city-region-investment-zone"), nations=("Wales",), programmes=("both",),
        sectors=("defence",), networks=("net-zero",), roles=("skills_lead",), tags=("hydrogen",),
        org_kinds=("government",), q="Siân Jones", sort="zone", not_zone="thames-freeport",
    )
    assert filters.active


def test_unknown_values_are_dropped(db: Any) -> None:
    filters = _from(
        ("zone", "atlantis"), ("nation", "Mars"), ("programme", "enterprise_zone"), ("sector", "piracy"),
        ("network", "secret-club"), ("role", "captain"), ("tag", "no-such-tag"), ("org_kind", "pub"),
        ("sort", "shoe-size"), ("not_zone", "atlantis"), ("page", "2"),
    )
    assert filters == DirectoryFilters()


def test_sort_is_name_unless_zone_is_asked_for(db: Any) -> None:
    assert _from(("sort", "zone")).sort == "zone"
    assert _from(("sort", "name")).sort == "name"
    assert _from(("sort", "ZONE")).sort == "name"
    assert not _from(("sort", "zone")).active  # sorting alone does not filter


def test_free_text_is_trimmed_and_capped(db: Any) -> None:
    assert _from(("q", "a" * 150)).q == "a" * 100
    assert _from(("q", " \t hydrogen \n")).q == "hydrogen"


def test_a_crafted_address_cannot_ask_for_endless_values(db: Any) -> None:
    filters = _from(*[("zone", "humber-freeport")] * 500, *[("role", "skills_lead"), ("role", "other")] * 100)
    assert filters.zones == ("humber-freeport",)
    assert filters.roles == ("skills_lead", "other")
    assert MAX_VALUES >= 22  # every zone can still be chosen


def test_a_plain_dict_works_too(db: Any) -> None:
    assert DirectoryFilters.from_args({"zone": "humber-freeport", "q": "x"}) == DirectoryFilters(
        zones=("humber-freeport",), q="x")


def test_to_args_round_trips(db: Any, hydrogen: None) -> None:
    filters = _from(("q", "wind"), ("tag", "hydrogen"), ("role", "other"), ("zone", "humber-freeport"),
                    ("not_zone", "thames-freeport"), ("sort", "zone"))
    assert filters.to_args() == [
        ("q", "wind"), ("zone", "humber-freeport"), ("role", "other"), ("tag", "hydrogen"),
        ("not_zone", "thames-freeport"), ("sort", "zone"),
    ]
    assert DirectoryFilters.from_args(MultiDict(filters.to_args())) == filters


def test_without_removes_one_value_and_keeps_the_rest(db: Any) -> None:
    filters = _from(("zone", "humber-freeport"), ("zone", "thames-freeport"), ("q", "wind"),
                    ("not_zone", "solent-freeport"), ("role", "other"))
    assert filters.without("zones", "humber-freeport").zones == ("thames-freeport",)
    assert filters.without("zones", "humber-freeport").roles == ("other",)
    assert filters.without("zones").zones == ()
    assert filters.without("q").q == ""
    assert filters.without("q").zones == filters.zones
    assert filters.without("not_zone").not_zone is None


def test_facet_names_are_checked(db: Any) -> None:
    with pytest.raises(ValueError, match="not a facet"):
        DirectoryFilters().values("email")


def test_the_vocabulary_loads_in_one_statement(db: Any, hydrogen: None, count_queries: Any) -> None:
    with count_queries() as statements:
        vocabulary = Vocabulary.load(["hydrogen", "unknown"])
    assert len(statements) == 1
    assert len(vocabulary.zones) == 22
    assert len(vocabulary.sectors) == 8
    assert vocabulary.networks == {"innovation-leads": "Innovation Leads", "net-zero": "Net Zero",
                                   "skills-forum": "Skills Forum"}
    assert vocabulary.tags == {"hydrogen": "Hydrogen"}
