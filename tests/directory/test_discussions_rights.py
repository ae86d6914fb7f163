"""A person's discussions, challenges and notifications: in their data download (theirs only), and after deletion."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from tests.helpers import submit, text_of
from zone_networks.accounts.models import FORMER_MEMBER_NAME, User
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.challenges.services import ChallengeDetails, OfferLinks, endorse, offer_help, post_challenge
from zone_networks.core.audit import AuditEvent
from zone_networks.core.clock import utcnow
from zone_networks.directory import deletion
from zone_networks.directory.data_export import source
from zone_networks.discussions.models import (
    Post,
    PostMention,
    PostReaction,
    PostReport,
    PostRevision,
    Thread,
    ThreadFollow,
    ThreadRead,
)
from zone_networks.discussions.reports import report_post
from zone_networks.discussions.services import create_post, delete_post, edit_post, start_thread, toggle_reaction
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership, Network
from zone_networks.notifications.models import Notification, NotificationPreference
from zone_networks.zones.models import Zone

OTHERS_WORDS = "Sam's own words about welding rigs"


def _network(slug: str) -> Network:
    return _db.session.scalars(select(Network).where(Network.slug == slug)).one()


def _zone(slug: str) -> Zone:
    return _db.session.scalars(select(Zone).where(Zone.slug == slug)).one()


@pytest.fixture()
def sam(db: Any) -> User:
    """Sam Other, Freeport East's skills lead, in the Skills Forum with Mina."""
    person = make_user("sam@east.example", "freeport-east", name="Sam Other")
    db.session.add(Membership(user_id=person.id, network_id=_network("skills-forum").id, role="member",
                              status="active"))
    db.session.commit()
    return person


def _talk(member: User, sam: User) -> dict[str, Any]:
    """Mina and Sam talk in a thread and on each other's challenges; everything through the services."""
    forum = _network("skills-forum")
    thread = start_thread(member, forum, "Welding apprenticeships", "Mina's opening words")
    [opening] = _db.session.scalars(select(Post).where(Post.thread_id == thread.id)).all()
    theirs, _new = create_post(sam, thread, f"@mina-member {OTHERS_WORDS}")
    reply, _new = create_post(member, thread, "Mina's first draft", quote_of=theirs)
    edit_post(member, reply, "Mina's reply, corrected")
    regret, _new = create_post(member, thread, "Mina's words taken back")
    delete_post(member, regret)
    toggle_reaction(member, theirs, "👍")
    toggle_reaction(sam, opening, "🎉")
    report_post(member, theirs, "Mina's reason for reporting")
    _db.session.add(NotificationPreference(user_id=member.id, kind="reply", delivery="never"))
    _db.session.commit()
    mine = post_challenge(member, forum, _zone("humber-freeport"), ChallengeDetails(
        title="Mina's challenge", theme="skills", problem="Mina's problem", help_wanted="Mina's help wanted"))
    others = post_challenge(sam, forum, _zone("freeport-east"), ChallengeDetails(
        title="Sam's challenge", theme="skills", problem="Sam's problem", help_wanted="Sam's help wanted"))
    endorse(sam, mine)
    endorse(member, others)
    offer, _new = offer_help(member, others, "Mina's offer: talk to me", OfferLinks(person_id=member.id))
    return {"thread": thread, "opening": opening, "theirs": theirs, "reply": reply, "regret": regret,
            "mine": mine, "others": others, "offer": offer}


def _download(client: Any) -> dict[str, bytes]:
    response = submit(client, "/account/data.zip", form_url="/account/data")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_download_holds_the_persons_discussions_challenges_and_notifications(db: Any, member: User, sam: User,
                                                                                 login: Any) -> None:
    made = _talk(member, sam)
    files = _download(login(member))
    data = json.loads(files["data.json"])

    assert {(row["title"], row["kind"], row["network_slug"]) for row in data["threads"]} == {
        ("Welding apprenticeships", "discussion", "skills-forum"), ("Mina's challenge", "challenge", "skills-forum")}
    posts = {row["id"]: row for row in data["posts"]}
    assert {made["opening"].id, made["reply"].id, made["regret"].id, made["offer"].post_id} <= set(posts)
    assert made["theirs"].id not in posts
    assert posts[made["reply"].id]["body"] == "Mina's reply, corrected"
    assert posts[made["reply"].id]["quote_of_id"] == made["theirs"].id
    assert [row["body"] for row in posts[made["reply"].id]["post_revisions"]] == ["Mina's first draft"]
    assert posts[made["regret"].id]["body"] == "" and posts[made["regret"].id]["deleted_at"]
    assert "client_id" not in posts[made["reply"].id] and "change_seq" not in posts[made["reply"].id]
    assert [(row["post_id"], row["emoji"]) for row in data["post_reactions"]] == [(made["theirs"].id, "👍")]
    assert [row["post_id"] for row in data["post_mentions"]] == [made["theirs"].id]
    [reported] = data["post_reports"]
    assert reported["reason"] == "Mina's reason for reporting" and "resolved_by_id" not in reported
    assert {row["thread_id"] for row in data["thread_follows"]} == {made["thread"].id, made["mine"].thread_id,
                                                                   made["others"].thread_id}
    assert made["thread"].id in {row["thread_id"] for row in data["thread_reads"]}
    [challenge] = data["challenges"]
    assert challenge["problem"] == "Mina's problem" and challenge["thread_title"] == "Mina's challenge"
    assert challenge["zone_name"] == "Humber Freeport"
    [endorsement] = data["challenge_endorsements"]
    assert endorsement["challenge_id"] == made["others"].id and endorsement["zone_name"] == "Humber Freeport"
    [offer] = data["challenge_offers"]
    assert offer["post_id"] == made["offer"].post_id and "person_id" not in offer
    assert [row["post_id"] for row in data["challenge_offers_naming_you"]] == [made["offer"].post_id]
    kinds = {row["kind"] for row in data["notifications"]}
    assert "mention" in kinds and all("actor_id" not in row for row in data["notifications"])
    assert data["notification_preferences"] == [{"id": data["notification_preferences"][0]["id"], "kind": "reply",
                                                 "delivery": "never"}]
    everything = b"".join(files.values()).decode("utf-8", "replace")
    assert OTHERS_WORDS not in everything  # Sam's post is his: only its id is in Mina's download
    assert "Sam's problem" not in everything and "Sam's help wanted" not in everything
    assert "posts.csv" in files and "challenge_offers_naming_you.csv" in files


def test_nothing_of_the_person_is_in_someone_elses_download(db: Any, member: User, sam: User, login: Any) -> None:
    _talk(member, sam)
    files = _download(login(sam))
    everything = b"".join(files.values()).decode("utf-8", "replace")
    for words in ("Mina's reply", "Mina's first draft", "Mina's words taken back", "Mina's reason", "Mina's problem",
                  "Mina's offer"):
        assert words not in everything, words
    data = json.loads(files["data.json"])
    assert [row["thread_title"] for row in data["challenges"]] == ["Sam's challenge"]
    assert data["post_reports"] == [] and data["challenge_offers"] == []


def test_the_registry_follows_every_link_of_the_new_tables() -> None:
    assert source("posts").links == ("author_id",)
    assert source("post_reports").links == ("reporter_id",)
    assert source("challenges").links == ("owner_id",)
    assert source("challenge_offers_naming_you").links == ("person_id",)
    assert source("notifications").links == ("user_id",)


# Deleting the account ---------------------------------------------------------------------------------------

def _delete(member: User, secretariat: User) -> None:
    member.deletion_requested_at = utcnow() - timedelta(days=1)
    _db.session.commit()
    assert deletion.confirm_deletion(secretariat, member)
    _db.session.expire_all()


def _count(model: Any, *where: Any) -> int:
    return int(_db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_their_posts_and_challenges_stay_as_a_former_members(db: Any, member: User, sam: User, secretariat: User,
                                                              login: Any) -> None:
    made = _talk(member, sam)
    _delete(member, secretariat)

    reply = db.session.get(Post, made["reply"].id)
    assert reply is not None and reply.author_id == member.id and reply.body == "Mina's reply, corrected"
    assert _count(PostRevision, PostRevision.post_id == reply.id) == 1  # the history of a post still shown
    challenge = db.session.get(Challenge, made["mine"].id)
    assert challenge is not None and challenge.owner_id == member.id
    assert _count(ChallengeEndorsement, ChallengeEndorsement.user_id == member.id) == 1  # Humber still has it too
    assert _count(PostReport, PostReport.reporter_id == member.id) == 1  # a moderation record
    page = text_of(login(sam).get(f"/threads/{made['thread'].id}"))
    assert FORMER_MEMBER_NAME in page and "Mina Member" not in page and "Mina's reply, corrected" in page


def test_what_is_about_the_person_goes(db: Any, member: User, sam: User, secretariat: User) -> None:
    made = _talk(member, sam)
    theirs = made["theirs"]
    before = (db.session.get(Post, theirs.id).change_seq, db.session.get(Thread, made["thread"].id).last_seq)
    _delete(member, secretariat)

    for model in (PostMention, PostReaction, ThreadFollow, ThreadRead, Notification, NotificationPreference):
        assert _count(model, model.user_id == member.id) == 0, model.__tablename__
    # Removing Mina's reaction is a change to Sam's post: it takes the thread's next number.
    post, thread = db.session.get(Post, theirs.id), db.session.get(Thread, made["thread"].id)
    assert post.change_seq > before[0] and thread.last_seq == before[1] + 1 and post.change_seq == thread.last_seq
    assert _count(PostReaction, PostReaction.post_id == made["opening"].id) == 1  # Sam's reaction to Mina stays
    # The words she took back go with their history.
    assert _count(PostRevision, PostRevision.post_id == made["regret"].id) == 0
    offer = db.session.get(ChallengeOffer, made["offer"].post_id)
    assert offer is not None and offer.person_id is None
    titles = db.session.scalars(select(Notification.title).where(Notification.actor_id == member.id)).all()
    assert titles and all("Mina Member" not in title for title in titles)
    assert any(FORMER_MEMBER_NAME in title for title in titles)
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "person.deletion_confirmed")).all()
    assert event.details["mentions_removed"] == 1 and event.details["reactions_removed"] == 1
    assert event.details["notifications_removed"] >= 1
