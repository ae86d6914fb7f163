"""The index follows discussion posts and challenges: text, titles, audience, deletion, hiding, reindex."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete

from tests.search.index_support import entry, entry_count, sector, zone
from tests.search.page_support import make_meeting
from tests.search.posts_support import add_post, make_challenge, make_thread, meeting_room, network
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db as _db
from zone_networks.fulltext.models import SearchEntry
from zone_networks.search import indexer


def test_a_post_is_indexed_with_its_threads_title_and_its_words(db: Any, member: Any) -> None:
    thread = make_thread("Welding apprenticeships", author=member)
    post = add_post(thread, "We train **welders** with [Hull College](https://example.org/hull).", author=member)
    indexed = entry("post", post.id)
    assert indexed is not None
    assert indexed.title == "Welding apprenticeships"
    assert "We train welders with Hull College." in indexed.body
    assert "**" not in indexed.body and "example.org" not in indexed.body
    assert (indexed.audience, indexed.network_id) == ("network", network("skills-forum").id)
    # The author gets no access of their own: someone who left the network cannot open the thread.
    assert indexed.owner_id is None
    assert (indexed.zone_ids, indexed.sector_ids) == ([], [])


def test_an_edit_rewrites_the_entry(db: Any, member: Any) -> None:
    post = add_post(make_thread("Welding"), "First words", author=member)
    post.body = "Second thoughts about cofferdams"
    post.body_html = "<p>Second thoughts about cofferdams</p>"
    post.edited_at = utcnow()
    db.session.commit()
    indexed = entry("post", post.id)
    assert indexed is not None and indexed.body == "Second thoughts about cofferdams"


@pytest.mark.parametrize("column", ["deleted_at", "hidden_at"])
def test_deleted_and_hidden_posts_leave_the_index(db: Any, member: Any, column: str) -> None:
    post = add_post(make_thread("Welding"), "Words to take back", author=member)
    assert entry("post", post.id) is not None
    setattr(post, column, utcnow())
    if column == "deleted_at":
        post.body = post.body_html = ""
    db.session.commit()
    assert entry("post", post.id) is None
    if column == "hidden_at":  # a moderator shows it again
        post.hidden_at = None
        db.session.commit()
        assert entry("post", post.id) is not None


def test_renaming_a_thread_renames_its_posts_and_challenge(db: Any, member: Any, convenor: Any) -> None:
    challenge = make_challenge("Port data", zone=zone("humber-freeport"), owner=convenor, problem="Paper forms")
    posts = [add_post(challenge.thread, f"Reply {number}", author=convenor) for number in range(3)]
    challenge.thread.title = "Port community systems"
    db.session.commit()
    assert {entry("post", post.id).title for post in posts} == {"Port community systems"}  # type: ignore[union-attr]
    assert entry("challenge", challenge.id).title == "Port community systems"  # type: ignore[union-attr]


def test_counter_changes_do_not_rewrite_entries(db: Any, member: Any, count_queries: Any) -> None:
    thread = make_thread("Welding")
    post = add_post(thread, "Words", author=member)
    with count_queries() as statements:
        thread.last_seq += 1  # a reaction: the post takes the next change number, its words stay
        post.change_seq = thread.last_seq
        db.session.commit()
    assert not [statement for statement in statements if "search_entries" in statement]


def test_a_draft_meetings_room_is_for_its_convenors_until_published(db: Any, secretariat: Any) -> None:
    meeting = make_meeting("Planning call", network_slug="innovation-leads", status="draft")
    room = meeting_room(meeting) or make_thread("Planning call", network_slug="innovation-leads", kind="meeting",
                                                meeting=meeting)
    post = add_post(room, "Agenda ideas", author=secretariat)
    indexed = entry("post", post.id)
    assert indexed is not None and (indexed.audience, indexed.network_id) == ("convenors",
                                                                              network("innovation-leads").id)
    meeting.status = "scheduled"
    meeting.starts_at = meeting.starts_at + timedelta(minutes=1)
    db.session.commit()
    assert entry("post", post.id).audience == "network"  # type: ignore[union-attr]


def test_a_challenge_is_indexed_with_its_structure(db: Any, convenor: Any) -> None:
    hydrogen = sector("clean-energy-industries")
    challenge = make_challenge(
        "Hydrogen skills", zone=zone("wrexham-and-flintshire-investment-zone"), owner=convenor,
        problem="No **electrolyser** technicians", tried="Short courses", help_wanted="A college partner",
        sectors=[hydrogen])
    indexed = entry("challenge", challenge.id)
    assert indexed is not None
    assert indexed.title == "Hydrogen skills"
    for words in ("No electrolyser technicians", "Short courses", "A college partner", "Wrexham", "Wrecsam"):
        assert words in indexed.body, words
    assert (indexed.audience, indexed.network_id, indexed.owner_id) == ("network", network("innovation-leads").id,
                                                                        None)
    assert indexed.zone_ids == [zone("wrexham-and-flintshire-investment-zone").id]
    assert indexed.sector_ids == [hydrogen.id]


def test_challenge_edits_and_zone_renames_are_indexed(db: Any, convenor: Any) -> None:
    challenge = make_challenge("Hydrogen skills", zone=zone("humber-freeport"), owner=convenor, problem="Before")
    challenge.problem = "After the edit"
    challenge.sectors = [sector("digital-and-technologies")]
    db.session.commit()
    indexed = entry("challenge", challenge.id)
    assert indexed is not None and "After the edit" in indexed.body and "Before" not in indexed.body
    assert indexed.sector_ids == [sector("digital-and-technologies").id]
    humber = zone("humber-freeport")
    humber.aliases = "Yr Humber"
    db.session.commit()
    assert "Yr Humber" in entry("challenge", challenge.id).body  # type: ignore[union-attr]


def test_deleting_a_thread_removes_its_entries(db: Any, convenor: Any) -> None:
    challenge = make_challenge("Port data", zone=zone("humber-freeport"), owner=convenor)
    post_id, challenge_id = add_post(challenge.thread, "Reply", author=convenor).id, challenge.id
    db.session.delete(challenge.thread)
    db.session.commit()
    assert entry("post", post_id) is None and entry("challenge", challenge_id) is None


def test_reindex_rebuilds_posts_and_challenges_and_skips_the_removed(db: Any, member: Any, convenor: Any) -> None:
    thread = make_thread("Welding")
    kept = add_post(thread, "Kept words", author=member)
    gone = add_post(thread, "Hidden words", author=member, hidden_at=utcnow())
    challenge = make_challenge("Port data", zone=zone("humber-freeport"), owner=convenor)
    _db.session.execute(delete(SearchEntry).where(SearchEntry.kind.in_(("post", "challenge"))))
    _db.session.commit()
    counts = indexer.reindex()
    assert counts["post"] == 1 and counts["challenge"] == 1
    assert entry("post", kept.id) is not None and entry("post", gone.id) is None
    assert entry("challenge", challenge.id) is not None
    assert entry_count("post") == 1


def test_the_services_keep_the_index_in_step(db: Any, member: Any, secretariat: Any) -> None:
    """Posting, editing, hiding, showing and deleting through discussions' and challenges' own services."""
    from zone_networks.challenges.services import ChallengeDetails, post_challenge, update_challenge
    from zone_networks.discussions.moderation import hide_post, show_post
    from zone_networks.discussions.services import create_post, delete_post, edit_post, start_thread

    thread = start_thread(member, network("skills-forum"), "Quayside cranes", "Who maintains quayside cranes?")
    post, _new = create_post(member, thread, "Crane **apprenticeships** in Hull")
    assert "Crane apprenticeships in Hull" in entry("post", post.id).body  # type: ignore[union-attr]
    edit_post(member, post, "Crane traineeships in Grimsby")
    assert "Grimsby" in entry("post", post.id).body  # type: ignore[union-attr]
    hide_post(secretariat, post, "Off topic for this thread")
    assert entry("post", post.id) is None
    show_post(secretariat, post)
    assert entry("post", post.id) is not None
    delete_post(member, post)
    assert entry("post", post.id) is None
    challenge = post_challenge(member, network("skills-forum"), zone("humber-freeport"), ChallengeDetails(
        title="Crane drivers", theme="skills", problem="Too few crane drivers", help_wanted="A training partner"))
    assert entry("challenge", challenge.id).title == "Crane drivers"  # type: ignore[union-attr]
    update_challenge(member, challenge, ChallengeDetails(
        title="Crane operators", theme="skills", problem="Too few crane operators", help_wanted="A college"))
    indexed = entry("challenge", challenge.id)
    assert indexed is not None and indexed.title == "Crane operators" and "A college" in indexed.body
