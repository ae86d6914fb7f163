"""Everything the thread page shows: one page of posts with authors and reactions, the reply form, read state.

Loading a page is a fixed number of statements whatever its length: the
count and the page of posts, their authors and quoted posts (selectin), the
reaction counts and the viewer's own reactions (one grouped query each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from zone_networks.core.clock import as_utc
from zone_networks.core.pagination import Page, paginate, pagination_params
from zone_networks.discussions import bp
from zone_networks.discussions.forms import ReplyForm, new_client_id
from zone_networks.discussions.loaders import ThreadAccess
from zone_networks.discussions.mentions import handle_for
from zone_networks.discussions.models import REACTIONS, Post, PostReaction
from zone_networks.discussions.payloads import reaction_counts, with_authors
from zone_networks.discussions.queries import POSTS_PER_PAGE, read_marker, thread_posts_query
from zone_networks.extensions import db


@dataclass
class ThreadPage:
    """One page of a thread, ready for the template."""

    access: ThreadAccess
    page: Page[Post]
    reactions: dict[int, dict[str, int]]
    mine: set[tuple[int, str]]
    last_read_seq: int
    form: ReplyForm
    own_handle: str
    emoji: tuple[str, ...] = field(default=REACTIONS)

    @property
    def pagination(self) -> dict[str, Any] | None:
        """govukPagination parameters (None on a one-page thread)."""
        return pagination_params(self.page, anchor="posts", label="Pages of this thread")

    @property
    def newest_seq_shown(self) -> int:
        """The highest post number on this page (what viewing it marks as read)."""
        return max((post.seq for post in self.page.items), default=0)

    def is_new(self, post: Post, viewer_id: int) -> bool:
        """Whether `post` arrived since the viewer last read the thread (their own posts never are)."""
        return post.seq > self.last_read_seq and post.author_id != viewer_id


def my_reactions(user: Any, post_ids: list[int]) -> set[tuple[int, str]]:
    """The (post id, emoji) pairs `user` has reacted with among these posts (one query)."""
    if not post_ids:
        return set()
    query = select(PostReaction.post_id, PostReaction.emoji).where(
        PostReaction.user_id == user.id, PostReaction.post_id.in_(post_ids))
    return {(post_id, emoji) for post_id, emoji in db.session.execute(query)}


def last_page(post_count: int) -> int:
    """The number of the thread's last page."""
    return max(1, (post_count - 1) // POSTS_PER_PAGE + 1)


def quote_text(post: Post) -> str:
    """A Markdown quote of `post` for the reply box."""
    lines = post.body.splitlines() or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines) + "\n\n"


def quoted_post(access: ThreadAccess, raw: str | None) -> Post | None:
    """The post the viewer asked to quote (`?quote=<id>`), if it is a visible post of this thread."""
    if not raw or not raw.isdigit() or len(raw) > 12:
        return None
    post = db.session.get(Post, int(raw))
    if post is None or post.thread_id != access.thread.id or post.is_deleted or post.is_hidden:
        return None
    return post


def load_thread_page(access: ThreadAccess, viewer: Any, page_number: int, form: ReplyForm | None = None,
                     quote: Post | None = None) -> ThreadPage:
    """Build page `page_number` of the thread for `viewer` (404 past the last page)."""
    thread = access.thread
    page = paginate(with_authors(thread_posts_query(thread.id)), page_number, POSTS_PER_PAGE)
    ids = [post.id for post in page.items]
    if form is None:
        form = ReplyForm()
        form.client_id.data = new_client_id()
        if quote is not None:
            form.body.data = quote_text(quote)
            form.quote_of.data = str(quote.id)
    return ThreadPage(access=access, page=page, reactions=reaction_counts(ids), mine=my_reactions(viewer, ids),
                      last_read_seq=read_marker(viewer, thread.id), form=form, own_handle=handle_for(viewer.name))


def iso_utc(moment: datetime | None) -> str:
    """A stored time as ISO 8601 in UTC (for <time datetime>), whatever the database gave back."""
    return as_utc(moment).isoformat() if moment is not None else ""


bp.add_app_template_filter(iso_utc, "iso_utc")
