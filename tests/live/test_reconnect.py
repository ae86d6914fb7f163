"""A client whose connection keeps dropping during a 500-post burst still ends with exactly the stored transcript.

One person sends 500 posts over a few seconds (one at a time, each acknowledged);
a second person's client has its TCP connection cut every 2 seconds, waits a
moment (missing some broadcasts), reconnects and catches up with
`thread.join {after_seq}` from the last change number up to which it has seen
everything; a third person's client stays connected and never asks for a
catch-up after its first join. Both must end with the database's posts: the
same ids, in seq order, with no gaps and nothing twice.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.live.servers import LiveClient, Transcript

from zone_networks.discussions.models import Post, Thread

BURST = 500
# Connections the sender posts from, in turn.
SENDERS = 4
DROP_EVERY = 2.0
# How long the burst lasts at least (paced), so the connection is cut several times during it.
BURST_SECONDS = 6.0
# How long a dropped client stays away before reconnecting (it misses what is posted meanwhile).
AWAY = 0.3


class Follower:
    """A client that follows a thread, merging every post event into its transcript (optionally dropping)."""

    def __init__(self, url: str, cookie: str, thread_id: int) -> None:
        self.url, self.cookie, self.thread_id = url, cookie, thread_id
        self.transcript = Transcript()
        self.drops = 0
        self.joins = 0
        self.client: LiveClient | None = None
        self.error: BaseException | None = None

    def _on_post(self, name: str, data: dict) -> None:
        if data["thread_id"] == self.thread_id:
            self.transcript.merge(data["post"])

    def connect(self) -> None:
        """Open a new connection and catch up from the watermark."""
        self.client = LiveClient(self.url, self.cookie, on_post=self._on_post).connect()
        self.joins += self.client.catch_up(self.thread_id, self.transcript)

    def run_dropping(self, stop: threading.Event) -> None:
        """Cut the connection every DROP_EVERY seconds until `stop`, reconnecting each time."""
        try:
            while not stop.wait(DROP_EVERY):
                assert self.client is not None
                self.client.drop()
                self.drops += 1
                time.sleep(AWAY)
                self.client.close()
                self.connect()
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error

    def settle(self, last_seq: int, timeout: float = 20) -> None:
        """Wait until the transcript covers `last_seq`; a gap that lasts a second is filled by a catch-up."""
        assert self.client is not None
        deadline = time.monotonic() + timeout
        gap_since: float | None = None
        while self.transcript.watermark < last_seq and time.monotonic() < deadline:
            if self.transcript.has_gap():
                gap_since = gap_since or time.monotonic()
                if time.monotonic() - gap_since > 1.0:  # the protocol: on seeing a gap, ask for what is after
                    self.joins += self.client.catch_up(self.thread_id, self.transcript)
                    gap_since = None
            else:
                gap_since = None
            time.sleep(0.05)

    def close(self) -> None:
        """Disconnect."""
        if self.client is not None:
            self.client.close()


def _stored(db, thread_id: int) -> tuple[list[tuple[int, int]], int]:
    db.session.remove()  # a fresh transaction: see every commit the server made
    rows = db.session.execute(
        db.select(Post.id, Post.seq).where(Post.thread_id == thread_id).order_by(Post.seq)
    ).all()
    return [(row.id, row.seq) for row in rows], db.session.get(Thread, thread_id).last_seq


def test_dropped_client_ends_with_the_stored_transcript(live, db, people, cookie_for, socket_clients, thread_for):
    sender = people.member("sender@humber.example")
    flaky_person = people.member("flaky@humber.example")
    steady_person = people.member("steady@humber.example")
    thread_id = thread_for(sender)
    flaky = Follower(live.url, cookie_for(live, flaky_person), thread_id)
    steady = Follower(live.url, cookie_for(live, steady_person), thread_id)
    flaky.connect()
    steady.connect()
    sender_cookie = cookie_for(live, sender)
    # A few connections of the sender post in turn (as several tabs would), so the server works on
    # several posts at once; each post is acknowledged before that connection sends its next.
    sending = [socket_clients(live, sender_cookie) for _ in range(SENDERS)]

    stop = threading.Event()
    dropper = threading.Thread(target=flaky.run_dropping, args=(stop,), daemon=True)
    dropper.start()
    acks: list[dict] = []
    started = time.monotonic()

    def send_share(index: int) -> None:
        for number in range(index, BURST, SENDERS):
            # Paced: post n goes no earlier than n/BURST of BURST_SECONDS after the start.
            delay = started + number * BURST_SECONDS / BURST - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            acks.append(sending[index].send(thread_id, f"Burst post {number}", f"burst-{number}"))

    try:
        with ThreadPoolExecutor(SENDERS) as pool:
            list(pool.map(send_share, range(SENDERS)))
    finally:
        stop.set()
        dropper.join(timeout=30)
    burst_seconds = time.monotonic() - started
    try:
        assert flaky.error is None, f"the dropping client failed: {flaky.error!r}"
        assert all(ack["ok"] for ack in acks), [ack for ack in acks if not ack["ok"]][:3]
        assert flaky.drops >= 2, f"the connection was cut only {flaky.drops} times in {burst_seconds:.1f} s"

        stored, last_seq = _stored(db, thread_id)
        assert len(stored) == BURST + 1
        assert [seq for _, seq in stored] == list(range(1, BURST + 2))  # no gaps in the database either
        assert last_seq == BURST + 1
        assert sorted(ack["post"]["id"] for ack in acks) == sorted(post_id for post_id, _ in stored[1:])

        for follower in (flaky, steady):
            follower.settle(last_seq)
            posts = follower.transcript.ordered()
            received = [(post["id"], post["seq"]) for post in posts]
            assert len({post_id for post_id, _ in received}) == len(received)  # nothing twice
            assert received == stored, (
                f"{'dropping' if follower is flaky else 'steady'} client: {len(received)} posts, "
                f"missing {sorted(set(stored) - set(received))[:10]}, extra {sorted(set(received) - set(stored))[:10]}"
            )
            assert all(post["body_html"] for post in posts)
        # The steady client needed no catch-up after its first join: every broadcast reached it.
        assert steady.joins == 1
        assert flaky.joins >= flaky.drops + 1
    finally:
        flaky.close()
        steady.close()
