"""Presence ("Viewing now") and typing: who is listed, when it is announced, and the Redis store shared by processes."""

from __future__ import annotations

import shutil
import socket as sockets
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.discussions.live_support import ack, join, received, sign_in_socket, thread_in
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions import presence as presence_module
from zone_networks.discussions.models import Thread
from zone_networks.discussions.presence import MemoryPresence, PresenceStore, RedisPresence


@pytest.fixture()
def thread(db, member) -> Thread:
    """A Skills Forum thread."""
    return thread_in("skills-forum", member)


def _viewers(events: list[Any]) -> list[list[str]]:
    return [[viewer["name"] for viewer in event["viewers"]] for event in events]


def test_joining_and_leaving_announce_the_viewers(app, db, member, official, thread) -> None:
    first = sign_in_socket(app, member)
    second = sign_in_socket(app, official)
    join(first, thread)
    assert _viewers(received(first, "presence")) == [["Mina Member"]]
    join(second, thread)
    assert _viewers(received(first, "presence")) == [["Mina Member", "Olwen Official"]]
    assert _viewers(received(second, "presence")) == [["Mina Member", "Olwen Official"]]
    ack(second, "thread.leave", {"thread_id": thread.id})
    assert _viewers(received(first, "presence")) == [["Mina Member"]]
    join(second, thread)
    received(first)
    second.disconnect(namespace=LIVE_NAMESPACE)
    assert _viewers(received(first, "presence")) == [["Mina Member"]]


def test_a_person_with_two_tabs_is_listed_once(app, db, member, official, thread) -> None:
    tabs = [sign_in_socket(app, member), sign_in_socket(app, member)]
    watcher = sign_in_socket(app, official)
    join(watcher, thread)
    for tab in tabs:
        join(tab, thread)
    assert _viewers(received(watcher, "presence"))[-1] == ["Mina Member", "Olwen Official"]
    tabs[0].disconnect(namespace=LIVE_NAMESPACE)
    # Still there in the other tab.
    assert _viewers(received(watcher, "presence")) == [["Mina Member", "Olwen Official"]]


def test_viewers_carry_only_id_and_name(app, db, member, thread) -> None:
    socket = sign_in_socket(app, member)
    join(socket, thread)
    assert received(socket, "presence") == [{"thread_id": thread.id, "viewers": [{"id": member.id,
                                                                                    "name": "Mina Member"}]}]


def test_ping_keeps_a_viewer_and_relists_an_expired_one(app, db, member, official, thread, monkeypatch) -> None:
    reader, other = sign_in_socket(app, member), sign_in_socket(app, official)
    join(reader, thread)
    join(other, thread)
    received(reader)
    assert ack(other, "presence.ping", {"thread_id": thread.id})["ok"] is True
    assert received(reader, "presence") == []  # nothing changed: nothing announced
    monkeypatch.setattr(presence_module, "VIEWER_TTL", -1)  # every entry has now expired
    assert ack(reader, "presence.ping", {"thread_id": thread.id})["viewers"] == []
    monkeypatch.setattr(presence_module, "VIEWER_TTL", 90)
    answer = ack(other, "presence.ping", {"thread_id": thread.id})
    assert [viewer["name"] for viewer in answer["viewers"]] == ["Olwen Official"]
    # (The reader's own ping re-listed it while every entry counted as expired: an empty list, then Olwen.)
    assert _viewers(received(reader, "presence")) == [[], ["Olwen Official"]]


def test_ping_needs_a_join_and_access(app, db, member, outsider, thread) -> None:
    socket = sign_in_socket(app, member)
    assert ack(socket, "presence.ping", {"thread_id": thread.id}) == {"ok": False, "error": "Join the thread first"}
    assert ack(sign_in_socket(app, outsider), "presence.ping", {"thread_id": thread.id}) == {
        "ok": False, "error": "Thread not found"}
    assert ack(socket, "presence.ping", {}) == {"ok": False, "error": "Give the thread_id of a thread"}


def test_typing_is_throttled_per_person(app, db, member, official, thread, monkeypatch) -> None:
    typist, reader = sign_in_socket(app, member), sign_in_socket(app, official)
    join(typist, thread)
    join(reader, thread)
    received(reader)
    for _ in range(3):
        typist.emit("typing", {"thread_id": thread.id}, namespace=LIVE_NAMESPACE)
    assert len(received(reader, "typing")) == 1
    monkeypatch.setattr(presence_module, "TYPING_INTERVAL", 0.0)
    typist.emit("typing", {"thread_id": thread.id}, namespace=LIVE_NAMESPACE)
    assert len(received(reader, "typing")) == 1


def test_typing_in_a_locked_thread_is_not_broadcast(app, db, member, official, thread) -> None:
    thread.is_locked = True
    db.session.commit()
    typist, reader = sign_in_socket(app, official), sign_in_socket(app, member)
    join(reader, thread)
    received(reader)
    typist.emit("typing", {"thread_id": thread.id}, namespace=LIVE_NAMESPACE)
    assert received(reader, "typing") == []


# The stores themselves -------------------------------------------------------------------------------------------


def _exercise(one: PresenceStore, two: PresenceStore) -> None:
    """What every store must do; `two` is a second handle on the same data (another process), or `one` again."""
    one.add_viewer(7, "sid-a", 1, "Zed Zone")
    one.add_viewer(7, "sid-b", 2, "amy ashworth")
    two.add_viewer(7, "sid-c", 1, "Zed Zone")  # the same person in another tab, on another process
    assert two.viewers(7) == [{"id": 2, "name": "amy ashworth"}, {"id": 1, "name": "Zed Zone"}]
    assert one.has_viewer(7, "sid-c") and not one.has_viewer(8, "sid-c")
    assert two.threads_of("sid-a") == [7]
    assert one.remove_viewer(7, "sid-a") is True
    assert one.remove_viewer(7, "sid-a") is False
    assert [viewer["id"] for viewer in two.viewers(7)] == [2, 1]
    one.add_connection(5, "sid-x")
    two.add_connection(5, "sid-y")
    assert one.connections(5) == ["sid-x", "sid-y"]
    assert two.owner_of("sid-x") == 5 and one.owner_of("nobody") is None
    one.remove_connection(5, "sid-x")
    assert two.connections(5) == ["sid-y"] and two.owner_of("sid-x") is None
    assert one.allow_typing(7, 1) is True
    assert two.allow_typing(7, 1) is False
    assert two.allow_typing(7, 2) is True


def test_memory_store() -> None:
    store = MemoryPresence()
    _exercise(store, store)


def test_memory_store_expires_viewers(monkeypatch) -> None:
    store = MemoryPresence()
    store.add_viewer(1, "sid", 1, "Ann")
    monkeypatch.setattr(presence_module, "VIEWER_TTL", -1)
    assert store.viewers(1) == [] and store.threads_of("sid") == []


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (a failure, not a skip, when it is not installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: the presence tests need it (apt-get install redis-server).")
    folder: Path = tmp_path_factory.mktemp("redis")
    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture()
def redis_stores(redis_url: str) -> Iterator[tuple[RedisPresence, RedisPresence]]:
    """Two Redis stores on one empty Redis, as two server processes would have."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    one, two = RedisPresence(redis_url), RedisPresence(redis_url)
    yield one, two
    for store in (one, two):
        store._redis.close()


def test_redis_store_is_shared_by_processes(redis_stores) -> None:
    _exercise(*redis_stores)


def test_redis_store_expires_viewers_and_sets_expiries(redis_stores, monkeypatch) -> None:
    one, two = redis_stores
    one.add_viewer(3, "sid", 1, "Ann")
    one.add_connection(1, "sid")
    keys = one._redis.keys("zn:live:*")
    assert keys and all(one._redis.ttl(key) > 0 for key in keys)
    monkeypatch.setattr(presence_module, "VIEWER_TTL", -1)
    assert two.viewers(3) == []
    assert not one._redis.hexists("zn:live:viewers:3", "sid")  # pruned


def test_live_layer_on_the_redis_store(app, db, member, official, thread, redis_stores) -> None:
    one, two = redis_stores
    app.extensions["zn_presence"] = one
    first, second = sign_in_socket(app, member), sign_in_socket(app, official)
    join(first, thread)
    join(second, thread)
    # Another process sees both viewers and both connections.
    assert [viewer["name"] for viewer in two.viewers(thread.id)] == ["Mina Member", "Olwen Official"]
    assert len(two.connections(member.id)) == 1
    second.disconnect(namespace=LIVE_NAMESPACE)
    assert [viewer["name"] for viewer in two.viewers(thread.id)] == ["Mina Member"]
    assert two.connections(official.id) == []


def test_joining_again_to_catch_up_announces_nothing(app, db, member, official, thread) -> None:
    first, second = sign_in_socket(app, member), sign_in_socket(app, official)
    join(first, thread)
    join(second, thread)
    received(first)
    join(second, thread, after_seq=1)
    assert received(first, "presence") == []
