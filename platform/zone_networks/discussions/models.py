"""Discussion threads and their posts, reactions, edit history, read markers, follows and reports.

The database is the truth (DESIGN.md section 5). Every stored change to a
thread's posts (a new post, an edit, a deletion, a moderator hiding or showing
it, a reaction) takes the next number from the thread's own counter
(`Thread.last_seq`) and writes it to the post's `change_seq`; a post's `seq` is
the number it got when it was created and never changes (display order). A
client that knows the last number it has seen asks for every post whose
`change_seq` is greater, and merges by id: nothing it missed while
disconnected is lost, and nothing is shown twice.

A retried send is recognised by the unique (author_id, client_id) pair and
returns the original post.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, is_active_member, manages_network, signed_in
from zone_networks.networks.models import Network

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.networks.models import Membership

# A plain discussion, the thread behind a challenge, or a meeting's room.
THREAD_KINDS = ("discussion", "challenge", "meeting")
# The reactions people may add (a fixed set: easy to read aloud, nothing to moderate).
REACTIONS = ("👍", "❤️", "🎉", "💡", "👀")
TITLE_MAX = 200
BODY_MAX = 10_000
CLIENT_ID_MAX = 64


class Thread(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A conversation in one network: a discussion, a challenge's thread or a meeting's room."""

    __tablename__ = "threads"
    __table_args__ = (Index("ix_threads_network_activity", "network_id", "is_pinned", "last_post_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="discussion")
    title: Mapped[str] = mapped_column(String(TITLE_MAX), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    is_locked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_pinned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # The thread's change counter: the last number given to any stored change of its posts.
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # The `seq` of the newest post (what "new posts since you last read" compares against).
    last_post_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    post_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_post_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    network: Mapped[Network] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(lazy="raise")
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")

    def can_view(self, user: Any, membership: Membership | None = None) -> bool:
        """The network's active members (any role) and the staff; a draft meeting's room: its managers only.

        `membership` is `user`'s membership of this thread's network (or None).
        """
        if not signed_in(user):
            return False
        if self.kind == "meeting" and self.meeting is not None and self.meeting.status == "draft":
            return self.can_moderate(user, membership)
        return bool(user.is_staff) or is_active_member(user, membership, self.network_id)

    def can_post(self, user: Any, membership: Membership | None = None) -> bool:
        """Whoever can view may post, unless a moderator locked the thread (moderators still may)."""
        if not self.can_view(user, membership):
            return False
        return not self.is_locked or self.can_moderate(user, membership)

    def can_moderate(self, user: Any, membership: Membership | None = None) -> bool:
        """The network's active convenors and the staff hide posts, lock and pin threads, and see reports."""
        return manages_network(user, membership, self.network)

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.kind}>"


class Post(db.Model):  # type: ignore[name-defined]
    """One message in a thread, in Markdown, rendered and sanitised once when it is written."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("thread_id", "seq"),
        UniqueConstraint("author_id", "client_id"),
        Index("ix_posts_thread_change", "thread_id", "change_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Chosen by the sending client (a UUID); a retry with the same value returns this post.
    client_id: Mapped[str | None] = mapped_column(String(CLIENT_ID_MAX))
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body_html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    quote_of_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    edit_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    thread: Mapped[Thread] = relationship(lazy="raise")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="raise")
    quote_of: Mapped[Post | None] = relationship(remote_side="Post.id", lazy="raise")

    @property
    def is_deleted(self) -> bool:
        """Whether the author deleted it (a tombstone remains)."""
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        """Whether a moderator has hidden it."""
        return self.hidden_at is not None

    def __repr__(self) -> str:
        return f"<Post {self.id} thread={self.thread_id} seq={self.seq}>"


class PostRevision(db.Model):  # type: ignore[name-defined]
    """The text a post had before an edit (the edit history)."""

    __tablename__ = "post_revisions"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    # When this text was replaced, and by whom.
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class PostReaction(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """One person's reaction (from REACTIONS) to a post."""

    __tablename__ = "post_reactions"
    __table_args__ = (UniqueConstraint("post_id", "user_id", "emoji"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    emoji: Mapped[str] = mapped_column(String(16), nullable=False)


class PostMention(db.Model):  # type: ignore[name-defined]
    """A person @mentioned in a post (who could see the thread when it was written)."""

    __tablename__ = "post_mentions"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class ThreadRead(db.Model):  # type: ignore[name-defined]
    """How far a person has read a thread (the `seq` of the last post they saw)."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    last_read_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class ThreadFollow(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A person following a thread: they are told about replies (starting or posting follows)."""

    __tablename__ = "thread_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)


class PostReport(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A report of a post to the thread's moderators (convenors and the secretariat)."""

    __tablename__ = "post_reports"
    __table_args__ = (UniqueConstraint("post_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), nullable=False, index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # What the moderator did: "hidden" or "dismissed".
    outcome: Mapped[str | None] = mapped_column(String(20))

    post: Mapped[Post] = relationship(lazy="raise")
    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id], lazy="raise")

