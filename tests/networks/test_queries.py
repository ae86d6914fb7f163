"""Listing queries: what they return, and that page query counts do not grow with the data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.networks.support import add_membership, network, person
from zone_networks.accounts.models import User
from zone_networks.core.pagination import Page
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership
from zone_networks.networks.queries import (
    active_members,
    all_zones,
    eligible_zones,
    pending_request_counts_for,
    pending_requests_for,
    visible_members,
)
from zone_networks.zones.models import Organisation


def _add_people(slug: str, how_many: int, *, status: str = "active", start: int = 0) -> None:
    """Add people from different zones (no password hashing: it is slow and irrelevant here)."""
    zones = list(_db.session.scalars(select(Organisation).where(Organisation.kind == "zone").order_by(Organisation.id)))
    target = network(slug)
    for number in range(start, start + how_many):
        user = User(email=f"person{number}@{slug}.example", name=f"Person {number:03d}", job_title="Lead",
                    organisation=zones[number % len(zones)])
        _db.session.add(user)
        _db.session.flush()
        role = "convenor" if number % 10 == 0 else "member"
        _db.session.add(Membership(user_id=user.id, network_id=target.id, role=role, status=status))
    _db.session.commit()


def test_net_zero_has_12_eligible_zones(db) -> None:
    zones = all_zones()
    assert len(zones) == 22
    names = {zone.name for zone in eligible_zones(network("net-zero"), zones)}
    assert len(names) == 12
    assert "Humber Freeport" in names and "Wrexham and Flintshire Investment Zone" not in names
    assert len(eligible_zones(network("skills-forum"), zones)) == 22


def _names(page: Page[Membership] | None) -> list[str]:
    assert page is not None
    return [item.user.name for item in page.items]


def test_visible_members_only_for_signed_in_people(db, member, official) -> None:
    from flask_login import AnonymousUserMixin

    forum = network("skills-forum")
    assert visible_members(forum, AnonymousUserMixin()) is None
    assert _names(visible_members(forum, official)) == ["Mina Member", "Olwen Official"]


def test_visible_members_leaves_out_requests_and_removed(db, member, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    page = visible_members(network("skills-forum"), member)
    assert page is not None
    assert [item.user.email for item in page.items] == [member.email]
    assert page.total == 1


def test_visible_members_lists_convenors_first(db, convenor) -> None:
    alice = person("alice@glasgow.example", "glasgow-city-region-investment-zone", name="Alice Able")
    add_membership(alice, "innovation-leads")
    assert _names(visible_members(network("innovation-leads"), alice)) == ["Connor Convenor", "Alice Able"]


def test_member_order_is_role_then_name_ignoring_case_then_id(db, secretariat) -> None:
    for email, name, role in [("b@x.example", "bea Observer", "observer"), ("a@x.example", "Zed Convenor", "convenor"),
                              ("c@x.example", "Ann Same", "member"), ("d@x.example", "ann same", "member"),
                              ("e@x.example", "Bob Member", "member")]:
        add_membership(person(email, "humber-freeport", name=name), "net-zero", role=role)
    page = active_members(network("net-zero"))
    assert [item.user.name for item in page.items] == [
        "Zed Convenor", "Ann Same", "ann same", "Bob Member", "bea Observer",
    ]


def test_pages_of_members_split_the_list_without_overlap(db, secretariat) -> None:
    _add_people("net-zero", 7)
    pages = [active_members(network("net-zero"), number, per_page=3) for number in (1, 2, 3)]
    assert [len(page.items) for page in pages] == [3, 3, 1]
    assert {page.total for page in pages} == {7}
    everyone = [item.id for page in pages for item in page.items]
    assert everyone == [item.id for item in active_members(network("net-zero"), per_page=10).items]
    assert (pages[1].first, pages[1].last, pages[2].first, pages[2].last) == (4, 6, 7, 7)


def test_pending_requests_for_each_role(db, member, convenor, secretariat, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    add_membership(outsider, "innovation-leads", status="requested")
    assert pending_requests_for(member) == []
    assert [item.network.slug for item in pending_requests_for(convenor)] == ["innovation-leads"]
    assert sorted(item.network.slug for item in pending_requests_for(secretariat)) == [
        "innovation-leads", "skills-forum",
    ]
    assert [(n.slug, c) for n, c in pending_request_counts_for(convenor)] == [("innovation-leads", 1)]


def test_former_convenor_no_longer_sees_requests(db, convenor, outsider) -> None:
    add_membership(outsider, "innovation-leads", status="requested")
    own = _db.session.scalars(select(Membership).where(Membership.user_id == convenor.id)).one()
    own.status = "removed"
    _db.session.commit()
    assert pending_requests_for(convenor) == []


def _active(slug: str) -> int:
    query = select(_db.func.count()).select_from(Membership).where(
        Membership.network_id == network(slug).id, Membership.status == "active")
    return int(_db.session.scalar(query) or 0)


def _queries(client, count_queries, url: str) -> int:
    # Tests share the app context (and so the session) with requests: start each count from a cold
    # session, as a real request would.
    _db.session.expire_all()
    with count_queries() as statements:
        response = client.get(url)
        assert response.status_code == 200
    return len(statements)


@pytest.mark.parametrize("who", ["member", "secretariat"])
def test_network_page_query_count_does_not_grow(client, db, login, count_queries, request, who) -> None:
    user = request.getfixturevalue(who)
    login(user)
    _add_people("net-zero", 5 - _active("net-zero"))
    _add_people("net-zero", 3, status="requested", start=100)
    assert _active("net-zero") == 5
    small = _queries(client, count_queries, "/networks/net-zero")
    _add_people("net-zero", 35, start=5)
    _add_people("net-zero", 30, status="requested", start=200)
    assert _active("net-zero") == 40
    large = _queries(client, count_queries, "/networks/net-zero")
    assert large == small, f"{small} queries with 5 members, {large} with 40"
    assert large <= 15


@pytest.mark.parametrize("url", ["/", "/networks", "/networks/net-zero/members", "/admin/requests",
                                 "/admin/invitations"])
def test_other_pages_query_count_does_not_grow(client, db, login, count_queries, secretariat, url) -> None:
    login(secretariat)
    _add_people("net-zero", 5)
    _add_people("skills-forum", 2, status="requested", start=100)
    small = _queries(client, count_queries, url)
    _add_people("net-zero", 35, start=5)
    _add_people("skills-forum", 20, status="requested", start=200)
    assert _queries(client, count_queries, url) == small


def test_invitation_list_query_count_does_not_grow(client, db, login, count_queries, secretariat) -> None:
    from zone_networks.networks.invitations import Offer, create_invitation

    login(secretariat)
    offers = [Offer(network("net-zero"), "member"), Offer(network("skills-forum"), "observer")]
    create_invitation(secretariat, "first@example.gov.uk", offers)
    small = _queries(client, count_queries, "/admin/invitations")
    for number in range(15):
        create_invitation(None if number % 2 else secretariat, f"p{number}@example.gov.uk", offers)
    assert _queries(client, count_queries, "/admin/invitations") == small


def test_home_query_count_for_member_does_not_grow(client, db, login, count_queries, member) -> None:
    login(member)
    small = _queries(client, count_queries, "/")
    _add_people("net-zero", 30)
    assert _queries(client, count_queries, "/") == small
