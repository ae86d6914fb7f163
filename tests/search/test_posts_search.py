"""Through the /search page, posts and challenges are found by exactly those who may open them (both ways)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import text_of
from tests.search.index_support import sector, zone
from tests.search.page_support import make_meeting, result_titles, search
from tests.search.posts_support import add_post, make_challenge, make_thread, meeting_room, network
from zone_networks.core.clock import utcnow
from zone_networks.networks.models import Membership


def _finds(client: Any, login: Any, viewer: Any, q: str, **params: Any) -> list[str]:
    """The result titles `viewer` (None: signed out) gets for `q`."""
    if viewer is None:
        with client.session_transaction() as session:
            session.clear()
    else:
        login(viewer)
    return result_titles(search(client, q, **params))


@pytest.mark.parametrize(("viewer", "found"), [
    ("member", True), ("official", True), ("secretariat", True), ("outsider", False), ("convenor", False),
    (None, False),
])
def test_a_post_only_for_its_networks_members(request, client, login, db, member, viewer, found) -> None:
    add_post(make_thread("Quayside welding"), "Who trains welders for the quayside?", author=member)
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "quayside") == ["Quayside welding"]) is found


def test_leaving_the_network_hides_its_posts_at_once(client, login, db, member) -> None:
    add_post(make_thread("Quayside welding"), "Cofferdam apprentices", author=member)
    assert _finds(client, login, member, "cofferdam") == ["Quayside welding"]
    membership = db.session.scalars(select(Membership).where(Membership.user_id == member.id,
                                                             Membership.network_id == network("skills-forum").id)).one()
    membership.status = "removed"
    db.session.commit()
    # Their own post too: they can no longer open the thread.
    assert _finds(client, login, member, "cofferdam") == []


@pytest.mark.parametrize("column", ["deleted_at", "hidden_at"])
def test_deleted_and_hidden_posts_are_not_found(client, login, db, member, secretariat, column: str) -> None:
    post = add_post(make_thread("Quayside welding"), "Cofferdam apprentices", author=member)
    setattr(post, column, utcnow())
    db.session.commit()
    assert _finds(client, login, secretariat, "cofferdam") == []


@pytest.mark.parametrize(("viewer", "found"), [
    ("convenor", True), ("secretariat", True), ("innovation_member", False), ("outsider", False), (None, False),
])
def test_a_draft_meetings_room_only_for_convenors_and_staff(request, client, login, db, convenor, secretariat,
                                                           viewer, found) -> None:
    plain = make_user("plain@glasgow.example", "glasgow-city-region-investment-zone", name="Pat Plain")
    db.session.add(Membership(user_id=plain.id, network_id=network("innovation-leads").id, role="member",
                              status="active"))
    db.session.commit()
    meeting = make_meeting("Planning call", network_slug="innovation-leads", status="draft")
    room = meeting_room(meeting) or make_thread("Planning call", network_slug="innovation-leads", kind="meeting",
                                                meeting=meeting)
    add_post(room, "Cofferdam agenda ideas", author=secretariat)
    person = {"innovation_member": plain}.get(viewer) or (request.getfixturevalue(viewer) if viewer else None)
    assert bool(_finds(client, login, person, "cofferdam")) is found


@pytest.mark.parametrize(("viewer", "found"), [
    ("convenor", True), ("secretariat", True), ("member", False), ("outsider", False), (None, False),
])
def test_a_challenge_only_for_its_networks_members(request, client, login, db, convenor, viewer, found) -> None:
    make_challenge("Quayside hydrogen skills", zone=zone("humber-freeport"), owner=convenor,
                   problem="No electrolyser technicians")
    person = request.getfixturevalue(viewer) if viewer else None
    assert (_finds(client, login, person, "electrolyser") == ["Quayside hydrogen skills"]) is found


def test_challenges_filter_by_kind_zone_and_sector(client, login, db, convenor) -> None:
    hydrogen = sector("clean-energy-industries")
    challenge = make_challenge("Quayside hydrogen skills", zone=zone("humber-freeport"), owner=convenor,
                               problem="Electrolyser technicians", sectors=[hydrogen])
    add_post(challenge.thread, "We have electrolyser courses in Glasgow", author=convenor)
    both = _finds(client, login, convenor, "electrolyser")
    assert sorted(both) == ["Quayside hydrogen skills", "Quayside hydrogen skills"]
    assert len(_finds(client, login, convenor, "electrolyser", kind="challenge")) == 1
    assert len(_finds(client, login, convenor, "electrolyser", kind="post")) == 1
    assert len(_finds(client, login, convenor, "electrolyser", zone="humber-freeport")) == 1
    assert _finds(client, login, convenor, "electrolyser", zone="freeport-east") == []
    assert len(_finds(client, login, convenor, "electrolyser", sector="clean-energy-industries")) == 1
    assert len(_finds(client, login, convenor, "electrolyser", network="innovation-leads")) == 2


def test_results_link_to_the_post_and_the_challenge_with_their_labels(client, login, db, convenor) -> None:
    challenge = make_challenge("Quayside hydrogen skills", zone=zone("humber-freeport"), owner=convenor,
                               problem="Electrolyser technicians")
    post = add_post(make_thread("Electrolyser suppliers", network_slug="innovation-leads"), "Electrolyser list",
                    author=convenor)
    response = search(login(convenor), "electrolyser")
    html = response.get_data(as_text=True)
    assert f'href="/challenges/{challenge.id}"' in html
    assert f'href="/posts/{post.id}"' in html
    page = text_of(response)
    assert "Challenge" in page and "Discussion post" in page
    assert "Challenges (1)" in page and "Discussion posts (1)" in page
    # The post's address leads to the thread page that shows it.
    landing = client.get(f"/posts/{post.id}")
    assert landing.status_code in (302, 303) and f"/threads/{post.thread_id}" in landing.headers["Location"]
