"""Five simultaneous retries of one send (the same client_id) store one post, and every ack names it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from zone_networks.discussions.models import Post, Thread

RETRIES = 5
ROUNDS = 3


def test_concurrent_retries_store_exactly_one_post(live, db, people, cookie_for, socket_clients, thread_for):
    author = people.member("author@humber.example")
    watcher_person = people.member("watcher@humber.example")
    thread_id = thread_for(author)
    cookie = cookie_for(live, author)
    # Five connections of the same person, as five tabs (or one client retrying on new connections) would be.
    sockets = [socket_clients(live, cookie) for _ in range(RETRIES)]
    watcher = socket_clients(live, cookie_for(live, watcher_person))
    watcher.join(thread_id)

    for round_number in range(ROUNDS):
        client_id = f"retry-{round_number}"
        barrier = threading.Barrier(RETRIES)

        def attempt(client, client_id=client_id, barrier=barrier, body=f"Sent once, round {round_number}"):
            barrier.wait()
            return client.send(thread_id, body, client_id)

        with ThreadPoolExecutor(RETRIES) as pool:
            acks = list(pool.map(attempt, sockets))

        assert all(ack["ok"] for ack in acks), acks
        ids = {ack["post"]["id"] for ack in acks}
        assert len(ids) == 1, f"round {round_number}: {RETRIES} retries made posts {sorted(ids)}"
        assert {ack["post"]["seq"] for ack in acks} == {round_number + 2}
        post_id = ids.pop()
        assert watcher.wait_for(
            lambda events, post_id=post_id: any(
                name == "post.created" and data["post"]["id"] == post_id for name, data in events
            ),
            timeout=5,
        )

    db.session.remove()
    stored = db.session.execute(
        db.select(Post.client_id, Post.seq).where(Post.thread_id == thread_id).order_by(Post.seq)
    ).all()
    assert [row.client_id for row in stored[1:]] == [f"retry-{number}" for number in range(ROUNDS)]
    thread = db.session.get(Thread, thread_id)
    assert (thread.post_count, thread.last_post_seq, thread.last_seq) == (ROUNDS + 1,) * 3
    # The watcher heard of exactly the stored posts (a repeated announcement of one would carry the same seq).
    created = watcher.named("post.created")
    assert {data["post"]["id"] for data in created} == set(
        db.session.scalars(db.select(Post.id).where(Post.thread_id == thread_id, Post.seq > 1))
    )
    assert all(data["seq"] == data["post"]["change_seq"] for data in created)
