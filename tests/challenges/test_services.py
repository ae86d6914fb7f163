"""The challenge services: posting, "we have this too", offers, status changes; rules refuse and write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.casestudies.support import make_case_study, make_document
from tests.challenges.support import (
    EAST,
    GLASGOW,
    HUMBER,
    counts,
    details,
    fresh,
    lead,
    make_challenge,
    make_offer,
    network,
    notifications,
    sector,
    zone,
)
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.models import ChallengeEndorsement
from zone_networks.challenges.services import (
    OfferLinks,
    endorse,
    mark_helped,
    offer_help,
    post_challenge,
    reopen,
    resolve,
    update_challenge,
)
from zone_networks.core.audit import AuditEvent
from zone_networks.discussions.models import Post, Thread, ThreadFollow
from zone_networks.extensions import db


def test_posting_makes_a_challenge_thread_with_a_fixed_first_post(poster, peer) -> None:
    challenge = make_challenge(poster, sector_ids=[sector("clean-energy-industries").id])
    challenge = fresh(challenge.id)
    thread = db.session.get_one(Thread, challenge.thread_id)
    assert thread.kind == "challenge" and thread.title == "Not enough welders for offshore wind"
    assert thread.network_id == network("innovation-leads").id
    assert challenge.zone_id == zone(HUMBER).id and challenge.owner_id == poster.id
    assert [s.slug for s in challenge.sectors] == ["clean-energy-industries"]
    assert challenge.status == "open" and challenge.endorsement_count == 0 and challenge.offer_count == 0
    posts = list(db.session.scalars(select(Post).where(Post.thread_id == thread.id)))
    assert len(posts) == 1 and posts[0].seq == 1 and "Challenge posted" in posts[0].body
    assert thread.post_count == 1 and thread.last_seq == 1
    follow = db.session.get(ThreadFollow, (poster.id, thread.id))
    assert follow is not None


def test_posting_notifies_the_networks_members_but_not_the_poster(poster, peer, member) -> None:
    challenge = make_challenge(poster)
    rows = notifications("challenge")
    assert [row.user_id for row in rows] == [peer.id]  # member is not in the Innovation Leads Network
    assert rows[0].url == f"/challenges/{challenge.id}"
    assert "Humber Freeport" in rows[0].title and "welders" in rows[0].title


def test_posting_broadcasts_challenge_created_to_the_network_room(poster, monkeypatch) -> None:
    sent: list[tuple[str, Any, dict[str, Any]]] = []
    from zone_networks.extensions import socketio

    monkeypatch.setattr(socketio, "emit", lambda event, data, **kw: sent.append((event, data, kw)))
    challenge = make_challenge(poster)
    created = [item for item in sent if item[0] == "challenge.created"]
    assert len(created) == 1
    _, data, kw = created[0]
    assert data == {"id": challenge.id, "title": "Not enough welders for offshore wind",
                    "url": f"/challenges/{challenge.id}", "network_id": network("innovation-leads").id,
                    "zone": "Humber Freeport"}
    assert kw["to"] == f"network:{network('innovation-leads').id}" and kw["namespace"] == "/live"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"theme": "weather"}, "theme"),
    ({"problem": "  "}, "problem"), ({"help_wanted": ""}, "help_wanted"), ({"tried": "x" * 5001}, "tried"),
    ({"sector_ids": [999_999]}, "sectors"),
])
def test_bad_details_write_nothing(poster, overrides, field) -> None:
    before = counts()
    with pytest.raises(ChallengeError) as caught:
        make_challenge(poster, **overrides)
    assert caught.value.field == field
    assert counts() == before


def test_only_for_your_own_zone_and_your_own_networks(poster) -> None:
    before = counts()
    with pytest.raises(ChallengeError) as caught:
        post_challenge(poster, network("innovation-leads"), zone(EAST), details())
    assert caught.value.field == "zone"
    with pytest.raises(ChallengeError) as caught:
        post_challenge(poster, network("skills-forum"), zone(HUMBER), details())
    assert caught.value.field == "network"
    assert counts() == before


def test_the_staff_post_for_any_zone_in_any_network(secretariat) -> None:
    challenge = make_challenge(secretariat, "net-zero", zone_slug=GLASGOW)
    assert fresh(challenge.id).zone_id == zone(GLASGOW).id


def test_one_endorsement_per_zone_counted(poster, peer, colleague) -> None:
    challenge = make_challenge(poster)
    assert endorse(peer, challenge) is True
    before = counts()
    assert endorse(colleague, fresh(challenge.id)) is False
    assert counts() == before
    assert fresh(challenge.id).endorsement_count == 1


def test_own_zone_and_zoneless_people_cannot_endorse(poster, neighbour, official) -> None:
    challenge = make_challenge(poster)
    before = counts()
    for person in (poster, neighbour, official):
        with pytest.raises(ChallengeError):
            endorse(person, challenge)
    assert counts() == before


def test_an_endorsement_race_is_settled_by_the_unique_constraint(poster, peer, colleague, monkeypatch) -> None:
    challenge = make_challenge(poster)
    endorse(peer, challenge)
    # The second person's check ran before the first insert committed: the database refuses the duplicate.
    import zone_networks.challenges.services as services

    real_scalar = db.session.scalar
    monkeypatch.setattr(db.session, "scalar", lambda *a, **k: None)
    assert services.endorse(colleague, fresh(challenge.id)) is False
    monkeypatch.setattr(db.session, "scalar", real_scalar)
    assert len(list(db.session.scalars(select(ChallengeEndorsement)))) == 1
    assert fresh(challenge.id).endorsement_count == 1


def test_an_offer_is_a_post_with_links_and_notifies_the_owner(poster, peer, colleague, member) -> None:
    challenge = make_challenge(poster)
    document = make_document("innovation-leads", title="Welding academy plan")
    case_study = make_case_study(member, title="Welding academy")
    offer = make_offer(peer, challenge, person_id=colleague.id, document_id=document.id,
                       case_study_id=case_study.id)
    post = db.session.get_one(Post, offer.post_id)
    assert post.thread_id == challenge.thread_id and post.author_id == peer.id and post.seq == 2
    assert (offer.person_id, offer.document_id, offer.case_study_id) == (colleague.id, document.id, case_study.id)
    assert fresh(challenge.id).offer_count == 1
    rows = notifications("offer")
    assert [row.user_id for row in rows] == [poster.id]
    assert rows[0].url == f"/challenges/{challenge.id}#post-{post.id}"
    # The owner follows the thread, but hears about an offer once: as an offer, not also as a reply.
    assert poster.id not in [row.user_id for row in notifications("reply")]


def test_a_repeated_offer_with_the_same_client_id_is_stored_once(poster, peer) -> None:
    challenge = make_challenge(poster)
    first, created = offer_help(peer, challenge, "We can help.", OfferLinks(), client_id="abc")
    again, created_again = offer_help(peer, fresh(challenge.id), "We can help.", OfferLinks(), client_id="abc")
    assert created and not created_again and first.post_id == again.post_id
    assert fresh(challenge.id).offer_count == 1


@pytest.mark.parametrize("link", ["document", "case_study", "person"])
def test_an_offer_cannot_link_what_its_author_cannot_see(poster, peer, member, outsider, link) -> None:
    challenge = make_challenge(poster)
    hidden_document = make_document("skills-forum", title="Skills Forum only")  # peer is not in the Skills Forum
    draft = make_case_study(member, status="draft", title="A draft")
    values = {"document": {"document_id": hidden_document.id}, "case_study": {"case_study_id": draft.id},
              "person": {"person_id": outsider.id}}[link]  # the outsider is not in the network
    before = counts()
    with pytest.raises(ChallengeError) as caught:
        offer_help(peer, challenge, "Look at this.", OfferLinks(**values))
    assert caught.value.field == link
    assert counts() == before


def test_an_empty_offer_writes_nothing(poster, peer) -> None:
    challenge = make_challenge(poster)
    before = counts()
    with pytest.raises(ChallengeError) as caught:
        offer_help(peer, challenge, "   ", OfferLinks())
    assert caught.value.field == "body" and caught.value.message == "Enter a message"
    assert counts() == before


def test_helped_then_resolved_then_reopened(poster, peer) -> None:
    challenge = make_challenge(poster)
    offer = make_offer(peer, challenge)
    assert mark_helped(poster, fresh(challenge.id), offer) is True
    changed = fresh(challenge.id)
    assert changed.status == "matched" and changed.matched_at is not None
    assert mark_helped(poster, changed, offer) is False
    assert resolve(poster, changed) is True
    assert fresh(challenge.id).status == "resolved" and fresh(challenge.id).resolved_at is not None
    assert resolve(poster, fresh(challenge.id)) is False
    assert reopen(poster, fresh(challenge.id)) is True
    assert fresh(challenge.id).status == "matched" and fresh(challenge.id).resolved_at is None
    assert reopen(poster, fresh(challenge.id)) is False


def test_reopening_without_a_helpful_offer_goes_back_to_open(poster) -> None:
    challenge = make_challenge(poster)
    resolve(poster, challenge)
    reopen(poster, fresh(challenge.id))
    assert fresh(challenge.id).status == "open"


def test_editing_changes_the_thread_title_and_the_staff_are_audited(poster, secretariat) -> None:
    challenge = make_challenge(poster)
    assert update_challenge(poster, challenge, details(title="Welders wanted")) is True
    assert db.session.get_one(Thread, fresh(challenge.id).thread_id).title == "Welders wanted"
    assert not list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "challenge.edited")))
    assert update_challenge(secretariat, fresh(challenge.id), details(title="Welders wanted"), zone(GLASGOW)) is True
    assert fresh(challenge.id).zone_id == zone(GLASGOW).id
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "challenge.edited")))
    assert len(events) == 1 and events[0].details["changed"] == ["zone"]


def test_editing_without_changes_writes_nothing(poster) -> None:
    challenge = make_challenge(poster)
    assert update_challenge(poster, challenge, details()) is False


def test_the_staff_resolving_someone_elses_challenge_is_audited(poster, secretariat) -> None:
    challenge = make_challenge(poster)
    resolve(secretariat, challenge)
    actions = list(db.session.scalars(select(AuditEvent.action)))
    assert "challenge.resolved" in actions


def test_people_in_other_networks_get_no_notification(poster) -> None:
    other = lead("other@east.example", EAST, "skills-forum")
    make_challenge(poster)
    assert other.id not in {row.user_id for row in notifications("challenge")}
