"""Fetch-then-authorise helpers for the discussion routes: 404 for what the viewer may not see, 403 to change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from flask import abort
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.queries import membership_for, page_of_seq, thread_by_id
from zone_networks.discussions.rules import can_see_threads
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import network_by_slug


def me() -> User:
    """The signed-in person as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


@dataclass(frozen=True)
class ThreadAccess:
    """A thread the viewer may see, with their membership of its network and what they may do."""

    thread: Thread
    membership: Membership | None
    can_post: bool
    can_moderate: bool


def visible_network(slug: str) -> tuple[Network, Membership | None]:
    """The network whose discussions the viewer may see (404 otherwise), and their membership."""
    network = network_by_slug(slug)
    if network is None:
        abort(404)
    membership = membership_for(current_user, network.id)
    require(can_see_threads(current_user, network, membership))
    return network, membership


def access_for(thread: Thread) -> ThreadAccess:
    """What the viewer may do with `thread` (404 when they may not see it)."""
    membership = membership_for(current_user, thread.network_id)
    require(thread.can_view(current_user, membership))
    return ThreadAccess(thread, membership, thread.can_post(current_user, membership),
                        thread.can_moderate(current_user, membership))


def visible_thread(thread_id: int) -> ThreadAccess:
    """The thread by id if the viewer may see it (404 otherwise)."""
    thread = thread_by_id(thread_id)
    if thread is None:
        abort(404)
    return access_for(thread)


def visible_post(post_id: int) -> tuple[Post, ThreadAccess]:
    """The post by id and its thread, if the viewer may see the thread (404 otherwise)."""
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    return post, visible_thread(post.thread_id)


def own_post(post_id: int) -> tuple[Post, ThreadAccess]:
    """The viewer's own post that can still be changed: 404 if unseen or gone, 403 if someone else's."""
    post, access = visible_post(post_id)
    require(not post.is_deleted)
    require(post.author_id == current_user.id, 403)
    return post, access


def post_anchor_url(post: Post, **values: Any) -> str:
    """The thread page that shows `post`, with the post's anchor."""
    from flask import url_for

    page = page_of_seq(post.thread_id, post.seq)
    return url_for("discussions.thread_page", thread_id=post.thread_id, page=page if page > 1 else None,
                   _anchor=f"post-{post.id}", **values)
