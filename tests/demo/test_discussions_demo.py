"""Demo discussions and challenges: realistic, consistent with the sequence rule, indexed, idempotent; --posts N."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.demo import DEFAULT_SEED
from zone_networks.demo.discussions_content import THREADS
from zone_networks.demo.plan import DEMO_LOGINS
from zone_networks.demo.posts_scale import CLIENT_PREFIX, RUN, build_scale_posts
from zone_networks.demo.services import build_demo_data
from zone_networks.discussions.models import (
    Post,
    PostMention,
    PostReaction,
    PostRevision,
    Thread,
    ThreadFollow,
)
from zone_networks.fulltext.engine import search
from zone_networks.fulltext.models import SearchEntry
from zone_networks.networks.models import Network
from zone_networks.notifications.models import Notification

MEMBER = DEMO_LOGINS[0]  # the Humber Freeport's skills lead


@pytest.fixture()
def demo(db: Any) -> None:
    """The demo data, as `flask demo` makes it."""
    build_demo_data(seed=DEFAULT_SEED)
    db.session.remove()


def _counts(db: Any) -> dict[str, int]:
    return {model.__tablename__: int(db.session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Thread, Post, PostReaction, PostRevision, PostMention, Challenge, ChallengeEndorsement,
                          ChallengeOffer, Notification, SearchEntry)}


def assert_sequence_rule(db: Any, threads: list[Thread]) -> None:
    """Every thread's counters agree with its posts: seq unique, change_seq >= seq, the last numbers and count."""
    posts: dict[int, list[Post]] = defaultdict(list)
    for post in db.session.scalars(select(Post).where(Post.thread_id.in_([t.id for t in threads]))):
        posts[post.thread_id].append(post)
    for thread in threads:
        mine = posts[thread.id]
        assert thread.post_count == len(mine), thread.title
        if not mine:
            assert thread.last_seq == thread.last_post_seq == 0, thread.title
            continue
        assert len({post.seq for post in mine}) == len(mine), thread.title
        assert all(post.change_seq >= post.seq for post in mine), thread.title
        assert thread.last_post_seq == max(post.seq for post in mine), thread.title
        assert thread.last_seq == max(post.change_seq for post in mine), thread.title
        # No two stored changes share a number: each post's latest change has its own.
        assert len({post.change_seq for post in mine}) == len(mine), thread.title


def test_each_network_has_demo_threads_with_replies_mentions_reactions_and_an_edit(db: Any, demo: None) -> None:
    threads = list(db.session.scalars(select(Thread).where(Thread.kind == "discussion")))
    assert {thread.title for thread in threads} == {plan.title for plan in THREADS}
    assert all(thread.is_demo for thread in threads)
    networks = {network.id: network.slug for network in db.session.scalars(select(Network))}
    by_network = Counter(networks[thread.network_id] for thread in threads)
    assert set(by_network) == {"skills-forum", "innovation-leads", "net-zero"} and min(by_network.values()) >= 2
    assert {networks[thread.network_id] for thread in threads if thread.is_pinned} == set(by_network)
    assert max(thread.post_count for thread in threads) >= 4
    assert_sequence_rule(db, threads)
    posts = list(db.session.scalars(select(Post).where(Post.is_demo.is_(True))))
    assert all(post.author_id is not None and post.body_html for post in posts)
    edited = [post for post in posts if post.edit_count]
    assert edited and all(post.edited_at is not None for post in edited)
    [revision] = db.session.scalars(select(PostRevision).where(PostRevision.post_id == edited[0].id)).all()
    assert revision.body != edited[0].body and revision.editor_id == edited[0].author_id
    assert db.session.scalar(select(func.count()).select_from(PostReaction)) >= 10
    assert db.session.scalar(select(func.count()).select_from(ThreadFollow)) >= len(threads)
    assert any(post.quote_of_id for post in posts)


def test_mentions_are_linked_recorded_and_notified(db: Any, demo: None) -> None:
    member = db.session.scalars(select(User).where(User.email == MEMBER.email)).one()
    [mention] = db.session.scalars(select(PostMention).where(PostMention.user_id == member.id)).all()
    post = db.session.get(Post, mention.post_id)
    assert post is not None and f'href="/people/{member.id}"' in post.body_html
    [notification] = db.session.scalars(select(Notification).where(Notification.user_id == member.id)).all()
    assert notification.kind == "mention" and notification.read_at is None
    assert notification.url == f"/posts/{post.id}" and "mentioned you" in notification.title


def test_challenges_have_endorsements_offers_and_each_status(db: Any, demo: None) -> None:
    challenges = list(db.session.scalars(select(Challenge)))
    assert 4 <= len(challenges) <= 6 and all(challenge.is_demo and challenge.thread.is_demo for challenge in challenges)
    assert {challenge.status for challenge in challenges} == {"open", "matched", "resolved"}
    assert {challenge.theme for challenge in challenges} >= {"skills", "innovation", "net_zero"}
    assert_sequence_rule(db, [challenge.thread for challenge in challenges])
    for challenge in challenges:
        endorsements = list(db.session.scalars(select(ChallengeEndorsement)
                                               .where(ChallengeEndorsement.challenge_id == challenge.id)))
        assert challenge.endorsement_count == len(endorsements) >= 1
        assert challenge.zone_id not in {endorsement.zone_id for endorsement in endorsements}
        offers = list(db.session.scalars(select(ChallengeOffer).where(ChallengeOffer.challenge_id == challenge.id)))
        assert challenge.offer_count == len(offers)
        assert challenge.sectors and challenge.problem and challenge.help_wanted
    offers = list(db.session.scalars(select(ChallengeOffer)))
    assert any(offer.case_study_id for offer in offers) and any(offer.document_id for offer in offers)
    assert any(offer.person_id for offer in offers)
    matched = [challenge for challenge in challenges if challenge.status == "matched"]
    assert matched and all(challenge.matched_at is not None for challenge in matched)
    [resolved] = [challenge for challenge in challenges if challenge.status == "resolved"]
    assert resolved.resolved_at is not None and resolved.case_study_id is not None
    written = db.session.get(CaseStudy, resolved.case_study_id)
    assert written is not None and written.is_demo and written.title == resolved.title


def test_demo_meeting_rooms_exist_and_the_next_forums_room_has_posts(db: Any, demo: None) -> None:
    rooms = list(db.session.scalars(select(Thread).where(Thread.kind == "meeting")))
    assert rooms and all(room.is_demo for room in rooms)
    assert any(room.post_count >= 2 for room in rooms)
    assert_sequence_rule(db, rooms)


def test_demo_posts_and_challenges_are_indexed_for_their_networks(db: Any, demo: None) -> None:
    visible = db.session.scalar(select(func.count(Post.id)).where(Post.deleted_at.is_(None),
                                                                   Post.hidden_at.is_(None)))
    assert db.session.scalar(select(func.count(SearchEntry.id)).where(SearchEntry.kind == "post")) == visible
    assert db.session.scalar(select(func.count(SearchEntry.id)).where(SearchEntry.kind == "challenge")) == \
        db.session.scalar(select(func.count(Challenge.id)))
    member = db.session.scalars(select(User).where(User.email == MEMBER.email)).one()
    found = search(member, "offshore wind technicians")
    assert {hit.kind for hit in found.hits} >= {"post", "challenge"}
    # The member is not in the Innovation Leads Network: its challenges are not found.
    assert search(member, "machine monitoring", kinds=["challenge"]).total == 0


def test_the_demo_member_sees_the_threads_and_challenges(db: Any, demo: None, client: Any) -> None:
    member = db.session.scalars(select(User).where(User.email == MEMBER.email)).one()
    thread = db.session.scalars(select(Thread).where(Thread.title == THREADS[1].title)).one()
    challenge = db.session.scalars(select(Challenge).where(Challenge.owner_id == member.id)).first()
    with client.session_transaction() as session:
        session["_user_id"] = member.get_id()
        session["_fresh"] = True
    page = client.get(f"/threads/{thread.id}")
    assert page.status_code == 200 and thread.title in text_of(page)
    assert challenge is not None
    page = client.get(f"/challenges/{challenge.id}")
    assert page.status_code == 200 and challenge.title in text_of(page)


def test_running_again_adds_nothing(db: Any, demo: None) -> None:
    before = _counts(db)
    build_demo_data(seed=DEFAULT_SEED)
    db.session.remove()
    assert _counts(db) == before


# --posts N ----------------------------------------------------------------------------------------------------

def _run(app: Flask, *args: str) -> Any:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def _generated(db: Any) -> list[Post]:
    db.session.expire_all()
    return list(db.session.scalars(select(Post).where(Post.client_id.like(f"{CLIENT_PREFIX}%")).order_by(Post.id)))


def _check_generated(db: Any, count: int) -> None:
    posts = _generated(db)
    assert len(posts) == count
    numbers = sorted(int((post.client_id or "").removeprefix(CLIENT_PREFIX)) for post in posts)
    assert numbers == list(range(1, count + 1))
    threads = list(db.session.scalars(select(Thread).where(Thread.id.in_({post.thread_id for post in posts}))))
    assert len(threads) == -(-count // RUN) or len(threads) == 300
    assert_sequence_rule(db, threads)
    for thread in threads:  # generated threads hold only generated posts, numbered 1, 2, 3...
        seqs = sorted(post.seq for post in posts if post.thread_id == thread.id)
        assert seqs == list(range(1, len(seqs) + 1))
    assert all(post.change_seq == post.seq and post.is_demo and post.body and post.body_html for post in posts)
    assert {thread.network_id for thread in threads} == set(db.session.scalars(select(Network.id)))
    indexed = set(db.session.scalars(select(SearchEntry.object_id).where(SearchEntry.kind == "post")))
    assert {post.id for post in posts} <= indexed


def test_demo_posts_option_generates_consistent_indexed_posts_once(app: Flask, db: Any) -> None:
    result = _run(app, "demo", "--posts", "300")
    assert "Generated demo posts: 300 added, 300 in all, in 12 threads." in result.output
    _check_generated(db, 300)
    bodies = [post.body for post in _generated(db)]
    assert len(set(bodies)) > 250  # varied text
    result = _run(app, "demo", "--posts", "300")
    assert "0 added, 300 in all" in result.output
    _check_generated(db, 300)


def test_more_posts_continue_the_same_threads(db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    build_scale_posts(60, DEFAULT_SEED)
    first = {post.id: (post.thread_id, post.seq, post.body) for post in _generated(db)}
    summary = build_scale_posts(130, DEFAULT_SEED)
    assert (summary.created, summary.total) == (70, 130)
    _check_generated(db, 130)
    after = {post.id: (post.thread_id, post.seq, post.body) for post in _generated(db)}
    assert all(after[post_id] == values for post_id, values in first.items())
    assert search(db.session.scalars(select(User).where(User.email == MEMBER.email)).one(), "skills").total > 0
