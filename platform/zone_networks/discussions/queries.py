"""Reusable reads for discussions: memberships, posts after a change number, a network's threads, unread counts.

Every function runs a fixed number of statements whatever the number of
threads or posts (posts come with their authors through `payloads.load_posts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from zone_networks.discussions.models import Post, Thread, ThreadRead
from zone_networks.discussions.payloads import load_posts
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.networks.models import Membership, Network

POSTS_PER_PAGE = 50
# The most changes one catch-up answer carries; the client asks again from the last one it got.
CATCH_UP_LIMIT = 500


def membership_for(user: Any, network_id: int) -> Membership | None:
    """`user`'s membership (any status) of the network `network_id`, or None (always None when signed out)."""
    if not getattr(user, "is_authenticated", False):
        return None
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network_id)
    return db.session.scalars(query).first()


def thread_by_id(thread_id: int) -> Thread | None:
    """The thread with this id (its network and meeting come with it), if any."""
    return db.session.get(Thread, thread_id)


def post_by_id(post_id: int) -> Post | None:
    """The post with this id (its thread and author loaded), if any."""
    query = select(Post).where(Post.id == post_id).options(selectinload(Post.thread), selectinload(Post.author))
    return db.session.scalars(query).first()


def posts_after(thread_id: int, after_seq: int, limit: int = CATCH_UP_LIMIT) -> list[Post]:
    """Every post of the thread whose latest change is numbered above `after_seq`, in change order (at most `limit`)."""
    query = (
        select(Post)
        .where(Post.thread_id == thread_id, Post.change_seq > after_seq)
        .order_by(Post.change_seq)
        .limit(limit)
    )
    return load_posts(query)


def thread_posts_query(thread_id: int) -> Select[Any]:
    """A thread's posts in display order (creation number)."""
    return select(Post).where(Post.thread_id == thread_id).order_by(Post.seq)


def page_of_seq(thread_id: int, seq: int, per_page: int = POSTS_PER_PAGE) -> int:
    """Which page of the thread shows the post numbered `seq` (1 when there is none)."""
    before = db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread_id, Post.seq <= seq))
    return max(1, ((int(before or 0)) - 1) // per_page + 1)


def first_unread_post(thread_id: int, last_read_seq: int) -> Post | None:
    """The earliest post numbered above `last_read_seq` (None when the reader is up to date)."""
    query = select(Post).where(Post.thread_id == thread_id, Post.seq > last_read_seq).order_by(Post.seq).limit(1)
    return db.session.scalars(query).first()


def read_marker(user: Any, thread_id: int) -> int:
    """How far `user` has read the thread (0 when never)."""
    value = db.session.scalar(
        select(ThreadRead.last_read_seq).where(ThreadRead.user_id == user.id, ThreadRead.thread_id == thread_id))
    return int(value or 0)


def network_threads_query(network: Network, *, moderator: bool) -> Select[Any]:
    """The network's threads a member may see: pinned first, then by last activity (draft meeting rooms only
    for moderators). A meeting room appears once someone has posted in it: every meeting has one (a series
    adds many ahead of time), and an empty room is reached from its meeting's page."""
    query = (select(Thread).where(Thread.network_id == network.id)
             .where(or_(Thread.kind != "meeting", Thread.post_count > 0))
             .options(selectinload(Thread.author)))
    if not moderator:
        drafts = select(Meeting.id).where(Meeting.status == "draft")
        query = query.where(or_(Thread.meeting_id.is_(None), Thread.meeting_id.not_in(drafts)))
    return query.order_by(Thread.is_pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())


def read_markers(user: Any, thread_ids: Iterable[int]) -> dict[int, int]:
    """How far `user` has read each of these threads (missing: never opened)."""
    ids = sorted(set(thread_ids))
    if not ids:
        return {}
    query = select(ThreadRead.thread_id, ThreadRead.last_read_seq).where(
        ThreadRead.user_id == user.id, ThreadRead.thread_id.in_(ids))
    return {thread_id: int(seq) for thread_id, seq in db.session.execute(query)}


def unread_counts(user: Any, thread_ids: Iterable[int]) -> dict[int, int]:
    """How many posts (not deleted or hidden) in each thread are newer than `user`'s read marker (one query)."""
    ids = sorted(set(thread_ids))
    if not ids:
        return {}
    marker = and_(ThreadRead.thread_id == Post.thread_id, ThreadRead.user_id == user.id)
    query = (
        select(Post.thread_id, func.count(Post.id))
        .outerjoin(ThreadRead, marker)
        .where(
            Post.thread_id.in_(ids),
            Post.seq > func.coalesce(ThreadRead.last_read_seq, 0),
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
        )
        .group_by(Post.thread_id)
    )
    return {thread_id: int(count) for thread_id, count in db.session.execute(query)}
