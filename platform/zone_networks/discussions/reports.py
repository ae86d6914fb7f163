"""Reports of posts to a network's moderators, and the moderators' queue.

Anyone who can see a post may report it once (a reason is required). The
network's moderators (active convenors and the staff) see the open reports,
grouped by post, at /networks/<slug>/reports, and either hide the post
(discussions.moderation.hide_post closes every open report of it) or dismiss
its reports. Reporters never learn who else reported a post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.discussions.models import Post, PostReport, Thread
from zone_networks.discussions.moderation import ModerationError, clean_reason
from zone_networks.discussions.queries import membership_for
from zone_networks.extensions import db


def can_report(user: Any, post: Post, thread: Thread, membership: Any) -> bool:
    """Whoever can see the thread may report a post that is still shown (not their own)."""
    return (thread.can_view(user, membership) and not post.is_hidden and not post.is_deleted
            and post.author_id != getattr(user, "id", None))


def has_reported(user: Any, post_id: int) -> bool:
    """Whether `user` has reported this post before (open or resolved)."""
    query = select(PostReport.id).where(PostReport.post_id == post_id, PostReport.reporter_id == user.id)
    return db.session.scalar(query) is not None


def report_post(reporter: User, post: Post, reason: str) -> bool:
    """Report `post` to its moderators. False (nothing written) when this person has already reported it."""
    thread = db.session.get(Thread, post.thread_id)
    assert thread is not None
    if not thread.can_view(reporter, membership_for(reporter, thread.network_id)):
        raise PermissionError("only people who can see a post may report it")
    if post.is_hidden or post.is_deleted:
        raise ModerationError(_("This message has already been removed"))
    if post.author_id == reporter.id:
        raise ModerationError(_("You cannot report your own message"))
    text = clean_reason(reason, required_message=_("Enter why you are reporting this message"))
    if has_reported(reporter, post.id):
        return False
    db.session.add(PostReport(post_id=post.id, reporter_id=reporter.id, reason=text))
    try:
        db.session.commit()
    except IntegrityError:  # the same person reporting twice at once: the other request wrote it
        db.session.rollback()
        return False
    return True


def dismiss_reports(actor: User, post: Post) -> int:
    """Close the open reports of `post` without hiding it; returns how many were closed."""
    thread = db.session.get(Thread, post.thread_id)
    assert thread is not None
    if not thread.can_moderate(actor, membership_for(actor, thread.network_id)):
        raise PermissionError("only the network's convenors and the staff handle reports")
    result = db.session.execute(
        update(PostReport)
        .where(PostReport.post_id == post.id, PostReport.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by_id=actor.id, outcome="dismissed")
    )
    closed = int(getattr(result, "rowcount", 0) or 0)
    if closed:
        record(actor, "post.reports_dismissed", "post", post.id, thread_id=thread.id,
               network=thread.network.slug, reports=closed)
    db.session.commit()
    return closed


def _open_reports(network_id: int) -> Any:
    return (
        select(PostReport)
        .join(Post, Post.id == PostReport.post_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Thread.network_id == network_id, PostReport.resolved_at.is_(None))
    )


def open_report_count(network_id: int) -> int:
    """How many reports in the network wait for a moderator (one COUNT query)."""
    query = _open_reports(network_id).with_only_columns(func.count(PostReport.id))
    return int(db.session.scalar(query) or 0)


@dataclass
class ReportedPost:
    """One reported post in the queue, with its open reports (oldest first)."""

    post: Post
    thread: Thread
    reports: list[PostReport] = field(default_factory=list)


def report_queue(network_id: int) -> list[ReportedPost]:
    """The network's reported posts with open reports, the longest-waiting first (a bounded number of queries)."""
    query = _open_reports(network_id).options(
        selectinload(PostReport.reporter),
        selectinload(PostReport.post).selectinload(Post.author),
        selectinload(PostReport.post).selectinload(Post.thread),
    ).order_by(PostReport.created_at, PostReport.id)
    groups: dict[int, ReportedPost] = {}
    for report in db.session.scalars(query):
        group = groups.get(report.post_id)
        if group is None:
            group = groups[report.post_id] = ReportedPost(report.post, report.post.thread)
        group.reports.append(report)
    return list(groups.values())
