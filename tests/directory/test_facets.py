"""Counts next to each filter value: what the list would show if that value were chosen, and nothing hidden."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.directory.people_support import GLASGOW, HUMBER, TEESSIDE, WREXHAM, build_world, filters, listed
from zone_networks.accounts.models import User
from zone_networks.directory.facets import build_facets, facet_counts
from zone_networks.directory.filters import FACETS, DirectoryFilters, Vocabulary

# Values to try in each facet: the world's values, and some that nobody has.
POOL: dict[str, list[str]] = {
    "zones": [HUMBER, GLASGOW, WREXHAM, TEESSIDE, "thames-freeport"],
    "nations": ["England", "Scotland", "Wales", "Northern Ireland"],
    "programmes": ["freeport", "investment_zone", "both"],
    "sectors": ["advanced-manufacturing", "clean-energy-industries", "creative-industries", "defence"],
    "networks": ["skills-forum", "innovation-leads", "net-zero"],
    "roles": ["skills_lead", "innovation_lead", "net_zero_lead", "other"],
    "tags": ["hydrogen", "apprenticeships", "offshore-wind", "carbon-capture"],
    "org_kinds": ["zone", "government", "secretariat"],
}
QUERIES = ["", "skills", "hydrogen", "wrecsam", "s", "nobody-matches-this"]


@pytest.fixture()
def world(db: Any) -> dict[str, User]:
    """The shared cast of people."""
    return build_world()


def _expected_count(viewer: User, chosen: DirectoryFilters, facet: str, value: str) -> int:
    return len(listed(viewer, chosen.only(facet, (value,))))


def _assert_counts_match_lists(viewer: User, chosen: DirectoryFilters) -> None:
    counts = facet_counts(viewer, chosen)
    assert counts.total == len(listed(viewer, chosen)), ("total", chosen)
    for facet, _parameter in FACETS:
        for value in POOL[facet]:
            expected = _expected_count(viewer, chosen, facet, value)
            assert counts.of(facet).get(value, 0) == expected, (facet, value, chosen)


def test_counts_with_no_filters(world: dict[str, User]) -> None:
    counts = facet_counts(world["cai"], DirectoryFilters())
    assert counts.of("zones") == {HUMBER: 1, GLASGOW: 1, WREXHAM: 1, TEESSIDE: 1}
    assert counts.of("nations") == {"England": 2, "Scotland": 1, "Wales": 1}
    # Teesside is both a Freeport and an Investment Zone: it counts under each, and under "both".
    assert counts.of("programmes") == {"freeport": 2, "investment_zone": 3, "both": 1}
    assert counts.of("sectors") == {"advanced-manufacturing": 3, "clean-energy-industries": 2, "creative-industries": 1}
    assert counts.of("roles") == {"skills_lead": 2, "innovation_lead": 1, "net_zero_lead": 2}
    assert counts.of("tags") == {"hydrogen": 2, "apprenticeships": 2, "offshore-wind": 1, "carbon-capture": 1}
    assert counts.of("org_kinds") == {"zone": 4, "government": 1, "secretariat": 1}


def test_only_active_memberships_count(world: dict[str, User]) -> None:
    # Requested (Siân, Net Zero), removed (Bryn, Skills Forum) and declined (Cai, Innovation Leads) do not count.
    counts = facet_counts(world["cai"], DirectoryFilters())
    assert counts.of("networks") == {"skills-forum": 3, "innovation-leads": 1, "net-zero": 1}


def test_deactivated_people_are_counted_for_staff_only(world: dict[str, User]) -> None:
    member_counts = facet_counts(world["cai"], DirectoryFilters())
    staff_counts = facet_counts(world["sec"], DirectoryFilters())
    assert member_counts.of("zones")[HUMBER] == 1
    assert staff_counts.of("zones")[HUMBER] == 2  # Fran (deactivated); never the deleted person
    assert member_counts.of("tags")["hydrogen"] == 2
    assert staff_counts.of("tags")["hydrogen"] == 3


def test_a_facet_s_own_choices_do_not_narrow_its_counts(world: dict[str, User]) -> None:
    chosen = filters(("zone", HUMBER), ("role", "skills_lead"))
    counts = facet_counts(world["cai"], chosen)
    # Zones: counted with the role filter only, so other zones still show how many they would add.
    assert counts.of("zones") == {HUMBER: 1, WREXHAM: 1}
    # Roles: counted within Humber only.
    assert counts.of("roles") == {"skills_lead": 1}
    # Other facets: both filters apply.
    assert counts.of("tags") == {"hydrogen": 1, "apprenticeships": 1}


def test_all_counts_come_from_one_statement(world: dict[str, User], count_queries: Any) -> None:
    chosen = filters(("zone", HUMBER), ("network", "skills-forum"), ("tag", "hydrogen"), ("q", "skills"))
    viewer = world["cai"]
    assert viewer.is_active and not viewer.is_staff  # load the viewer before counting
    with count_queries() as statements:
        facet_counts(viewer, chosen)
    assert len(statements) == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        [("zone", HUMBER), ("zone", WREXHAM)],
        [("programme", "freeport"), ("sector", "clean-energy-industries")],
        [("network", "skills-forum"), ("role", "skills_lead")],
        [("q", "skills"), ("org_kind", "zone")],
        [("not_zone", WREXHAM), ("role", "skills_lead")],
        [("tag", "hydrogen"), ("nation", "England"), ("q", "jones")],
    ],
)
@pytest.mark.parametrize("who", ["cai", "sec"])
def test_each_count_equals_the_list_for_that_value(world: dict[str, User], args: list[tuple[str, str]],
                                                   who: str) -> None:
    _assert_counts_match_lists(world[who], filters(*args))


@st.composite
def _random_filters(draw: st.DrawFn) -> DirectoryFilters:
    chosen: dict[str, Any] = {facet: tuple(draw(st.lists(st.sampled_from(values), max_size=2, unique=True)))
                              for facet, values in POOL.items()}
    q = draw(st.sampled_from(QUERIES))
    not_zone = draw(st.sampled_from([None, None, HUMBER, WREXHAM]))
    return replace(DirectoryFilters(), q=q, not_zone=not_zone, **chosen)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=_random_filters(), who=st.sampled_from(["cai", "sec"]))
def test_counts_always_equal_the_lists_they_promise(world: dict[str, User], chosen: DirectoryFilters,
                                                    who: str) -> None:
    # The world is only read here, so sharing it between examples is safe.
    _assert_counts_match_lists(world[who], chosen)


def test_values_with_nobody_are_hidden_unless_chosen(world: dict[str, User]) -> None:
    chosen = filters(("zone", HUMBER), ("tag", "offshore-wind"))
    vocabulary = Vocabulary.load(["offshore-wind"])
    facets = {facet.name: facet for facet in build_facets(chosen, vocabulary, facet_counts(world["cai"], chosen))}
    zones = {value.value: (value.count, value.selected) for value in facets["zones"].values}
    # Only Glasgow has someone with offshore wind; Humber is chosen, so it stays (with 0) to be unticked.
    assert zones == {GLASGOW: (1, False), HUMBER: (0, True)}
    tags = {value.value: (value.count, value.selected) for value in facets["tags"].values}
    assert tags == {"apprenticeships": (1, False), "hydrogen": (1, False), "offshore-wind": (0, True)}
    assert facets["networks"].values == [], "nobody is in Humber with offshore wind"


def test_facet_values_have_words_and_a_stable_order(world: dict[str, User]) -> None:
    counts = facet_counts(world["cai"], DirectoryFilters())
    facets = {facet.name: facet for facet in build_facets(DirectoryFilters(), Vocabulary.load(), counts)}
    assert [value.label for value in facets["zones"].values] == [
        "Glasgow City Region Investment Zone", "Humber Freeport", "Teesside Freeport and Tees Valley Investment Zone",
        "Wrexham and Flintshire Investment Zone",
    ]
    assert [value.label for value in facets["programmes"].values] == [
        "Freeports", "Investment Zones", "Zones that are both",
    ]
    assert [value.label for value in facets["roles"].values] == ["Skills lead", "Innovation lead", "Net zero lead"]
    assert [value.label for value in facets["networks"].values] == ["Innovation Leads", "Net Zero", "Skills Forum"]
    assert [value.label for value in facets["tags"].values] == [
        "Apprenticeships", "Carbon capture", "Hydrogen", "Offshore wind",
    ]
    assert [value.label for value in facets["org_kinds"].values] == ["Zone", "Government", "Secretariat"]
