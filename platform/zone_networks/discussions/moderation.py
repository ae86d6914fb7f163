"""Moderation by a network's active convenors and the staff: hide or show a post, lock or pin a thread.

Hiding and showing a post are stored changes to the thread's posts, so they
take the thread's next sequence number (discussions/sequence.py) and are
broadcast as `post.updated` after the commit, like an edit. Locking and
pinning change the thread, not its posts: no sequence number. Every action is
written to the audit log in the same transaction; the reason a moderator gives
for hiding a post is kept there (details["reason"]) and shown to moderators
only (see `hidden_notes`). Hiding a post also closes its open reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update

from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent, record
from zone_networks.core.clock import utcnow
from zone_networks.discussions import broadcast
from zone_networks.discussions.models import Post, PostReport, Thread
from zone_networks.discussions.queries import membership_for
from zone_networks.discussions.sequence import next_seq
from zone_networks.extensions import db

REASON_MAX = 1_000
HIDE_ACTION = "post.hidden"


class ModerationError(ValueError):
    """A moderation or report request the rules do not allow; `message` is safe to show, `field` names the field."""

    def __init__(self, message: str, field: str = "reason") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require_moderator(actor: User, thread: Thread) -> None:
    if not thread.can_moderate(actor, membership_for(actor, thread.network_id)):
        raise PermissionError("only the network's convenors and the staff moderate its threads")


def clean_reason(reason: str | None, *, required_message: str) -> str:
    """The reason without surrounding spaces; ModerationError when it is missing or too long."""
    text = (reason or "").strip()
    if not text:
        raise ModerationError(required_message)
    if len(text) > REASON_MAX:
        raise ModerationError(_("Reason must be 1,000 characters or fewer"))
    return text


def _thread_of(post: Post) -> Thread:
    thread = db.session.get(Thread, post.thread_id)
    assert thread is not None  # a post always has its thread (foreign key)
    return thread


def _after_commit(post: Post) -> None:
    """Tell the thread's live clients about the stored change (only ever called after the commit)."""
    broadcast.emit_post("post.updated", post)


def _advance(post: Post) -> None:
    post.change_seq = next_seq(post.thread_id, new_post=False)


def hide_post(actor: User, post: Post, reason: str) -> bool:
    """Hide `post` from everyone (a tombstone remains); closes its open reports. False when nothing changed."""
    thread = _thread_of(post)
    _require_moderator(actor, thread)
    text = clean_reason(reason, required_message=_("Enter why you are hiding this message"))
    if post.is_hidden or post.is_deleted:
        return False
    _advance(post)  # first: the thread's row lock before the post's (the order every change takes)
    now = utcnow()
    post.hidden_at = now
    post.hidden_by_id = actor.id
    closed = db.session.execute(
        update(PostReport)
        .where(PostReport.post_id == post.id, PostReport.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by_id=actor.id, outcome="hidden")
    )
    record(actor, HIDE_ACTION, "post", post.id, thread_id=thread.id, network=thread.network.slug, reason=text,
           reports_closed=int(getattr(closed, "rowcount", 0) or 0))
    db.session.commit()
    _after_commit(post)
    return True


def show_post(actor: User, post: Post) -> bool:
    """Show a hidden post again. False when it was not hidden."""
    thread = _thread_of(post)
    _require_moderator(actor, thread)
    if not post.is_hidden:
        return False
    _advance(post)
    post.hidden_at = None
    post.hidden_by_id = None
    record(actor, "post.shown", "post", post.id, thread_id=thread.id, network=thread.network.slug)
    db.session.commit()
    _after_commit(post)
    return True


def _set_flag(actor: User, thread: Thread, flag: str, value: bool, action: str) -> bool:
    _require_moderator(actor, thread)
    if getattr(thread, flag) == value:
        return False
    setattr(thread, flag, value)
    record(actor, action, "thread", thread.id, network=thread.network.slug, title=thread.title)
    db.session.commit()
    return True


def lock_thread(actor: User, thread: Thread) -> bool:
    """Stop new posts (moderators still may post). False when it was already locked."""
    return _set_flag(actor, thread, "is_locked", True, "thread.locked")


def unlock_thread(actor: User, thread: Thread) -> bool:
    """Let people post again. False when it was not locked."""
    return _set_flag(actor, thread, "is_locked", False, "thread.unlocked")


def pin_thread(actor: User, thread: Thread) -> bool:
    """Keep the thread at the top of the network's list. False when it was already pinned."""
    return _set_flag(actor, thread, "is_pinned", True, "thread.pinned")


def unpin_thread(actor: User, thread: Thread) -> bool:
    """Let the thread take its place by last activity again. False when it was not pinned."""
    return _set_flag(actor, thread, "is_pinned", False, "thread.unpinned")


@dataclass(frozen=True)
class HiddenNote:
    """Why and by whom a post was hidden, for moderators."""

    reason: str
    moderator: str
    hidden_at: datetime


def hidden_notes(thread_id: int) -> dict[int, HiddenNote]:
    """The latest hiding reason of each hidden post of the thread (one query), for moderators' eyes only."""
    hidden = select(Post.id).where(Post.thread_id == thread_id, Post.hidden_at.is_not(None))
    query = (
        select(AuditEvent)
        .where(AuditEvent.action == HIDE_ACTION, AuditEvent.object_type == "post",
               AuditEvent.object_id.in_(hidden))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    notes: dict[int, HiddenNote] = {}
    for event in db.session.scalars(query):
        if event.object_id is None:
            continue
        notes[event.object_id] = HiddenNote(
            reason=str(event.details.get("reason", "")),
            moderator=event.actor.name if event.actor is not None else "",
            hidden_at=event.created_at,
        )
    return notes
