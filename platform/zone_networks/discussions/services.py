"""Every write of discussions: starting threads, posting, editing, deleting, reacting and reading.

Each service checks the person may do it (model predicates), validates the
input (PostError with a GOV.UK-style message), writes in one transaction that
begins by taking the thread's next change number (`sequence.next_seq`),
commits, and only then broadcasts (`broadcast.py`). Notifications are added
to the same transaction and delivered by the notifications feature after the
commit. The same functions serve the HTML forms and the socket events.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.discussions import broadcast
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.models import REACTIONS, THREAD_KINDS, Post, PostReaction, PostRevision, Thread
from zone_networks.discussions.payloads import post_payload, reaction_counts
from zone_networks.discussions.queries import membership_for
from zone_networks.discussions.rules import can_start_thread
from zone_networks.discussions.sequence import next_seq
from zone_networks.discussions.writing import (
    advance_read,
    clean_body,
    clean_client_id,
    clean_title,
    follow,
    followers_who_can_see,
    post_path,
    record_mentions,
    render_body,
)
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.networks.models import Network
from zone_networks.notifications.services import notify


def _by_client_id(author: Any, client_id: str | None) -> Post | None:
    if client_id is None:
        return None
    return db.session.scalars(select(Post).where(Post.author_id == author.id, Post.client_id == client_id)).first()


def _notify_new_post(author: Any, thread: Thread, post: Post, mentioned: list[User],
                     no_reply_for: frozenset[int] = frozenset()) -> None:
    """Mentions to the people named; "reply" to the other followers (not mentioned, not in `no_reply_for`)."""
    title = thread.title
    if mentioned:
        notify(mentioned, "mention", f"post:{post.id}",
               lambda person: _("%(name)s mentioned you in “%(title)s”", name=author.name, title=title),
               post_path(post), actor=author)
    followers = followers_who_can_see(thread, exclude={author.id, *no_reply_for, *(person.id for person in mentioned)})
    if followers:
        notify(followers, "reply", f"post:{post.id}",
               lambda person: _("%(name)s replied in “%(title)s”", name=author.name, title=title),
               post_path(post), actor=author)


def _add_post(author: Any, thread: Thread, body: str, client_id: str | None, quote_of: Post | None,
              no_reply_for: frozenset[int] = frozenset()) -> Post:
    """Store a new post (already validated) with its number, mentions, follow, read marker and notifications."""
    html, mentioned = render_body(thread, body)  # before the number: keep the thread's row lock short
    seq = next_seq(thread.id, new_post=True)
    post = Post(thread_id=thread.id, seq=seq, change_seq=seq, author_id=author.id, client_id=client_id, body=body,
                body_html=html, quote_of_id=quote_of.id if quote_of is not None else None, created_at=utcnow())
    db.session.add(post)
    db.session.flush()  # the unique (author, client_id) is checked here, inside the caller's try
    record_mentions(post, mentioned)
    follow(author, thread.id)
    advance_read(author, thread.id, seq)
    _notify_new_post(author, thread, post, mentioned, no_reply_for)
    return post


def _check_quote(thread: Thread, quote_of: Post | None) -> None:
    if quote_of is not None and quote_of.thread_id != thread.id:
        raise PostError(_("You can only quote a message from the same thread"), "quote_of")


def _duplicate(author: Any, thread: Thread, original: Post) -> tuple[Post, bool]:
    if original.thread_id != thread.id:
        raise PostError(_("This message was already sent to another thread"), "client_id")
    return original, False


def create_post(author: Any, thread: Thread, body: str, *, client_id: str | None = None,
                quote_of: Post | None = None, commit: bool = True,
                no_reply_for: frozenset[int] = frozenset()) -> tuple[Post, bool]:
    """Store a reply; returns (post, True), or (the original, False) when this (author, client_id) was sent before.

    Followers get a "reply" notification, except the people in `no_reply_for`
    (a caller that tells them about this post in its own words, as an offer
    of help does for the challenge's owner).

    Raises PermissionError when `author` may not see the thread and PostError
    for a locked thread or bad input. With commit=False the caller commits and
    then calls `broadcast.after_commit_post(post)`; call it before any other
    write of that transaction, because a duplicate found by the database rolls
    the transaction back.
    """
    client_id = clean_client_id(client_id)
    original = _by_client_id(author, client_id)
    if original is not None:
        return _duplicate(author, thread, original)
    membership = membership_for(author, thread.network_id)
    if not thread.can_view(author, membership):
        raise PermissionError("may not see this thread")
    if not thread.can_post(author, membership):
        raise PostError(_("This thread is locked"), "body")
    body = clean_body(body)
    _check_quote(thread, quote_of)
    try:
        post = _add_post(author, thread, body, client_id, quote_of, no_reply_for)
        payload = post_payload(post, {})
        activity = broadcast.thread_activity(thread, author.id)
        if commit:
            db.session.commit()
    except IntegrityError:
        db.session.rollback()
        original = _by_client_id(author, client_id)
        if original is None:
            raise
        return _duplicate(author, thread, original)
    if commit:
        broadcast.emit_post("post.created", post, payload)
        broadcast.emit_thread_activity(thread, activity)
    return post, True


def start_thread(author: Any, network: Network, title: str, body: str, *, kind: str = "discussion",
                 meeting: Meeting | None = None, client_id: str | None = None, commit: bool = True) -> Thread:
    """Start a thread in `network` with its first post (the author follows it); a repeated client_id returns it.

    Raises PermissionError when `author` may not start threads there and PostError for bad input.
    """
    if kind not in THREAD_KINDS:
        raise ValueError(f"unknown thread kind {kind!r}")
    client_id = clean_client_id(client_id)
    original = _by_client_id(author, client_id)
    if original is not None:
        return db.session.get_one(Thread, original.thread_id)
    if not can_start_thread(author, network, membership_for(author, network.id)):
        raise PermissionError("may not start threads in this network")
    errors = []
    for check, value in ((clean_title, title), (clean_body, body)):
        try:
            check(value)
        except PostError as error:
            errors.append(error)
    if errors:
        raise errors[0]
    thread = Thread(network_id=network.id, kind=kind, title=clean_title(title), author_id=author.id,
                    meeting_id=meeting.id if meeting is not None else None, last_post_at=utcnow())
    try:
        db.session.add(thread)
        db.session.flush()
        post = _add_post(author, thread, clean_body(body), client_id, None)
        payload = post_payload(post, {})
        activity = broadcast.thread_activity(thread, author.id)
        if commit:
            db.session.commit()
    except IntegrityError:
        db.session.rollback()
        original = _by_client_id(author, client_id)
        if original is None:
            raise
        return db.session.get_one(Thread, original.thread_id)
    if commit:
        broadcast.emit_post("post.created", post, payload)
        broadcast.emit_thread_activity(thread, activity)
    return thread


def _author_only(user: Any, post: Post, thread: Thread) -> None:
    """The author may change their post while they can see the thread; others get PermissionError."""
    membership = membership_for(user, thread.network_id)
    if not thread.can_view(user, membership) or post.author_id != getattr(user, "id", None):
        raise PermissionError("only the author may change this message")
    if post.is_deleted:
        raise PostError(_("This message was deleted"), "body")
    if post.is_hidden:
        raise PostError(_("This message was hidden by a moderator"), "body")


def edit_post(editor: Any, post: Post, body: str) -> Post:
    """Change the author's own post; the old text is kept as a revision. Unchanged text changes nothing."""
    thread = db.session.get_one(Thread, post.thread_id)
    _author_only(editor, post, thread)
    if thread.is_locked and not thread.can_moderate(editor, membership_for(editor, thread.network_id)):
        raise PostError(_("This thread is locked"), "body")
    body = clean_body(body)
    if body == post.body:
        return post
    post.change_seq = next_seq(thread.id, new_post=False)
    db.session.add(PostRevision(post_id=post.id, number=post.edit_count + 1, body=post.body,
                                replaced_at=utcnow(), editor_id=editor.id))
    html, mentioned = render_body(thread, body)
    post.body, post.body_html = body, html
    post.edited_at, post.edit_count = utcnow(), post.edit_count + 1
    new_people = record_mentions(post, mentioned)
    if new_people:
        title = thread.title
        notify(new_people, "mention", f"post:{post.id}",
               lambda person: _("%(name)s mentioned you in “%(title)s”", name=editor.name, title=title),
               post_path(post), actor=editor)
    db.session.flush()
    payload = post_payload(post)
    db.session.commit()
    broadcast.emit_post("post.updated", post, payload)
    return post


def delete_post(actor: Any, post: Post) -> Post:
    """The author deletes their post: a tombstone keeps its place; the text is kept only as a revision."""
    thread = db.session.get_one(Thread, post.thread_id)
    _author_only(actor, post, thread)
    post.change_seq = next_seq(thread.id, new_post=False)
    db.session.add(PostRevision(post_id=post.id, number=post.edit_count + 1, body=post.body,
                                replaced_at=utcnow(), editor_id=actor.id))
    post.body, post.body_html, post.deleted_at = "", "", utcnow()
    db.session.flush()
    payload = post_payload(post)
    db.session.commit()
    broadcast.emit_post("post.deleted", post, payload)
    return post


def toggle_reaction(user: Any, post: Post, emoji: str) -> dict[str, int]:
    """Add `user`'s `emoji` reaction to the post, or take it away if it is there; returns the new counts."""
    if emoji not in REACTIONS:
        raise PostError(_("Choose a reaction from the list"), "emoji")
    thread = db.session.get_one(Thread, post.thread_id)
    membership = membership_for(user, thread.network_id)
    if not thread.can_view(user, membership):
        raise PermissionError("may not see this thread")
    if not thread.can_post(user, membership):
        raise PostError(_("This thread is locked"), "emoji")
    if post.is_deleted or post.is_hidden:
        raise PostError(_("You cannot react to a message that was deleted or hidden"), "emoji")
    try:
        # The number first: it locks the thread, so two toggles by one person are decided one after the other.
        post.change_seq = next_seq(thread.id, new_post=False)
        mine = PostReaction.post_id == post.id, PostReaction.user_id == user.id, PostReaction.emoji == emoji
        removed = db.session.execute(delete(PostReaction).where(*mine))
        if not removed.rowcount:  # type: ignore[attr-defined]
            db.session.add(PostReaction(post_id=post.id, user_id=user.id, emoji=emoji, created_at=utcnow()))
        db.session.flush()
        counts = reaction_counts([post.id])[post.id]
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return reaction_counts([post.id])[post.id]
    broadcast.emit_reactions(post, counts)
    return counts


def mark_read(user: Any, thread: Thread, seq: int) -> None:
    """Record that `user` has read the thread up to post number `seq` (never lowers the marker; commits)."""
    seq = min(int(seq), thread.last_post_seq)
    if seq <= 0:
        return
    advance_read(user, thread.id, seq)
    db.session.commit()
