"""Who `people_query` lists: visibility, every facet both ways, free text and order."""

from __future__ import annotations

from typing import Any

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from tests.directory.people_support import GLASGOW, HUMBER, WREXHAM, add_person, build_world, filters, listed, names
from zone_networks.accounts.models import User
from zone_networks.directory.filters import DirectoryFilters
from zone_networks.directory.queries import escape_like, people_query
from zone_networks.directory.visibility import can_view_person

VISIBLE_TO_MEMBERS = {"Siân Jones", "Bryn Bell", "Cai Rhys", "Dilys Evans", "Tom Teal", "Zara Secretariat"}


@pytest.fixture()
def world(db: Any) -> dict[str, User]:
    """The shared cast of people."""
    return build_world()


@pytest.fixture()
def viewer(world: dict[str, User]) -> User:
    """An ordinary member (Cai, a Wrexham skills lead)."""
    return world["cai"]


@pytest.fixture()
def staff(world: dict[str, User]) -> User:
    """A member of the secretariat."""
    return world["sec"]


# Visibility -----------------------------------------------------------------------------------------------


def test_members_see_active_people_and_not_deleted_or_deactivated(viewer: User) -> None:
    assert names(viewer) == VISIBLE_TO_MEMBERS


def test_staff_also_see_deactivated_people_but_never_deleted_ones(staff: User) -> None:
    assert names(staff) == VISIBLE_TO_MEMBERS | {"Fran Former"}


def test_admins_see_deactivated_people_too(db: Any, world: dict[str, User]) -> None:
    admin = add_person("ada@zones.example", "industrial-strategy-zones-secretariat", name="Ada Admin", is_admin=True)
    db.session.commit()
    assert "Fran Former" in names(admin)


def test_anonymous_and_deactivated_viewers_see_nobody(world: dict[str, User]) -> None:
    assert names(AnonymousUserMixin()) == set()
    assert names(world["fran"]) == set()


def test_the_list_matches_can_view_person_for_every_viewer(db: Any, world: dict[str, User]) -> None:
    everyone = list(db.session.scalars(select(User)))
    for viewer in [*everyone, AnonymousUserMixin()]:
        expected = {person.name for person in everyone if can_view_person(viewer, person)}
        assert names(viewer) == expected, getattr(viewer, "name", "anonymous")


# Facets, each both ways -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([("zone", HUMBER)], {"Siân Jones"}),
        ([("zone", HUMBER), ("zone", GLASGOW)], {"Siân Jones", "Bryn Bell"}),
        ([("nation", "Wales")], {"Cai Rhys"}),
        ([("nation", "Wales"), ("nation", "Scotland")], {"Cai Rhys", "Bryn Bell"}),
        ([("programme", "freeport")], {"Siân Jones", "Tom Teal"}),
        ([("programme", "investment_zone")], {"Bryn Bell", "Cai Rhys", "Tom Teal"}),
        ([("programme", "both")], {"Tom Teal"}),
        ([("sector", "clean-energy-industries")], {"Siân Jones", "Tom Teal"}),
        ([("sector", "creative-industries")], {"Tom Teal"}),
        ([("sector", "advanced-manufacturing")], {"Siân Jones", "Bryn Bell", "Cai Rhys"}),
        ([("network", "skills-forum")], {"Siân Jones", "Cai Rhys", "Dilys Evans"}),
        ([("network", "innovation-leads")], {"Bryn Bell"}),
        ([("network", "net-zero")], {"Tom Teal"}),
        ([("role", "skills_lead")], {"Siân Jones", "Cai Rhys"}),
        ([("role", "net_zero_lead")], {"Cai Rhys", "Tom Teal"}),
        ([("role", "skills_lead"), ("role", "innovation_lead")], {"Siân Jones", "Cai Rhys", "Bryn Bell"}),
        ([("tag", "hydrogen")], {"Siân Jones", "Tom Teal"}),
        ([("tag", "offshore-wind"), ("tag", "carbon-capture")], {"Bryn Bell", "Tom Teal"}),
        ([("org_kind", "government")], {"Dilys Evans"}),
        ([("org_kind", "secretariat")], {"Zara Secretariat"}),
        ([("org_kind", "zone")], {"Siân Jones", "Bryn Bell", "Cai Rhys", "Tom Teal"}),
        ([("not_zone", HUMBER)], VISIBLE_TO_MEMBERS - {"Siân Jones"}),
        ([("role", "skills_lead"), ("not_zone", WREXHAM)], {"Siân Jones"}),
    ],
)
def test_each_filter_lists_exactly_the_matching_people(viewer: User, args: list[tuple[str, str]],
                                                         expected: set[str]) -> None:
    assert names(viewer, *args) == expected


def test_filters_combine_with_and_across_facets(viewer: User) -> None:
    assert names(viewer, ("role", "skills_lead"), ("tag", "hydrogen")) == {"Siân Jones"}
    assert names(viewer, ("programme", "freeport"), ("network", "net-zero")) == {"Tom Teal"}
    assert names(viewer, ("nation", "Wales"), ("tag", "hydrogen")) == set()
    assert names(viewer, ("zone", HUMBER), ("zone", WREXHAM), ("role", "skills_lead"), ("org_kind", "zone"),
                 ("nation", "England")) == {"Siân Jones"}


def test_only_active_memberships_match_a_network(viewer: User) -> None:
    # Siân asked to join Net Zero, Bryn was removed from the Skills Forum, Cai was declined by Innovation Leads.
    assert "Siân Jones" not in names(viewer, network="net-zero")
    assert "Bryn Bell" not in names(viewer, network="skills-forum")
    assert "Cai Rhys" not in names(viewer, network="innovation-leads")


def test_deactivated_people_match_filters_for_staff_only(viewer: User, staff: User) -> None:
    assert "Fran Former" not in names(viewer, zone=HUMBER)
    assert "Fran Former" in names(staff, zone=HUMBER)
    assert "Fran Former" in names(staff, q="fran")
    assert "Fran Former" not in names(viewer, q="fran")


def test_deleted_people_match_nothing_even_for_staff(staff: User) -> None:
    assert "Former member" not in names(staff, tag="hydrogen")
    assert "Former member" not in names(staff, q="former")


def test_unknown_values_are_dropped_not_matched(viewer: User) -> None:
    assert names(viewer, zone="atlantis") == VISIBLE_TO_MEMBERS
    assert names(viewer, ("zone", "atlantis"), ("zone", HUMBER)) == {"Siân Jones"}
    assert names(viewer, role="astronaut", nation="Mars", org_kind="club", not_zone="atlantis") == VISIBLE_TO_MEMBERS


# Free text --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("sian", {"Siân Jones"}),
        ("SIÂN", {"Siân Jones"}),
        ("jones skills", {"Siân Jones"}),  # every word must match
        ("jones innovation", set()),
        ("innovation", {"Bryn Bell"}),  # job title
        ("Glasgow", {"Bryn Bell"}),  # organisation / zone
        ("hydrogen", {"Siân Jones", "Tom Teal"}),  # expertise
        ("academy", {"Siân Jones"}),  # bio
        ("Wrecsam", {"Cai Rhys"}),  # the zone's Welsh name
        ("wrecsam skills", {"Cai Rhys"}),
        ("welsh government", {"Dilys Evans"}),
        ("  ", VISIBLE_TO_MEMBERS),
    ],
)
def test_free_text_search(viewer: User, q: str, expected: set[str]) -> None:
    assert names(viewer, q=q) == expected


def test_contact_details_are_not_searchable(viewer: User, world: dict[str, User]) -> None:
    # Siân shares her phone with all members, and her email with her networks: still not searchable.
    assert names(viewer, q="07700") == set()
    assert names(viewer, q="900123") == set()
    assert names(viewer, q="sian.jones@humber.example") == set()
    assert names(viewer, q="cai@wrexham.example") == set()


def test_like_wildcards_in_the_query_are_literal(db: Any, viewer: User) -> None:
    add_person("us@humber.example", HUMBER, name="Under_score Person")
    db.session.commit()
    assert names(viewer, q="_") == {"Under_score Person"}
    assert names(viewer, q="r_s") == {"Under_score Person"}
    assert names(viewer, q="a_a") == set()  # as a wildcard, "_" would match the "ara" of Zara
    # "%" is punctuation to the search (folded away), so it never acts as a wildcard either.
    assert names(viewer, q="s%n") == names(viewer, q="s n")


def test_escape_like_escapes_wildcards_and_the_escape_character() -> None:
    assert escape_like("50%_off\\") == "50\\%\\_off\\\\"


def test_long_queries_are_cut_to_100_characters(viewer: User) -> None:
    assert len(filters(q="x" * 500).q) == 100


# Order ------------------------------------------------------------------------------------------------------


def test_sort_by_name_ignores_accents_and_case(db: Any, viewer: User) -> None:
    add_person("al@humber.example", HUMBER, name="álvaro Ruiz")
    db.session.commit()
    assert listed(viewer, DirectoryFilters()) == [
        "álvaro Ruiz", "Bryn Bell", "Cai Rhys", "Dilys Evans", "Siân Jones", "Tom Teal", "Zara Secretariat",
    ]


def test_sort_by_zone_puts_people_without_a_zone_last(viewer: User) -> None:
    order = listed(viewer, filters(sort="zone"))
    # Zones by name: Glasgow, Humber, Teesside, Wrexham; then the government official and the secretariat by name.
    assert order == ["Bryn Bell", "Siân Jones", "Tom Teal", "Cai Rhys", "Dilys Evans", "Zara Secretariat"]


def test_people_with_the_same_name_keep_a_stable_order(db: Any, viewer: User) -> None:
    first = add_person("a1@humber.example", HUMBER, name="Alex Smith")
    second = add_person("a2@humber.example", GLASGOW, name="Alex Smith")
    db.session.commit()
    ids = [person.id for person in db.session.scalars(people_query(viewer, filters(q="alex")))]
    assert ids == sorted([first.id, second.id])
