"""Helpers for the moderation, report and meeting-room tests: threads and posts written directly, read back fresh.

Posts are written the way the sequence rule says (discussions/sequence.py), without the
posting service, so these tests depend only on the models and the moderation code.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.core.markdown import render_markdown
from zone_networks.discussions.models import Post, PostReport, Thread
from zone_networks.discussions.sequence import next_seq
from zone_networks.extensions import db
from zone_networks.networks.models import Network


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def make_thread(slug: str, author: User, title: str = "Apprenticeship levy transfers") -> Thread:
    """A committed discussion thread in the network `slug`, with no posts yet."""
    thread = Thread(network_id=network(slug).id, kind="discussion", title=title, author_id=author.id)
    db.session.add(thread)
    db.session.commit()
    return thread


def make_post(thread: Thread, author: User, body: str = "Has anyone pooled levy funds across a zone?") -> Post:
    """A committed post by `author`, numbered by the thread's counter."""
    seq = next_seq(thread.id, new_post=True)
    post = Post(thread_id=thread.id, seq=seq, change_seq=seq, author_id=author.id, body=body,
                body_html=str(render_markdown(body)))
    db.session.add(post)
    db.session.commit()
    return post


def fresh(model: Any, ident: int) -> Any:
    """The row read again from the database."""
    db.session.expire_all()
    return db.session.get(model, ident)


def count(model: Any) -> int:
    """How many rows `model` has."""
    db.session.expire_all()
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def audit_rows(action: str | None = None) -> list[AuditEvent]:
    """The audit events recorded (optionally only `action`), oldest first."""
    db.session.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))


def reports_of(post: Post) -> list[PostReport]:
    """Every report of `post`, oldest first, read fresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(PostReport).where(PostReport.post_id == post.id).order_by(PostReport.id)))
