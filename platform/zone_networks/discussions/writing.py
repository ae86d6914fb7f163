"""Shared steps of the discussion services: checking input, rendering, following, read markers, notifying.

Nothing here commits; the services in `services.py` own the transaction.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.core.markdown import render_markdown
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.mentions import handle_directory, link_mentions, might_mention
from zone_networks.discussions.models import (
    BODY_MAX,
    CLIENT_ID_MAX,
    TITLE_MAX,
    Post,
    PostMention,
    Thread,
    ThreadFollow,
    ThreadRead,
)
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


def clean_body(body: str | None) -> str:
    """The message as it will be stored (line endings normalised, blank edges trimmed); PostError when unusable."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
    if not text.strip():
        raise PostError(_("Enter a message"), "body")
    if len(text) > BODY_MAX:
        raise PostError(_("Message must be %(max)s characters or fewer", max=f"{BODY_MAX:,}"), "body")
    return text


def clean_title(title: str | None) -> str:
    """The thread title as it will be stored (trimmed); PostError when empty or too long."""
    text = " ".join((title or "").split())
    if not text:
        raise PostError(_("Enter a title"), "title")
    if len(text) > TITLE_MAX:
        raise PostError(_("Title must be %(max)s characters or fewer", max=TITLE_MAX), "title")
    return text


def clean_client_id(client_id: str | None) -> str | None:
    """The sender's id for this message (None when not given); PostError when too long."""
    value = (client_id or "").strip()
    if not value:
        return None
    if len(value) > CLIENT_ID_MAX:
        raise PostError(_("The message id must be %(max)s characters or fewer", max=CLIENT_ID_MAX), "client_id")
    return value


def render_body(thread: Thread, body: str) -> tuple[str, list[User]]:
    """The sanitised HTML of `body` with its @mentions linked, and the people it mentions."""
    html = render_markdown(body)
    if not might_mention(body):
        return str(html), []
    linked, mentioned = link_mentions(str(html), handle_directory(thread))
    return str(linked), mentioned


def record_mentions(post: Post, people: list[User]) -> list[User]:
    """Store who `post` mentions; returns those not mentioned by it before (for an edit: the new ones)."""
    if not people:
        return []
    known = set(db.session.scalars(select(PostMention.user_id).where(PostMention.post_id == post.id)))
    new = [person for person in people if person.id not in known]
    for person in new:
        db.session.add(PostMention(post_id=post.id, user_id=person.id))
    return new


def _upsert(table: Any, values: dict[str, Any], keys: list[str], update: dict[str, Any] | None = None,
            where: Any = None) -> None:
    """INSERT ... ON CONFLICT on either database (DO NOTHING, or DO UPDATE `update` WHERE `where`)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    statement = insert(table).values(**values)
    if update is None:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    else:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={name: (statement.excluded[name] if value is None else value)
                                       for name, value in update.items()}, where=where)
    db.session.execute(statement)


def follow(user: Any, thread_id: int) -> None:
    """Make `user` follow the thread (nothing happens if they already do)."""
    _upsert(ThreadFollow.__table__, {"user_id": user.id, "thread_id": thread_id, "created_at": utcnow()},
            ["user_id", "thread_id"])


def advance_read(user: Any, thread_id: int, seq: int) -> None:
    """Move `user`'s read marker for the thread up to `seq` (never down)."""
    table = ThreadRead.__table__
    _upsert(table, {"user_id": user.id, "thread_id": thread_id, "last_read_seq": seq, "read_at": utcnow()},
            ["user_id", "thread_id"], update={"last_read_seq": None, "read_at": None},
            where=table.c.last_read_seq < seq)


def followers_who_can_see(thread: Thread, exclude: set[int]) -> list[User]:
    """The thread's followers who may still see it (active, not deleted), leaving out `exclude` (two queries)."""
    query = (
        select(User)
        .join(ThreadFollow, ThreadFollow.user_id == User.id)
        .where(ThreadFollow.thread_id == thread.id, User.active.is_(True), User.deleted_at.is_(None))
    )
    people = [person for person in db.session.scalars(query) if person.id not in exclude]
    if not people:
        return []
    memberships = {
        membership.user_id: membership for membership in db.session.scalars(
            select(Membership).where(Membership.network_id == thread.network_id,
                                     Membership.user_id.in_([person.id for person in people])))
    }
    return [person for person in people if thread.can_view(person, memberships.get(person.id))]


def post_path(post: Post) -> str:
    """The service path that shows a post (it redirects to the right page of the thread)."""
    return f"/posts/{int(post.id)}"
