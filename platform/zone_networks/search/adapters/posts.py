"""Index entries for discussion posts: the thread's title; the post's words as readers see them.

Audience follows `Thread.can_view` exactly: a meeting room whose meeting is
still a draft -> "convenors" (the network's active convenors and the staff);
every other thread -> "network" (its network's active members, any role, and
the staff). The author gets no special access there (someone who left the
network cannot open the thread), so owner_id is left empty, as for documents.
Posts deleted by their author or hidden by a moderator are not indexed (their
entries are removed); showing a hidden post again brings its entry back. The
text comes from the sanitised HTML stored with the post (tags stripped), which
is the Markdown source as a reader sees it, without rendering it again.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zone_networks.discussions.models import Post, Thread
from zone_networks.fulltext.engine import EntryData
from zone_networks.meetings.models import Meeting
from zone_networks.search.adapters._text import plain

KIND = "post"


def all_ids() -> Select[int]:
    """Every post's id (deleted and hidden ones included: `entries` leaves them out)."""
    return select(Post.id)


def thread_audience(kind: str, meeting_status: str | None) -> str:
    """Who may see a thread of this kind (and meeting status), in index terms."""
    return "convenors" if kind == "meeting" and meeting_status == "draft" else "network"


def posts_of_threads(session: Session, thread_ids: Sequence[int]) -> list[int]:
    """The ids of the posts in these threads."""
    if not thread_ids:
        return []
    return list(session.scalars(select(Post.id).where(Post.thread_id.in_(thread_ids))))


def posts_of_meetings(session: Session, meeting_ids: Sequence[int]) -> list[int]:
    """The ids of the posts in these meetings' rooms."""
    if not meeting_ids:
        return []
    return list(session.scalars(select(Post.id).join(Thread, Thread.id == Post.thread_id)
                                .where(Thread.meeting_id.in_(meeting_ids))))


def post_text(body: str | None, body_html: str | None) -> str:
    """The words of a post: its stored HTML without tags (or its Markdown rendered, if no HTML was stored)."""
    if body_html and body_html.strip():
        return Markup(body_html).striptags()  # noqa: S704 (sanitised when written; only its text is kept)
    return plain(body)


def entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each id (None: no such post, or deleted, hidden or empty). One query."""
    rows = session.execute(
        select(Post.id, Post.body, Post.body_html, Post.deleted_at, Post.hidden_at, Post.created_at,
               Post.edited_at, Thread.title, Thread.kind, Thread.network_id, Meeting.status.label("meeting_status"))
        .join(Thread, Thread.id == Post.thread_id)
        .outerjoin(Meeting, Meeting.id == Thread.meeting_id)
        .where(Post.id.in_(ids))).all()
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        if row.deleted_at is not None or row.hidden_at is not None:
            continue
        body = post_text(row.body, row.body_html)
        if not body:
            continue
        result[row.id] = EntryData(
            kind=KIND, object_id=row.id, title=row.title, body=body,
            audience=thread_audience(row.kind, row.meeting_status), network_id=row.network_id,
            updated_at=row.edited_at or row.created_at)
    return result
