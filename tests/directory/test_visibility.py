"""Who may see a person, and each of their contact details: every rule both ways."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from tests.factories import make_user
from zone_networks.core.clock import utcnow
from zone_networks.directory.profile_queries import shared_network_ids
from zone_networks.directory.visibility import CONTACT_FIELDS, can_view_person, contact_visible
from zone_networks.networks.models import Membership, Network


def _join(db, user, slug: str, status: str = "active", role: str = "member") -> None:
    network = db.session.scalars(select(Network).where(Network.slug == slug)).one()
    db.session.add(Membership(user_id=user.id, network_id=network.id, status=status, role=role))
    db.session.commit()


def _sees(viewer, person, field: str) -> bool:
    """What the profile page decides: the shared networks from the one query, then the rule."""
    return contact_visible(viewer, person, field, shared_network_ids(viewer, person))


@pytest.fixture()
def peers(db):
    """Three Skills Forum hopefuls: one active, one whose request waits, one removed."""
    active = make_user("peer@solent.example", "solent-freeport", name="Active Peer")
    waiting = make_user("waiting@thames.example", "thames-freeport", name="Waiting Peer")
    removed = make_user("removed@forth.example", "forth-green-freeport", name="Removed Peer")
    db.session.commit()
    _join(db, active, "skills-forum")
    _join(db, waiting, "skills-forum", status="requested")
    _join(db, removed, "skills-forum", status="removed")
    return {"active": active, "waiting": waiting, "removed": removed}


# Seeing a person at all


def test_anonymous_visitors_see_nobody(member) -> None:
    assert not can_view_person(AnonymousUserMixin(), member)
    assert not any(contact_visible(AnonymousUserMixin(), member, field) for field in CONTACT_FIELDS)


def test_signed_in_people_see_active_people(member, outsider, official) -> None:
    assert can_view_person(outsider, member)
    assert can_view_person(official, member)
    assert can_view_person(member, member)


def test_a_deactivated_person_is_seen_only_by_staff(db, member, outsider, secretariat, admin) -> None:
    member.active = False
    db.session.commit()
    assert can_view_person(secretariat, member)
    assert can_view_person(admin, member)
    assert not can_view_person(outsider, member)


def test_a_deactivated_viewer_sees_nobody(db, member, outsider) -> None:
    outsider.active = False
    db.session.commit()
    assert not can_view_person(outsider, member)


def test_a_deleted_person_is_seen_by_nobody(db, member, outsider, secretariat, admin) -> None:
    member.deleted_at = utcnow()
    db.session.commit()
    assert not any(can_view_person(viewer, member) for viewer in (outsider, secretariat, admin, member))
    assert not any(contact_visible(secretariat, member, field) for field in CONTACT_FIELDS)


# Each contact-detail rule


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_only_me_is_hidden_even_from_staff(db, member, secretariat, admin, official, field) -> None:
    setattr(member, f"{field}_visibility", "only_me")
    db.session.commit()
    assert _sees(member, member, field)
    assert not _sees(secretariat, member, field)
    assert not _sees(admin, member, field)
    assert not _sees(official, member, field)  # shares the Skills Forum


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_secretariat_rule_is_seen_by_staff_but_not_by_a_network_peer(db, member, secretariat, admin, official,
                                                                      field) -> None:
    setattr(member, f"{field}_visibility", "secretariat")
    db.session.commit()
    assert _sees(secretariat, member, field)
    assert _sees(admin, member, field)
    assert shared_network_ids(official, member)  # they do share a network...
    assert not _sees(official, member, field)  # ...which the secretariat rule ignores


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_networks_rule_needs_a_shared_active_membership(db, member, outsider, convenor, secretariat, peers,
                                                        field) -> None:
    setattr(member, f"{field}_visibility", "networks")
    db.session.commit()
    assert _sees(peers["active"], member, field)
    assert _sees(secretariat, member, field)
    assert not _sees(peers["waiting"], member, field)  # a request is not a membership
    assert not _sees(peers["removed"], member, field)
    assert not _sees(outsider, member, field)  # in no network
    assert not _sees(convenor, member, field)  # in a different network


def test_networks_rule_stops_when_the_owner_leaves_the_shared_network(db, member, peers) -> None:
    member.email_visibility = "networks"
    forum = db.session.scalars(select(Network).where(Network.slug == "skills-forum")).one()
    membership = db.session.scalars(
        select(Membership).where(Membership.user_id == member.id, Membership.network_id == forum.id)
    ).one()
    membership.status = "removed"
    db.session.commit()
    assert not _sees(peers["active"], member, "email")


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_members_rule_is_seen_by_every_signed_in_person(db, member, outsider, convenor, field) -> None:
    setattr(member, f"{field}_visibility", "members")
    db.session.commit()
    assert _sees(outsider, member, field)
    assert _sees(convenor, member, field)
    assert not _sees(AnonymousUserMixin(), member, field)


def test_the_default_shares_only_the_email_with_networks(db, member, official, outsider) -> None:
    assert (member.email_visibility, member.phone_visibility, member.other_contact_visibility) == (
        "networks", "only_me", "only_me"
    )
    assert _sees(official, member, "email")
    assert not _sees(outsider, member, "email")
    assert not _sees(official, member, "phone")
    assert not _sees(official, member, "other_contact")


def test_an_unknown_rule_shows_nothing(db, member, secretariat) -> None:
    member.phone_visibility = "everyone"
    db.session.commit()
    assert not _sees(secretariat, member, "phone")


def test_an_unknown_field_is_a_programming_error(member, outsider) -> None:
    with pytest.raises(ValueError, match="not a contact field"):
        contact_visible(outsider, member, "password_hash")


def test_shared_networks_are_computed_in_one_query(db, member, official, count_queries) -> None:
    db.session.refresh(member)  # load both rows (expired by the fixtures' commits) first
    db.session.refresh(official)
    with count_queries() as statements:
        shared = shared_network_ids(official, member)
    assert len(statements) == 1
    forum = db.session.scalars(select(Network).where(Network.slug == "skills-forum")).one()
    assert shared == {forum.id}
    assert shared_network_ids(member, member) == set()
    assert shared_network_ids(AnonymousUserMixin(), member) == set()
