"""The discussion services: starting threads, posting, idempotency, editing, deleting, reacting, reading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.discussions.conftest import fresh, network, posts_of
from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.models import (
    Post,
    PostMention,
    PostReaction,
    PostRevision,
    Thread,
    ThreadFollow,
    ThreadRead,
)
from zone_networks.discussions.queries import posts_after
from zone_networks.discussions.services import (
    create_post,
    delete_post,
    edit_post,
    mark_read,
    start_thread,
    toggle_reaction,
)
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership
from zone_networks.notifications.models import Notification


def count(model: Any) -> int:
    """How many rows `model` has."""
    return int(_db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_start_thread_stores_the_thread_and_first_post(member: User) -> None:
    thread = start_thread(member, network("skills-forum"), "  Levy   pooling ", "First **post**")
    stored = fresh(Thread, thread.id)
    assert stored.title == "Levy pooling"
    assert (stored.last_seq, stored.last_post_seq, stored.post_count) == (1, 1, 1)
    [post] = posts_of(thread.id)
    assert (post.seq, post.change_seq, post.author_id) == (1, 1, member.id)
    assert "<strong>post</strong>" in post.body_html
    assert _db.session.get_one(ThreadFollow, (member.id, thread.id)) is not None
    assert _db.session.get_one(ThreadRead, (member.id, thread.id)).last_read_seq == 1


@pytest.mark.parametrize(("title", "body", "field", "message"), [
    ("", "Body", "title", "Enter a title"),
    ("x" * 201, "Body", "title", "Title must be 200 characters or fewer"),
    ("Title", "  \n ", "body", "Enter a message"),
    ("Title", "x" * 10_001, "body", "Message must be 10,000 characters or fewer"),
])
def test_start_thread_refuses_bad_input(member: User, title: str, body: str, field: str, message: str) -> None:
    with pytest.raises(PostError) as raised:
        start_thread(member, network("skills-forum"), title, body)
    assert (raised.value.field, raised.value.message) == (field, message)
    _db.session.rollback()
    assert count(Thread) == 0 and count(Post) == 0


def test_start_thread_needs_an_active_membership(outsider: User, member: User, secretariat: User) -> None:
    with pytest.raises(PermissionError):
        start_thread(outsider, network("skills-forum"), "Title", "Body")
    with pytest.raises(PermissionError):
        start_thread(member, network("innovation-leads"), "Title", "Body")
    assert start_thread(secretariat, network("innovation-leads"), "Staff may", "Body").id


def test_start_thread_with_a_repeated_client_id_returns_the_same_thread(member: User) -> None:
    first = start_thread(member, network("skills-forum"), "Title", "Body", client_id="c-1")
    again = start_thread(member, network("skills-forum"), "Title", "Body", client_id="c-1")
    assert again.id == first.id
    assert count(Thread) == 1 and count(Post) == 1


def test_create_post_numbers_posts_and_counts_them(thread: Thread, member: User, official: User) -> None:
    post, created = create_post(official, thread, "Yes, in Wales")
    assert created
    stored = fresh(Thread, thread.id)
    assert (post.seq, post.change_seq) == (2, 2)
    assert (stored.last_seq, stored.last_post_seq, stored.post_count) == (2, 2, 2)


def test_create_post_is_idempotent_per_client_id(thread: Thread, official: User) -> None:
    first, created = create_post(official, thread, "Once", client_id="abc")
    again, created_again = create_post(official, thread, "Once (retry)", client_id="abc")
    assert created and not created_again
    assert again.id == first.id
    assert fresh(Thread, thread.id).post_count == 2
    assert [p.body for p in posts_of(thread.id)] == ["Has anyone pooled levy?", "Once"]


def test_the_same_client_id_in_another_thread_is_refused(thread: Thread, member: User) -> None:
    create_post(member, thread, "Here", client_id="dup")
    other = start_thread(member, network("net-zero"), "Another", "Body")
    with pytest.raises(PostError) as raised:
        create_post(member, other, "There", client_id="dup")
    assert raised.value.message == "This message was already sent to another thread"
    assert fresh(Thread, other.id).post_count == 1


def test_a_client_id_is_per_author(thread: Thread, member: User, official: User) -> None:
    create_post(member, thread, "Mine", client_id="same")
    _post, created = create_post(official, thread, "Theirs", client_id="same")
    assert created


def test_create_post_refuses_too_long_client_ids(thread: Thread, member: User) -> None:
    with pytest.raises(PostError) as raised:
        create_post(member, thread, "Body", client_id="x" * 65)
    assert raised.value.field == "client_id"


def test_create_post_checks_permission(thread: Thread, outsider: User, convenor: User) -> None:
    for person in (outsider, convenor):
        with pytest.raises(PermissionError):
            create_post(person, thread, "Let me in")
    assert fresh(Thread, thread.id).post_count == 1


def test_locked_threads_refuse_posts_except_from_moderators(thread: Thread, official: User,
                                                            secretariat: User) -> None:
    thread.is_locked = True
    _db.session.commit()
    with pytest.raises(PostError) as raised:
        create_post(official, fresh(Thread, thread.id), "Still here?")
    assert raised.value.message == "This thread is locked"
    _post, created = create_post(secretariat, fresh(Thread, thread.id), "Locked for now")
    assert created


def test_raw_html_is_escaped_and_javascript_links_dropped(thread: Thread, member: User) -> None:
    post, _ = create_post(member, thread, '<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://gov.uk)')
    assert "<script>" not in post.body_html and "&lt;script&gt;" in post.body_html
    assert "href=\"javascript" not in post.body_html and "<a href=\"javascript" not in post.body_html
    assert 'href="https://gov.uk"' in post.body_html


def test_quote_must_be_in_the_same_thread(thread: Thread, member: User) -> None:
    other = start_thread(member, network("net-zero"), "Another", "Body")
    foreign = posts_of(other.id)[0]
    with pytest.raises(PostError):
        create_post(member, fresh(Thread, thread.id), "> quoted", quote_of=foreign)
    own = posts_of(thread.id)[0]
    post, _ = create_post(member, fresh(Thread, thread.id), "> quoted\n\nReply", quote_of=own)
    assert post.quote_of_id == own.id


def test_followers_get_a_reply_notification_but_not_the_author(thread: Thread, member: User,
                                                               official: User) -> None:
    create_post(official, thread, "A reply")
    rows = list(_db.session.scalars(select(Notification)))
    assert [(row.user_id, row.kind) for row in rows] == [(member.id, "reply")]
    assert rows[0].url.startswith("/posts/")
    # The replier now follows too.
    create_post(member, fresh(Thread, thread.id), "Thanks")
    kinds = {(row.user_id, row.kind) for row in _db.session.scalars(select(Notification))}
    assert (official.id, "reply") in kinds


def test_followers_who_can_no_longer_see_the_thread_are_not_told(thread: Thread, member: User,
                                                                 official: User) -> None:
    create_post(official, thread, "Hello")
    row = _db.session.scalars(select(Membership).where(Membership.user_id == official.id)).one()
    row.status = "removed"
    _db.session.commit()
    before = count(Notification)
    create_post(member, fresh(Thread, thread.id), "Anyone?")
    assert count(Notification) == before


def test_mentions_notify_the_people_named_and_link_them(thread: Thread, member: User, official: User) -> None:
    post, _ = create_post(member, thread, "Thanks @olwen-official, see `@olwen-official` and @nobody-here.")
    assert f'<a href="/people/{official.id}"' in post.body_html
    assert "<code>@olwen-official</code>" in post.body_html
    assert [m.user_id for m in _db.session.scalars(select(PostMention))] == [official.id]
    kinds = [(n.user_id, n.kind) for n in _db.session.scalars(select(Notification))]
    assert kinds == [(official.id, "mention")]


def test_people_who_cannot_see_the_thread_are_not_mentioned(thread: Thread, member: User,
                                                            outsider: User) -> None:
    post, _ = create_post(member, thread, "Ask @owain-outsider")
    assert "/people/" not in post.body_html
    assert count(PostMention) == 0 and count(Notification) == 0


def test_an_ambiguous_handle_mentions_nobody(thread: Thread, member: User) -> None:
    for email in ("a@humber.example", "b@humber.example"):
        twin = make_user(email, "humber-freeport", name="Siân Jones")
        _db.session.add(Membership(user_id=twin.id, network_id=thread.network_id, status="active", role="member"))
    _db.session.commit()
    post, _ = create_post(member, fresh(Thread, thread.id), "Hello @sian-jones")
    assert "/people/" not in post.body_html
    assert count(PostMention) == 0


def test_edit_keeps_a_revision_and_takes_a_new_number(thread: Thread, member: User) -> None:
    post = posts_of(thread.id)[0]
    edited = edit_post(member, post, "Has anyone pooled the levy?")
    stored = fresh(Post, edited.id)
    assert (stored.seq, stored.change_seq, stored.edit_count) == (1, 2, 1)
    assert stored.edited_at is not None
    [revision] = _db.session.scalars(select(PostRevision))
    assert (revision.number, revision.body, revision.editor_id) == (1, "Has anyone pooled levy?", member.id)
    assert fresh(Thread, thread.id).post_count == 1


def test_an_unchanged_edit_changes_nothing(thread: Thread, member: User) -> None:
    post = posts_of(thread.id)[0]
    edit_post(member, post, post.body)
    assert count(PostRevision) == 0 and fresh(Thread, thread.id).last_seq == 1


def test_only_the_author_may_edit_or_delete(thread: Thread, official: User, secretariat: User) -> None:
    post = posts_of(thread.id)[0]
    for person in (official, secretariat):
        with pytest.raises(PermissionError):
            edit_post(person, post, "Changed")
        with pytest.raises(PermissionError):
            delete_post(person, post)
    assert fresh(Post, post.id).body == "Has anyone pooled levy?"


def test_delete_leaves_a_tombstone_and_keeps_the_text_as_a_revision(thread: Thread, member: User) -> None:
    post = posts_of(thread.id)[0]
    delete_post(member, post)
    stored = fresh(Post, post.id)
    assert stored.deleted_at is not None and stored.body == "" and stored.body_html == ""
    assert stored.change_seq == 2
    assert _db.session.scalars(select(PostRevision.body)).one() == "Has anyone pooled levy?"
    with pytest.raises(PostError):
        edit_post(member, stored, "Back again")


def test_reactions_toggle_and_count(thread: Thread, member: User, official: User) -> None:
    post = posts_of(thread.id)[0]
    assert toggle_reaction(official, post, "👍") == {"👍": 1}
    assert toggle_reaction(member, fresh(Post, post.id), "👍") == {"👍": 2}
    assert toggle_reaction(member, fresh(Post, post.id), "🎉") == {"👍": 2, "🎉": 1}
    assert toggle_reaction(official, fresh(Post, post.id), "👍") == {"👍": 1, "🎉": 1}
    assert count(PostReaction) == 2
    assert fresh(Post, post.id).change_seq == 5


def test_reactions_refuse_unknown_emoji_and_outsiders(thread: Thread, member: User, outsider: User) -> None:
    post = posts_of(thread.id)[0]
    with pytest.raises(PostError):
        toggle_reaction(member, post, "💩")
    with pytest.raises(PermissionError):
        toggle_reaction(outsider, post, "👍")
    assert count(PostReaction) == 0


def test_mark_read_never_goes_backwards(thread: Thread, member: User, official: User,
                                        reply: Callable[..., Post]) -> None:
    reply(member, thread, "two")
    reply(member, fresh(Thread, thread.id), "three")
    current = fresh(Thread, thread.id)
    mark_read(official, current, 3)
    mark_read(official, current, 1)
    assert _db.session.get_one(ThreadRead, (official.id, thread.id)).last_read_seq == 3
    mark_read(official, current, 99)  # clamped to the newest post
    assert fresh(ThreadRead, (official.id, thread.id)).last_read_seq == 3


def test_every_change_advances_change_seq_and_posts_after_returns_exactly_the_changes(
        thread: Thread, member: User, official: User) -> None:
    first = posts_of(thread.id)[0]
    second, _ = create_post(official, thread, "Second")          # 2
    third, _ = create_post(member, fresh(Thread, thread.id), "Third")   # 3
    edit_post(official, fresh(Post, second.id), "Second, edited")  # 4
    toggle_reaction(official, fresh(Post, first.id), "💡")          # 5
    delete_post(member, fresh(Post, third.id))                      # 6
    assert fresh(Thread, thread.id).last_seq == 6
    assert [(p.id, p.change_seq) for p in posts_after(thread.id, 0)] == [
        (second.id, 4), (first.id, 5), (third.id, 6)]
    assert [p.id for p in posts_after(thread.id, 4)] == [first.id, third.id]
    assert posts_after(thread.id, 6) == []
    assert [p.id for p in posts_after(thread.id, 0, limit=2)] == [second.id, first.id]
