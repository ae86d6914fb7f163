"""A post as clients receive it (socket events, posts.json), and loading posts for it in a bounded number of queries.

The shape (DESIGN.md section 5, docs/LIVE_PROTOCOL.md): `{id, thread_id, seq,
change_seq, author: {id, name, zone} | None, body_html, created_at,
edited_at, deleted, hidden, client_id, quote_of: {id, author_name} | None,
reactions: {emoji: count}}`. `author.zone` is the name of the author's zone,
or of their organisation for people who work for no zone (officials, staff).
A deleted or hidden post keeps its place but carries no text and no reactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, inspect, select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc
from zone_networks.discussions.models import REACTIONS, Post, PostReaction
from zone_networks.extensions import db


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def with_authors(statement: Select[Any]) -> Select[Any]:
    """`statement` (a select of Post) loading each post's author and quoted post (with its author) up front."""
    return statement.options(
        selectinload(Post.author),
        selectinload(Post.quote_of).selectinload(Post.author),
    )


def load_posts(statement: Select[Any]) -> list[Post]:
    """The posts `statement` selects, with authors and quoted posts loaded (three statements in all)."""
    return list(db.session.scalars(with_authors(statement)).unique())


def reaction_counts(post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Reaction counts for each post (one grouped query), emoji in the order of REACTIONS."""
    ids = sorted(set(post_ids))
    counts: dict[int, dict[str, int]] = {post_id: {} for post_id in ids}
    if not ids:
        return counts
    query = (
        select(PostReaction.post_id, PostReaction.emoji, func.count())
        .where(PostReaction.post_id.in_(ids))
        .group_by(PostReaction.post_id, PostReaction.emoji)
    )
    found: dict[int, dict[str, int]] = {post_id: {} for post_id in ids}
    for post_id, emoji, count in db.session.execute(query):
        found[post_id][emoji] = int(count)
    for post_id, by_emoji in found.items():
        counts[post_id] = {emoji: by_emoji[emoji] for emoji in REACTIONS if by_emoji.get(emoji)}
    return counts


def _author(post: Post) -> User | None:
    if post.author_id is None:
        return None
    if "author" not in inspect(post).unloaded:
        return post.author
    return db.session.get(User, post.author_id)


def author_payload(person: User | None) -> dict[str, Any] | None:
    """`{id, name, zone}` for a post's author (None when the account is gone)."""
    if person is None:
        return None
    zone = person.zone
    return {"id": person.id, "name": person.name,
            "zone": zone.name if zone is not None else person.organisation.name}


def _quote(post: Post) -> dict[str, Any] | None:
    if post.quote_of_id is None:
        return None
    quoted = post.quote_of if "quote_of" not in inspect(post).unloaded else db.session.get(Post, post.quote_of_id)
    if quoted is None:
        return None
    author = _author(quoted)
    return {"id": quoted.id, "author_name": author.name if author is not None else None}


def post_payload(post: Post, reactions: dict[str, int] | None = None) -> dict[str, Any]:
    """The post as clients receive it; pass `reactions` when they were counted in bulk (else one query)."""
    gone = post.is_deleted or post.is_hidden
    if reactions is None and not gone:
        reactions = reaction_counts([post.id])[post.id]
    return {
        "id": post.id,
        "thread_id": post.thread_id,
        "seq": post.seq,
        "change_seq": post.change_seq,
        "author": author_payload(_author(post)),
        "body_html": "" if gone else str(post.body_html),
        "created_at": _iso(post.created_at),
        "edited_at": _iso(post.edited_at),
        "deleted": post.is_deleted,
        "hidden": post.is_hidden,
        "client_id": post.client_id,
        "quote_of": _quote(post),
        "reactions": {} if gone else dict(reactions or {}),
    }


def posts_payload(posts: Sequence[Post]) -> list[dict[str, Any]]:
    """Payloads for many posts (loaded with `load_posts`), with one query for all their reactions."""
    counts = reaction_counts(post.id for post in posts)
    return [post_payload(post, counts.get(post.id, {})) for post in posts]
