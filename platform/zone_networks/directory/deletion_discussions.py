"""What deleting an account does to discussions, challenges and notifications.

Kept, shown as "Former member" (the rows point at the anonymised account):
the person's threads, posts (with their text: the other posts in a thread
answer them, so a thread must stay readable), the edit history of posts they
still show, the challenges they posted, their zone's "we have this too", the
offers of help they made and the reports they made (a moderation record).

Removed, because they are about the person rather than their contribution,
or would keep them reachable: the record of who they mentioned being
(mentions: other people's words stay as written, and the profile link in them
leads nowhere once the person is deleted), their reactions, follows, read
markers, notifications and email choices; the earlier texts of posts they
deleted themselves (they took those words back); and their name in other
people's notifications about what they did becomes "Former member". Offers
that suggested them as the person to talk to no longer name them.

Removing a reaction changes the counts on a post, so, as the sequence rule
says, each post touched takes its thread's next change number (open pages
fetch the change when they next see a gap). Runs inside the deletion's
transaction.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update

from zone_networks.accounts.models import FORMER_MEMBER_NAME
from zone_networks.challenges.models import ChallengeOffer
from zone_networks.discussions.models import (
    Post,
    PostMention,
    PostReaction,
    PostRevision,
    ThreadFollow,
    ThreadRead,
)
from zone_networks.discussions.sequence import next_seq
from zone_networks.extensions import db
from zone_networks.notifications.models import Notification, NotificationPreference

TITLE_MAX: int = Notification.__table__.c.title.type.length  # a longer name must not overflow the column


def _rowcount(result: Any) -> int:
    return int(cast("CursorResult[Any]", result).rowcount or 0)


def _remove_reactions(person_id: int) -> int:
    """Delete the person's reactions; each post touched takes its thread's next change number."""
    touched = list(db.session.execute(
        select(Post.id, Post.thread_id)
        .where(Post.id.in_(select(PostReaction.post_id).where(PostReaction.user_id == person_id)))
        .order_by(Post.thread_id, Post.id)))
    removed = _rowcount(db.session.execute(delete(PostReaction).where(PostReaction.user_id == person_id)))
    for post_id, thread_id in touched:
        db.session.execute(update(Post).where(Post.id == post_id).values(change_seq=next_seq(thread_id, False))
                           .execution_options(synchronize_session="fetch"))
    return removed


def forget_discussions(person_id: int, old_name: str) -> dict[str, int]:
    """Remove what the module docstring lists for `person_id` (whose name was `old_name`); returns counts."""
    mentions = _rowcount(db.session.execute(delete(PostMention).where(PostMention.user_id == person_id)))
    reactions = _remove_reactions(person_id)
    db.session.execute(delete(ThreadFollow).where(ThreadFollow.user_id == person_id))
    db.session.execute(delete(ThreadRead).where(ThreadRead.user_id == person_id))
    notifications = _rowcount(db.session.execute(delete(Notification).where(Notification.user_id == person_id)))
    db.session.execute(delete(NotificationPreference).where(NotificationPreference.user_id == person_id))
    taken_back = select(Post.id).where(Post.author_id == person_id, Post.deleted_at.is_not(None))
    db.session.execute(delete(PostRevision).where(PostRevision.post_id.in_(taken_back))
                       .execution_options(synchronize_session=False))
    if old_name and old_name != FORMER_MEMBER_NAME:
        db.session.execute(
            update(Notification).where(Notification.actor_id == person_id)
            .values(title=func.substr(func.replace(Notification.title, old_name, FORMER_MEMBER_NAME), 1, TITLE_MAX))
            .execution_options(synchronize_session=False))
    db.session.execute(update(ChallengeOffer).where(ChallengeOffer.person_id == person_id).values(person_id=None)
                       .execution_options(synchronize_session=False))
    return {"mentions_removed": mentions, "reactions_removed": reactions, "notifications_removed": notifications}
