"""The challenge page and the board: who sees what (both ways), and what each person is offered."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.challenges.support import EAST, fresh, lead, make_challenge, make_offer
from tests.helpers import text_of
from zone_networks.accounts.models import User


def test_anonymous_visitors_are_sent_to_sign_in(client, poster) -> None:
    challenge = make_challenge(poster)
    for url in ("/challenges", f"/challenges/{challenge.id}", "/challenges/new"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_members_of_the_network_see_the_challenge(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    page = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "Not enough welders for offshore wind" in page
    assert "<strong>fabrication yards</strong>" in page  # Markdown rendered
    assert "Adverts in the local paper." in page and "A zone that ran a welding academy." in page
    assert "Humber Freeport" in page and "Pat Poster" in page
    assert "We have this too" in page and "Offer help" in page


@pytest.mark.parametrize("who", ["outsider", "member"])
def test_people_outside_the_network_get_404(request, client, login, poster, who) -> None:
    challenge = make_challenge(poster)
    login(request.getfixturevalue(who))
    assert client.get(f"/challenges/{challenge.id}").status_code == 404
    assert client.get(f"/challenges/{challenge.id}/edit").status_code == 404
    assert "welders" not in text_of(client.get("/challenges"))


def test_a_member_removed_from_the_network_loses_access(client, login, poster, peer, db) -> None:
    from sqlalchemy import update

    from zone_networks.networks.models import Membership

    challenge = make_challenge(poster)
    db.session.execute(update(Membership).where(Membership.user_id == peer.id).values(status="removed"))
    db.session.commit()
    login(peer)
    assert client.get(f"/challenges/{challenge.id}").status_code == 404


def test_the_staff_see_every_challenge(client, login, poster, secretariat) -> None:
    challenge = make_challenge(poster)
    login(secretariat)
    assert client.get(f"/challenges/{challenge.id}").status_code == 200
    assert "welders" in text_of(client.get("/challenges"))


def test_a_missing_challenge_is_404(client, login, peer) -> None:
    login(peer)
    assert client.get("/challenges/999999").status_code == 404


def test_the_owner_is_not_offered_we_have_this_too_or_offer_help(client, login, poster) -> None:
    challenge = make_challenge(poster)
    login(poster)
    page = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "We have this too" not in page and 'id="offer-help"' not in page
    assert "Edit challenge" in page and "Mark as resolved" in page


def test_someone_from_the_same_zone_sees_no_endorse_button(client, login, poster, neighbour) -> None:
    challenge = make_challenge(poster)
    login(neighbour)
    page = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "We have this too</button" not in page and "We have this too<span" not in page
    assert "Edit challenge" not in page and "Mark as resolved" not in page


def test_offers_show_only_the_links_the_viewer_may_see(client, login, poster, peer, member) -> None:
    from tests.casestudies.support import make_document

    challenge = make_challenge(poster)
    # A document for every member, linked by the peer; a Skills Forum document linked by someone in both networks.
    both = lead("both@east.example", EAST, "innovation-leads", "skills-forum", name="Bo Both")
    shared = make_document("innovation-leads", title="Academy plan", visibility="members")
    private = make_document("skills-forum", title="Forum only plan")
    make_offer(peer, challenge, document_id=shared.id)
    make_offer(both, challenge, document_id=private.id)
    login(peer)
    page = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "Academy plan" in page and "Forum only plan" not in page
    login(both)
    assert "Forum only plan" in text_of(client.get(f"/challenges/{challenge.id}"))


def test_the_page_runs_the_same_queries_for_few_and_many_offers(client, login, poster, peer, count_queries,
                                                                 db) -> None:
    challenge_id = make_challenge(poster).id
    peer_id = peer.id
    emails = [f"helper{i}@east.example" for i in range(12)]
    for email in emails:
        lead(email, EAST)
    login(peer)
    totals = []
    for batch in (emails[:2], emails[2:]):
        for email in batch:
            person = db.session.scalars(select(User).where(User.email == email)).one()
            make_offer(person, fresh(challenge_id), person_id=peer_id)
        db.session.remove()
        with count_queries() as statements:
            response = client.get(f"/challenges/{challenge_id}")
        assert response.status_code == 200
        totals.append(len(statements))
    assert totals[0] == totals[1], totals


def test_the_challenge_thread_page_links_back_to_the_challenge(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    page = text_of(client.get(f"/threads/{challenge.thread_id}"))
    assert f'href="/challenges/{challenge.id}"' in page


def test_the_discussion_shows_the_threads_posts_with_their_controls(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    offer = make_offer(peer, challenge, body="We ran an **academy**.")
    login(peer)
    page = text_of(client.get(f"/challenges/{challenge.id}"))
    assert f'id="post-{offer.post_id}"' in page and "<strong>academy</strong>" in page
    assert "Challenge posted: Not enough welders for offshore wind." in page
    assert f'href="/posts/{offer.post_id}/edit"' in page  # the author's own post: edit and delete
    assert f'href="/threads/{challenge.thread_id}#reply"' in page
