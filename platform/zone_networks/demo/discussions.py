"""Demo discussions: the threads of demo/discussions_content.py, written by the demo people (idempotent).

Call `build_demo_discussions()` after the demo people and meetings exist.
Threads are found again by title among the demo threads, so a second run adds
nothing. Each post is stored as the discussions service stores one (the same
rendering, @mention linking and mention records, follows and read markers)
but at the time the plan gives, so the demo shows a history rather than a
burst of posts made a second ago, and without sending email. The sequence
rule holds: every post, edit and reaction takes the thread's next change
number. Mentioned people get an unread notification, as they would have.
The rooms of the demo meetings are marked as demo, and the next forum's room
gets a few posts. Everything is indexed for search by the session listeners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.demo import demo_email
from zone_networks.demo.discussions_content import FORUM_ROOM_POSTS, THREADS, PostPlan, ThreadPlan
from zone_networks.demo.plan import lead_email
from zone_networks.discussions.mentions import handle_for
from zone_networks.discussions.models import Post, PostReaction, PostRevision, Thread, ThreadFollow, ThreadRead
from zone_networks.discussions.writing import post_path, record_mentions, render_body
from zone_networks.extensions import db
from zone_networks.meetings.demo import FORUM_UID
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.networks.models import Network
from zone_networks.notifications.models import Notification

_PLACEHOLDER = re.compile(r"\{@([a-z_]+:[a-z0-9-]+|secretariat)\}")
EDIT_GAP = timedelta(minutes=20)
REACTION_GAP = timedelta(hours=1)


def person_email(key: str) -> str:
    """The demo email address of the person a content key names."""
    if key == "secretariat":
        return demo_email("secretariat")
    kind, _sep, slug = key.partition(":")
    if kind == "official":
        return demo_email(f"official.{slug}")
    return lead_email(kind, slug)


def people_for(keys: set[str]) -> dict[str, User]:
    """The demo people behind these keys (those that exist), by key (one query)."""
    emails = {person_email(key): key for key in keys}
    return {emails[user.email]: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))}


def with_mentions(body: str, people: dict[str, User]) -> str:
    """`body` with each `{@key}` turned into that person's @handle (or their plain name if they are missing)."""
    def replace(match: re.Match[str]) -> str:
        person = people.get(match.group(1))
        return f"@{handle_for(person.name)}" if person is not None else "a colleague"

    return _PLACEHOLDER.sub(replace, body)


@dataclass
class ThreadWriter:
    """Appends planned posts to one thread, keeping its counters as the sequence rule says."""

    thread: Thread
    people: dict[str, User]
    now: datetime
    posts: list[Post] = field(default_factory=list)
    followers: set[int] = field(default_factory=set)

    def _next(self) -> int:
        self.thread.last_seq += 1
        return self.thread.last_seq

    def add(self, plan: PostPlan) -> Post | None:
        """Store one planned post (with its edit history and mentions); None if its author is missing."""
        author = self.people.get(plan.author)
        if author is None:
            return None
        when = self.now - timedelta(hours=plan.hours_ago)
        seq = self._next()
        body = with_mentions(plan.body, self.people)
        html, mentioned = render_body(self.thread, body)
        quoted = self.posts[plan.quotes] if plan.quotes is not None and plan.quotes < len(self.posts) else None
        post = Post(thread_id=self.thread.id, seq=seq, change_seq=seq, author_id=author.id, body=body,
                    body_html=html, quote_of_id=quoted.id if quoted is not None else None, created_at=when,
                    is_demo=True)
        if plan.earlier:
            for _text in plan.earlier:
                post.change_seq = self._next()
            post.edit_count = len(plan.earlier)
            post.edited_at = when + EDIT_GAP * len(plan.earlier)
        db.session.add(post)
        db.session.flush()
        for number, text in enumerate(plan.earlier, start=1):
            db.session.add(PostRevision(post_id=post.id, number=number, body=with_mentions(text, self.people),
                                        replaced_at=when + EDIT_GAP * number, editor_id=author.id))
        for person in record_mentions(post, mentioned):
            self._notify_mention(person, author, post, when)
        self._follow(author, seq, when)
        self.thread.last_post_seq = seq
        self.thread.post_count += 1
        self.thread.last_post_at = when
        self.posts.append(post)
        return post

    def _notify_mention(self, person: User, author: User, post: Post, when: datetime) -> None:
        with force_locale(person.language or "en"):
            title = _("%(name)s mentioned you in “%(title)s”", name=author.name, title=self.thread.title)
        db.session.add(Notification(user_id=person.id, kind="mention", object_key=f"post:{post.id}", title=title,
                                    url=post_path(post), actor_id=author.id, created_at=when))

    def _follow(self, author: User, seq: int, when: datetime) -> None:
        if author.id not in self.followers:
            self.followers.add(author.id)
            db.session.add(ThreadFollow(user_id=author.id, thread_id=self.thread.id, created_at=when))
            db.session.add(ThreadRead(user_id=author.id, thread_id=self.thread.id, last_read_seq=seq, read_at=when))
        else:
            read = db.session.get(ThreadRead, (author.id, self.thread.id))
            if read is not None:
                read.last_read_seq, read.read_at = seq, when

    def react(self, plans: tuple[PostPlan, ...]) -> int:
        """Add the planned reactions, after all the posts, each taking the next change number."""
        added = 0
        for plan, post in zip(plans, self.posts, strict=False):
            for number, (key, emoji) in enumerate(plan.reactions, start=1):
                person = self.people.get(key)
                if person is None or person.id == post.author_id:
                    continue
                post.change_seq = self._next()
                db.session.add(PostReaction(post_id=post.id, user_id=person.id, emoji=emoji,
                                            created_at=post.created_at + REACTION_GAP * number))
                added += 1
        return added


def _plan_keys(plans: tuple[PostPlan, ...]) -> set[str]:
    keys = {plan.author for plan in plans} | {key for plan in plans for key, _emoji in plan.reactions}
    for plan in plans:
        keys |= set(_PLACEHOLDER.findall(plan.body))
    return keys


def _write_thread(plan: ThreadPlan, network: Network, people: dict[str, User], now: datetime) -> Thread | None:
    first = people.get(plan.posts[0].author)
    if first is None:
        return None
    started = now - timedelta(hours=plan.posts[0].hours_ago)
    thread = Thread(network_id=network.id, kind="discussion", title=plan.title, author_id=first.id,
                    is_pinned=plan.pinned, is_locked=plan.locked, is_demo=True, last_seq=0, last_post_seq=0,
                    post_count=0, last_post_at=started, created_at=started)
    db.session.add(thread)
    db.session.flush()
    writer = ThreadWriter(thread, people, now)
    for post_plan in plan.posts:
        writer.add(post_plan)
    writer.react(plan.posts)
    return thread


def demo_meeting_rooms() -> list[Thread]:
    """The rooms of the demo meetings (their series' or their own UID starts "demo-")."""
    query = (
        select(Thread).join(Meeting, Meeting.id == Thread.meeting_id)
        .outerjoin(MeetingSeries, MeetingSeries.id == Meeting.series_id)
        .where(Thread.kind == "meeting",
               (Meeting.uid.like("demo-%")) | (MeetingSeries.uid.like("demo-%")))
    )
    return list(db.session.scalars(query))


def _next_forum_room(now: datetime) -> Thread | None:
    query = (
        select(Thread).join(Meeting, Meeting.id == Thread.meeting_id)
        .join(MeetingSeries, MeetingSeries.id == Meeting.series_id)
        .where(MeetingSeries.uid == FORUM_UID, Meeting.starts_at > now, Meeting.status == "scheduled")
        .order_by(Meeting.starts_at).limit(1)
    )
    return db.session.scalars(query).first()


def build_demo_discussions(now: datetime | None = None) -> int:
    """Add the demo threads that are missing and the forum room's posts, then commit; returns threads added."""
    moment = now or utcnow()
    existing = set(db.session.scalars(select(Thread.title).where(Thread.is_demo.is_(True),
                                                                  Thread.kind == "discussion")))
    wanted = [plan for plan in THREADS if plan.title not in existing]
    networks = {network.slug: network for network in db.session.scalars(select(Network))}
    keys = {key for plan in wanted for key in _plan_keys(plan.posts)} | _plan_keys(FORUM_ROOM_POSTS)
    people = people_for(keys)
    made = 0
    for plan in wanted:
        if plan.network in networks and _write_thread(plan, networks[plan.network], people, moment) is not None:
            made += 1
    for demo_room in demo_meeting_rooms():
        demo_room.is_demo = True
    room = _next_forum_room(moment)
    if room is not None and room.post_count == 0:
        writer = ThreadWriter(room, people, moment)
        for post_plan in FORUM_ROOM_POSTS:
            writer.add(post_plan)
        writer.react(FORUM_ROOM_POSTS)
    db.session.commit()
    return made
