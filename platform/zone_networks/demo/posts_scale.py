"""`flask demo --posts N`: many generated demo posts, for the search bench and load tests.

Post number n (1, 2, ...) goes to thread ((n - 1) // RUN) % THREADS: runs of
RUN consecutive posts fill the threads in turn, so 100,000 posts make 300
threads of about 330 posts, spread over the three networks, and a small N
still gives a few threads with several posts each. A thread is made with its
first post. Authors are active members of the thread's network; texts come
from demo/discussions_texts.py. Each post is recognised by its client_id
("demo-scale-<n>"), which makes the command idempotent: only the posts after
those already there are added, continuing their threads.

Rows are bulk inserted (executemany, no ORM objects), so the session's search
listeners do not see them: each batch's posts are indexed with
`search.indexer.refresh` (the same adapter the listeners use) before the
batch commits. The sequence rule holds: a post's seq and change_seq are its
thread's next change number, and the thread's last_seq, last_post_seq,
post_count and last_post_at are written with each batch.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.core.markdown import render_markdown
from zone_networks.demo.discussions_texts import thread_title, write_post
from zone_networks.demo.documents_scale import THEMES
from zone_networks.discussions.models import Post, Thread, ThreadFollow
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Organisation, Zone

CLIENT_PREFIX = "demo-scale-"
THREADS = 300
RUN = 25
STEP = timedelta(minutes=5)
BATCH = 1000


@dataclass(frozen=True)
class PostsSummary:
    """What `--posts N` did."""

    created: int
    total: int
    threads: int


@dataclass
class _Thread:
    """A generated thread's counters as the batch leaves them."""

    id: int
    network_id: int
    theme: str
    topic: str
    last_seq: int
    post_count: int
    last_post_at: datetime | None = None


def client_id(number: int) -> str:
    """The client_id of generated post `number`."""
    return f"{CLIENT_PREFIX}{number}"


def thread_index(number: int) -> int:
    """The generated thread (0 ...) that post `number` belongs to."""
    return ((number - 1) // RUN) % THREADS


def first_post(index: int) -> int:
    """The number of generated thread `index`'s first post."""
    return index * RUN + 1


def count_scale_posts() -> int:
    """How many generated posts exist."""
    return int(db.session.scalar(select(func.count(Post.id)).where(Post.client_id.like(f"{CLIENT_PREFIX}%"))) or 0)


def _authors() -> dict[int, list[tuple[int, str, str]]]:
    """Active members of each network, with their zone (or organisation) and a sector: id -> [(id, place, sector)]."""
    rows = db.session.execute(
        select(Membership.network_id, User.id, Zone.name, Organisation.name.label("organisation"))
        .join(User, User.id == Membership.user_id)
        .join(Organisation, Organisation.id == User.organisation_id)
        .outerjoin(Zone, Zone.id == Organisation.zone_id)
        .where(Membership.status == "active", User.active.is_(True), User.deleted_at.is_(None))
        .order_by(Membership.network_id, User.id))
    zones = {zone.name: zone for zone in db.session.scalars(select(Zone))}
    authors: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for network_id, user_id, zone_name, organisation in rows:
        zone = zones.get(zone_name or "")
        sectors = [sector.name for sector in zone.sectors] if zone is not None else []
        authors[network_id].append((user_id, zone_name or organisation, sectors[0] if sectors else
                                    "Advanced Manufacturing"))
    return authors


def _existing_threads(existing: int, networks: list[Network]) -> dict[int, _Thread]:
    """The generated threads already there (found by their first post), with their counters."""
    wanted = {client_id(first_post(index)): index for index in range(THREADS) if first_post(index) <= existing}
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Post.client_id, Thread.id, Thread.network_id, Thread.last_seq, Thread.post_count,
               Thread.last_post_at)
        .join(Thread, Thread.id == Post.thread_id).where(Post.client_id.in_(wanted)))
    themes = {network.id: THEMES.get(network.slug, "skills") for network in networks}
    found = {}
    for row in rows:
        index = wanted[row.client_id]
        # The topic is drawn again from the thread's own seed, as when it was made.
        rng = random.Random(f"thread:{index}")  # noqa: S311 (demo text, not secrets)
        _title, topic = thread_title(rng, themes[row.network_id], "", "")
        found[index] = _Thread(row.id, row.network_id, themes[row.network_id], topic, row.last_seq, row.post_count,
                               row.last_post_at)
    return found


class _Generator:
    """Makes generated posts (and their threads) in batches."""

    def __init__(self, seed: int, total: int, existing: int, now: datetime) -> None:
        self.seed = seed
        self.total = total
        self.now = now
        self.networks = list(db.session.scalars(select(Network).order_by(Network.id)))
        self.authors = _authors()
        self.threads = _existing_threads(existing, self.networks)

    def when(self, number: int) -> datetime:
        """Post `number`'s time: the newest is now, each one STEP after the one before."""
        return self.now - STEP * (self.total - number)

    def _author(self, rng: random.Random, network_id: int) -> tuple[int | None, str, str]:
        people: list[tuple[int | None, str, str]] = [*self.authors.get(network_id, [])]
        return rng.choice(people or [(None, "the secretariat", "Advanced Manufacturing")])

    def _new_thread(self, index: int, number: int) -> tuple[_Thread, dict[str, Any]]:
        network = self.networks[index % len(self.networks)]
        theme = THEMES.get(network.slug, "skills")
        rng = random.Random(f"{self.seed}:thread:{index}")  # noqa: S311 (demo text, not secrets)
        author_id, zone, sector = self._author(rng, network.id)
        title, topic = thread_title(random.Random(f"thread:{index}"), theme, zone, sector)  # noqa: S311
        when = self.when(number)
        row = {"network_id": network.id, "kind": "discussion", "title": title, "author_id": author_id,
               "is_locked": False, "is_pinned": False, "is_demo": True, "last_seq": 0, "last_post_seq": 0,
               "post_count": 0, "last_post_at": when, "created_at": when}
        return _Thread(0, network.id, theme, topic, 0, 0), row

    def batch(self, numbers: range) -> list[int]:
        """Insert posts `numbers` (and the threads they start), update their threads, index them; their ids."""
        made: list[tuple[int, _Thread, dict[str, Any]]] = []
        for number in numbers:
            index = thread_index(number)
            if index not in self.threads:
                thread, row = self._new_thread(index, number)
                made.append((index, thread, row))
                self.threads[index] = thread
        if made:
            ids = db.session.scalars(insert(Thread).returning(Thread.id, sort_by_parameter_order=True),
                                     [row for _index, _thread, row in made]).all()
            for (_index, thread, _row), thread_id in zip(made, ids, strict=True):
                thread.id = thread_id
            db.session.execute(insert(ThreadFollow), [
                {"user_id": row["author_id"], "thread_id": thread.id, "created_at": row["created_at"]}
                for _index, thread, row in made if row["author_id"] is not None])
        posts = []
        touched: dict[int, _Thread] = {}
        for number in numbers:
            thread = self.threads[thread_index(number)]
            rng = random.Random(f"{self.seed}:post:{number}")  # noqa: S311 (demo text, not secrets)
            author_id, zone, sector = self._author(rng, thread.network_id)
            body = write_post(rng, thread.theme, thread.topic, zone, sector)
            thread.last_seq += 1
            thread.post_count += 1
            thread.last_post_at = self.when(number)
            touched[thread.id] = thread
            posts.append({"thread_id": thread.id, "seq": thread.last_seq, "change_seq": thread.last_seq,
                          "author_id": author_id, "client_id": client_id(number), "body": body,
                          "body_html": str(render_markdown(body)), "created_at": thread.last_post_at,
                          "edit_count": 0, "is_demo": True})
        post_ids = list(db.session.scalars(insert(Post).returning(Post.id, sort_by_parameter_order=True), posts))
        db.session.execute(update(Thread), [
            {"id": thread.id, "last_seq": thread.last_seq, "last_post_seq": thread.last_seq,
             "post_count": thread.post_count, "last_post_at": thread.last_post_at} for thread in touched.values()])
        return post_ids


def build_scale_posts(count: int, seed: int) -> PostsSummary:
    """Make sure `count` generated posts exist (adding the missing ones, indexed for search), committing each batch."""
    from zone_networks.search.indexer import refresh

    existing = count_scale_posts()
    if existing >= count:
        return PostsSummary(created=0, total=existing, threads=min(THREADS, (existing - 1) // RUN + 1))
    generator = _Generator(seed, count, existing, utcnow())
    for start in range(existing + 1, count + 1, BATCH):
        post_ids = generator.batch(range(start, min(start + BATCH, count + 1)))
        refresh([("post", post_id) for post_id in post_ids])
        db.session.commit()
    return PostsSummary(created=count - existing, total=count, threads=len(generator.threads))
