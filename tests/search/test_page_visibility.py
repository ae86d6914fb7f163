"""Through the /search page, everyone finds exactly what they may see: each rule tested both ways."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.factories import make_user
from tests.search.page_support import (
    make_case_study,
    make_document,
    make_meeting,
    make_minutes,
    network,
    result_titles,
    search,
)
from zone_networks.networks.models import Membership


def _finds(client: Any, login: Any, viewer: Any, q: str) -> list[str]:
    """The result titles `viewer` (None: signed out) gets for `q`."""
    if viewer is None:
        with client.session_transaction() as session:
            session.clear()
    else:
        login(viewer)
    return result_titles(search(client, q))


@pytest.mark.parametrize(("viewer", "found"), [
    ("member", True), ("secretariat", True), ("outsider", False), ("convenor", False), (None, False),
])
def test_network_document_only_for_its_members(request, client, login, db, member, viewer, found) -> None:
    make_document("Quayside skills paper", network_slug="skills-forum", visibility="network")
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "quayside") == ["Quayside skills paper"]) is found


@pytest.mark.parametrize(("viewer", "found"), [("outsider", True), (None, False)])
def test_members_document_for_every_signed_in_member(request, client, login, db, viewer, found) -> None:
    make_document("Quayside members paper", visibility="members")
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "quayside") == ["Quayside members paper"]) is found


def test_public_document_for_everyone(client, db) -> None:
    make_document("Quayside public paper", visibility="public")
    assert _finds(client, None, None, "quayside") == ["Quayside public paper"]


def test_removing_a_member_hides_the_network_documents_at_once(client, login, db, member) -> None:
    make_document("Quayside skills paper", network_slug="skills-forum", visibility="network")
    assert _finds(client, login, member, "quayside") == ["Quayside skills paper"]
    membership = db.session.scalars(select(Membership).filter_by(user_id=member.id)).first()
    assert membership is not None
    for row in db.session.scalars(select(Membership).filter_by(user_id=member.id)):
        row.status = "removed"
    db.session.commit()
    assert _finds(client, login, member, "quayside") == []


def test_deactivated_viewer_sees_only_public_results(client, login, db, member) -> None:
    make_document("Quayside skills paper", network_slug="skills-forum", visibility="network")
    make_document("Quayside public paper", visibility="public")
    member.active = False
    db.session.commit()
    login(member)
    assert result_titles(search(client, "quayside")) == ["Quayside public paper"]


@pytest.mark.parametrize(("viewer", "found"), [
    ("author", True), ("secretariat", True), ("member", False), ("outsider", False), (None, False),
])
def test_draft_case_study_only_for_author_and_staff(request, client, login, db, viewer, found) -> None:
    author = make_user("author@humber.example", "humber-freeport", name="Ann Author")
    db.session.commit()
    make_case_study("Quayside academy draft", author=author, status="draft")
    person = author if viewer == "author" else (request.getfixturevalue(viewer) if viewer else None)
    assert (_finds(client, login, person, "quayside") == ["Quayside academy draft"]) is found


@pytest.mark.parametrize(("is_public", "viewer", "found"), [
    (False, "outsider", True), (False, None, False), (True, None, True),
])
def test_published_case_study_for_members_or_everyone(request, client, login, db, is_public, viewer, found) -> None:
    make_case_study("Quayside academy", status="published", is_public=is_public)
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "quayside") == ["Quayside academy"]) is found


@pytest.mark.parametrize(("viewer", "found"), [
    ("convenor", True), ("secretariat", True), ("innovation_member", False), ("outsider", False), (None, False),
])
def test_draft_meeting_only_for_convenors_and_staff(request, client, login, db, convenor, viewer, found) -> None:
    plain = make_user("plain@glasgow.example", "glasgow-city-region-investment-zone", name="Pat Plain")
    db.session.add(Membership(user_id=plain.id, network_id=network("innovation-leads").id, role="member",
                              status="active"))
    db.session.commit()
    make_meeting("Quayside planning call", network_slug="innovation-leads", status="draft")
    people = {"innovation_member": plain}
    person = people.get(viewer) or (request.getfixturevalue(viewer) if viewer else None)
    assert (_finds(client, login, person, "quayside") == ["Quayside planning call"]) is found


@pytest.mark.parametrize(("is_public", "viewer", "found"), [
    (False, "member", True), (False, "outsider", False), (False, None, False), (True, None, True),
])
def test_scheduled_meeting_for_the_network_or_everyone(request, client, login, db, is_public, viewer, found) -> None:
    make_meeting("Quayside forum", network_slug="skills-forum", is_public=is_public)
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "quayside") == ["Quayside forum"]) is found


@pytest.mark.parametrize(("status", "viewer", "found"), [
    ("published", "member", True), ("published", "outsider", False), ("draft", "member", False),
    ("draft", "secretariat", True),
])
def test_minutes_follow_their_meeting_and_status(request, client, login, db, status, viewer, found) -> None:
    meeting = make_meeting("Skills Forum spring meeting", network_slug="skills-forum")
    make_minutes(meeting, "We agreed to fund the cofferdam study.", status=status)
    person = request.getfixturevalue(viewer)
    assert bool(_finds(client, login, person, "cofferdam")) is found


@pytest.mark.parametrize(("viewer", "found"), [("member", True), ("secretariat", True), (None, False)])
def test_active_people_for_signed_in_members_only(request, client, login, db, viewer, found) -> None:
    make_user("quinn@humber.example", "humber-freeport", name="Quinn Quayside")
    db.session.commit()
    person = request.getfixturevalue(viewer) if viewer else None
    assert ("Quinn Quayside" in _finds(client, login, person, "quayside")) is found


@pytest.mark.parametrize(("viewer", "found"), [("secretariat", True), ("member", False), ("outsider", False)])
def test_deactivated_people_only_for_staff(request, client, login, db, viewer, found) -> None:
    make_user("quinn@humber.example", "humber-freeport", name="Quinn Quayside", active=False)
    db.session.commit()
    person = request.getfixturevalue(viewer)
    assert ("Quinn Quayside" in _finds(client, login, person, "quayside")) is found


def test_contact_details_are_never_searchable(client, login, db, member) -> None:
    make_user("quinn@humber.example", "humber-freeport", name="Quinn Q", phone="07700 900123",
              other_contact="Signal: quokka")
    db.session.commit()
    login(member)
    assert result_titles(search(client, "quokka")) == []
    assert result_titles(search(client, "07700")) == []
