"""Who finds what: each audience, both ways, read live from memberships (no reindexing)."""

from __future__ import annotations

from typing import Any

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from tests.factories import make_user
from tests.fulltext.support import found, network_id, put
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


@pytest.fixture()
def entries(db: Any, outsider: Any) -> dict[str, int]:
    """One entry per audience (networks: the Skills Forum; convenors: Innovation Leads)."""
    return {
        "public": put("Lighthouse public", "lighthouse", audience="public"),
        "members": put("Lighthouse members", "lighthouse", audience="members"),
        "network": put("Lighthouse network", "lighthouse", audience="network", network="skills-forum"),
        "convenors": put("Lighthouse convenors", "lighthouse", audience="convenors", network="innovation-leads"),
        "staff": put("Lighthouse staff", "lighthouse", audience="staff"),
        "owned": put("Lighthouse owned", "lighthouse", audience="staff", owner_id=outsider.id),
    }


ALL = {"Lighthouse public", "Lighthouse members", "Lighthouse network", "Lighthouse convenors",
       "Lighthouse staff", "Lighthouse owned"}


def test_signed_out_visitors_find_public_entries_only(entries: Any) -> None:
    assert found(None, "lighthouse") == {"Lighthouse public"}
    assert found(AnonymousUserMixin(), "lighthouse") == {"Lighthouse public"}


def test_a_member_finds_public_members_and_their_networks(entries: Any, member: Any) -> None:
    assert found(member, "lighthouse") == {"Lighthouse public", "Lighthouse members", "Lighthouse network"}


def test_an_observer_is_a_member_of_the_network(entries: Any, official: Any) -> None:
    assert "Lighthouse network" in found(official, "lighthouse")


def test_convenors_find_convenor_entries_of_their_network_only(entries: Any, convenor: Any, member: Any) -> None:
    assert found(convenor, "lighthouse") == {"Lighthouse public", "Lighthouse members", "Lighthouse convenors"}
    assert "Lighthouse convenors" not in found(member, "lighthouse")


def test_an_active_member_who_does_not_convene_does_not_find_convenor_entries(entries: Any) -> None:
    person = make_user("plain@glasgow.example", "glasgow-city-region-investment-zone")
    db.session.add(Membership(user_id=person.id, network_id=network_id("innovation-leads"), role="member",
                              status="active"))
    db.session.commit()
    assert found(person, "lighthouse") == {"Lighthouse public", "Lighthouse members"}


def test_someone_outside_every_network(entries: Any, outsider: Any) -> None:
    assert found(outsider, "lighthouse") == {"Lighthouse public", "Lighthouse members", "Lighthouse owned"}


def test_owners_find_their_own_entries_and_nobody_else_does(entries: Any, member: Any, outsider: Any) -> None:
    assert "Lighthouse owned" in found(outsider, "lighthouse")
    assert "Lighthouse owned" not in found(member, "lighthouse")


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_staff_find_everything(entries: Any, role: str, request: Any) -> None:
    assert found(request.getfixturevalue(role), "lighthouse") == ALL


def test_a_deactivated_person_is_treated_as_signed_out(entries: Any, member: Any, outsider: Any,
                                                       secretariat: Any) -> None:
    for person in (member, outsider, secretariat):
        person.active = False
    db.session.commit()
    for person in (member, outsider, secretariat):
        assert found(person, "lighthouse") == {"Lighthouse public"}


@pytest.mark.parametrize("status", ["requested", "declined", "removed"])
def test_memberships_that_are_not_active_give_nothing(entries: Any, outsider: Any, status: str) -> None:
    db.session.add(Membership(user_id=outsider.id, network_id=network_id("skills-forum"), status=status))
    db.session.add(Membership(user_id=outsider.id, network_id=network_id("innovation-leads"), role="convenor",
                              status=status))
    db.session.commit()
    assert found(outsider, "lighthouse") == {"Lighthouse public", "Lighthouse members", "Lighthouse owned"}


def test_membership_changes_take_effect_at_once_without_reindexing(entries: Any, member: Any) -> None:
    membership = db.session.scalars(select(Membership).where(
        Membership.user_id == member.id, Membership.network_id == network_id("skills-forum"))).one()
    membership.status = "removed"
    db.session.commit()
    assert "Lighthouse network" not in found(member, "lighthouse")
    membership.status = "active"
    membership.role = "convenor"
    db.session.commit()
    assert "Lighthouse network" in found(member, "lighthouse")
    db.session.add(Membership(user_id=member.id, network_id=network_id("innovation-leads"), role="convenor",
                              status="active"))
    db.session.commit()
    assert "Lighthouse convenors" in found(member, "lighthouse")


def test_filters_never_widen_visibility(entries: Any, outsider: Any) -> None:
    assert found(outsider, "lighthouse", network_id=network_id("skills-forum")) == set()
    assert found(None, "lighthouse", kinds=["document"]) == {"Lighthouse public"}
