"""Fixtures shared by the discussions tests: networks, a thread in the Skills Forum, posting helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.services import create_post, start_thread
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Network


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return _db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def fresh(model: Any, ident: Any) -> Any:
    """`model` `ident` read again from the database (nothing cached)."""
    _db.session.expire_all()
    return _db.session.get(model, ident)


def posts_of(thread_id: int) -> list[Post]:
    """The thread's posts in display order, read again from the database."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(Post).where(Post.thread_id == thread_id).order_by(Post.seq)))


@pytest.fixture()
def thread(member: User) -> Thread:
    """A Skills Forum discussion started by `member` (one post)."""
    return start_thread(member, network("skills-forum"), "Apprenticeship levy pooling", "Has anyone pooled levy?")


@pytest.fixture()
def reply() -> Callable[..., Post]:
    """Post `body` to `thread` as `author` (committed); returns the post."""

    def _reply(author: User, thread: Thread, body: str = "A reply", **options: Any) -> Post:
        post, _created = create_post(author, thread, body, **options)
        return post

    return _reply
