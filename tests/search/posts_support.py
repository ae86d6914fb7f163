"""Threads, posts and challenges for the search tests, written through the models (the index follows each flush).

The rows are made here rather than through discussions.services so the index
tests check the index alone; the counters follow the sequence rule (each post
takes the thread's next number as its seq and change_seq).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from zone_networks.challenges.models import Challenge
from zone_networks.core.clock import utcnow
from zone_networks.core.markdown import render_markdown
from zone_networks.discussions.models import Post, Thread
from zone_networks.extensions import db
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector, Zone


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def make_thread(title: str, *, network_slug: str = "skills-forum", author: Any = None, kind: str = "discussion",
                meeting: Any = None, commit: bool = True) -> Thread:
    """A thread without posts."""
    thread = Thread(network_id=network(network_slug).id, kind=kind, title=title,
                    author_id=author.id if author is not None else None,
                    meeting_id=meeting.id if meeting is not None else None)
    db.session.add(thread)
    db.session.flush()
    if commit:
        db.session.commit()
    return thread


def meeting_room(meeting: Any) -> Thread | None:
    """The room made with `meeting` (by the discussions feature's listener), if any."""
    return db.session.scalars(select(Thread).where(Thread.meeting_id == meeting.id)).first()


def add_post(thread: Thread, body: str, *, author: Any = None, commit: bool = True, **fields: Any) -> Post:
    """A post at the end of `thread`, with the thread's counters moved on as the sequence rule says."""
    thread.last_seq += 1
    thread.last_post_seq = thread.last_seq
    thread.post_count += 1
    thread.last_post_at = utcnow()
    post = Post(thread_id=thread.id, seq=thread.last_seq, change_seq=thread.last_seq, body=body,
                body_html=str(render_markdown(body)), author_id=author.id if author is not None else None,
                **fields)
    db.session.add(post)
    db.session.flush()
    if commit:
        db.session.commit()
    return post


def make_challenge(title: str, *, zone: Zone, owner: Any = None, network_slug: str = "innovation-leads",
                   problem: str = "", tried: str = "", help_wanted: str = "Advice", theme: str = "innovation",
                   sectors: list[Sector] | None = None) -> Challenge:
    """A challenge with its thread (no posts yet)."""
    thread = make_thread(title, network_slug=network_slug, author=owner, kind="challenge", commit=False)
    challenge = Challenge(thread_id=thread.id, owner_id=owner.id if owner is not None else None, zone_id=zone.id,
                          theme=theme, problem=problem, tried=tried, help_wanted=help_wanted)
    challenge.sectors = list(sectors or [])
    db.session.add(challenge)
    db.session.commit()
    return challenge
