"""Who is viewing a thread now, which connections each person has, and the typing throttle.

Presence is ephemeral: nothing here is stored in the database. With REDIS_URL
set every server process shares one Redis, so the viewers of a thread are the
same whichever process a client is connected to; without it the sets live in
this process's memory (the embedded, single-process default).

A viewer entry belongs to one connection (sid) and expires VIEWER_TTL seconds
after the connection last joined or pinged the thread, so a process that dies
without cleaning up leaves no ghost viewers for long. A person with two tabs
open is listed once.

The connection registry (person -> sids) lets the server disconnect every
socket of a person whose access changed (a removed membership, an ended
session), on whichever process it lives: python-socketio routes a disconnect
by sid through the message queue.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Protocol, TypedDict

from flask import current_app

# Seconds a viewer stays listed without a join or ping from its connection (clients ping every 30 s).
VIEWER_TTL = 90
# Seconds a connection registry entry lives without being refreshed (a day: longer than any session).
CONNECTION_TTL = 24 * 3600
# Seconds between two typing broadcasts for one person in one thread.
TYPING_INTERVAL = 2.0

_PREFIX = "zn:live:"
_store_lock = threading.Lock()


class Viewer(TypedDict):
    """A person viewing a thread, as sent to clients."""

    id: int
    name: str


class PresenceStore(Protocol):
    """The operations the live layer needs; implemented in memory and on Redis."""

    def add_viewer(self, thread_id: int, sid: str, user_id: int, name: str) -> None:
        """List `sid`'s person as viewing the thread (or refresh the entry)."""

    def remove_viewer(self, thread_id: int, sid: str) -> bool:
        """Stop listing `sid` as viewing the thread; True if it was listed."""

    def has_viewer(self, thread_id: int, sid: str) -> bool:
        """Whether `sid` is listed as viewing the thread (and not expired)."""

    def viewers(self, thread_id: int) -> list[Viewer]:
        """The people viewing the thread now, once each, ordered by name."""

    def threads_of(self, sid: str) -> list[int]:
        """The threads `sid` is listed as viewing."""

    def add_connection(self, user_id: int, sid: str) -> None:
        """Remember that `sid` is one of the person's connections."""

    def remove_connection(self, user_id: int, sid: str) -> None:
        """Forget one of the person's connections."""

    def connections(self, user_id: int) -> list[str]:
        """The person's open connections (sids), on every process."""

    def owner_of(self, sid: str) -> int | None:
        """The person a connection belongs to, if known."""

    def allow_typing(self, thread_id: int, user_id: int) -> bool:
        """True at most once per TYPING_INTERVAL for a person in a thread."""


def _unique_viewers(entries: list[dict[str, Any]]) -> list[Viewer]:
    people: dict[int, Viewer] = {}
    for entry in entries:
        people.setdefault(int(entry["id"]), Viewer(id=int(entry["id"]), name=str(entry["name"])))
    return sorted(people.values(), key=lambda viewer: (viewer["name"].casefold(), viewer["id"]))


class MemoryPresence:
    """Presence kept in this process (one server process, or tests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._viewers: dict[int, dict[str, dict[str, Any]]] = {}
        self._threads: dict[str, set[int]] = {}
        self._connections: dict[int, set[str]] = {}
        self._owners: dict[str, int] = {}
        self._typing: dict[tuple[int, int], float] = {}

    def add_viewer(self, thread_id: int, sid: str, user_id: int, name: str) -> None:
        """List `sid`'s person as viewing the thread (or refresh the entry)."""
        with self._lock:
            entry = {"id": user_id, "name": name, "at": time.monotonic()}
            self._viewers.setdefault(thread_id, {})[sid] = entry
            self._threads.setdefault(sid, set()).add(thread_id)

    def remove_viewer(self, thread_id: int, sid: str) -> bool:
        """Stop listing `sid` as viewing the thread; True if it was listed."""
        with self._lock:
            entries = self._viewers.get(thread_id, {})
            found = entries.pop(sid, None) is not None
            if not entries:
                self._viewers.pop(thread_id, None)
            threads = self._threads.get(sid)
            if threads is not None:
                threads.discard(thread_id)
                if not threads:
                    del self._threads[sid]
            return found

    def _live_entries(self, thread_id: int) -> dict[str, dict[str, Any]]:
        cutoff = time.monotonic() - VIEWER_TTL
        entries = self._viewers.get(thread_id, {})
        for sid in [sid for sid, entry in entries.items() if entry["at"] < cutoff]:
            del entries[sid]
            self._threads.get(sid, set()).discard(thread_id)
        return entries

    def has_viewer(self, thread_id: int, sid: str) -> bool:
        """Whether `sid` is listed as viewing the thread (and not expired)."""
        with self._lock:
            return sid in self._live_entries(thread_id)

    def viewers(self, thread_id: int) -> list[Viewer]:
        """The people viewing the thread now, once each, ordered by name."""
        with self._lock:
            return _unique_viewers(list(self._live_entries(thread_id).values()))

    def threads_of(self, sid: str) -> list[int]:
        """The threads `sid` is listed as viewing."""
        with self._lock:
            return sorted(self._threads.get(sid, set()))

    def add_connection(self, user_id: int, sid: str) -> None:
        """Remember that `sid` is one of the person's connections."""
        with self._lock:
            self._connections.setdefault(user_id, set()).add(sid)
            self._owners[sid] = user_id

    def remove_connection(self, user_id: int, sid: str) -> None:
        """Forget one of the person's connections."""
        with self._lock:
            sids = self._connections.get(user_id, set())
            sids.discard(sid)
            if not sids:
                self._connections.pop(user_id, None)
            self._owners.pop(sid, None)

    def connections(self, user_id: int) -> list[str]:
        """The person's open connections (sids)."""
        with self._lock:
            return sorted(self._connections.get(user_id, set()))

    def owner_of(self, sid: str) -> int | None:
        """The person a connection belongs to, if known."""
        with self._lock:
            return self._owners.get(sid)

    def allow_typing(self, thread_id: int, user_id: int) -> bool:
        """True at most once per TYPING_INTERVAL for a person in a thread."""
        now = time.monotonic()
        with self._lock:
            if now - self._typing.get((thread_id, user_id), -TYPING_INTERVAL) < TYPING_INTERVAL:
                return False
            self._typing[(thread_id, user_id)] = now
            if len(self._typing) > 10_000:  # forget old entries now and then
                self._typing = {key: at for key, at in self._typing.items() if now - at < TYPING_INTERVAL}
            return True


class RedisPresence:
    """Presence shared by every server process through one Redis.

    Keys (all under "zn:live:"): `viewers:<thread>` a hash sid -> {"id", "name", "at"} (wall-clock
    seconds; entries older than VIEWER_TTL are ignored and pruned); `sid:<sid>` the set of threads a
    connection views; `person:<id>` the set of a person's sids; `owner:<sid>` the person of a sid;
    `typing:<thread>:<person>` a short-lived throttle flag. Every key has an expiry.
    """

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, decode_responses=True)

    def add_viewer(self, thread_id: int, sid: str, user_id: int, name: str) -> None:
        """List `sid`'s person as viewing the thread (or refresh the entry)."""
        entry = json.dumps({"id": user_id, "name": name, "at": time.time()})
        pipe = self._redis.pipeline()
        pipe.hset(f"{_PREFIX}viewers:{thread_id}", sid, entry)
        pipe.expire(f"{_PREFIX}viewers:{thread_id}", VIEWER_TTL * 2)
        pipe.sadd(f"{_PREFIX}sid:{sid}", thread_id)
        pipe.expire(f"{_PREFIX}sid:{sid}", CONNECTION_TTL)
        pipe.execute()

    def remove_viewer(self, thread_id: int, sid: str) -> bool:
        """Stop listing `sid` as viewing the thread; True if it was listed."""
        pipe = self._redis.pipeline()
        pipe.hdel(f"{_PREFIX}viewers:{thread_id}", sid)
        pipe.srem(f"{_PREFIX}sid:{sid}", thread_id)
        removed, _ = pipe.execute()
        return bool(removed)

    def _live_entries(self, thread_id: int) -> dict[str, dict[str, Any]]:
        key = f"{_PREFIX}viewers:{thread_id}"
        cutoff = time.time() - VIEWER_TTL
        live: dict[str, dict[str, Any]] = {}
        stale: list[str] = []
        for field, raw in self._redis.hgetall(key).items():
            sid = str(field)
            try:
                entry = json.loads(raw)
            except ValueError:
                stale.append(sid)
                continue
            if float(entry.get("at", 0)) < cutoff:
                stale.append(sid)
            else:
                live[sid] = entry
        if stale:
            self._redis.hdel(key, *stale)
        return live

    def has_viewer(self, thread_id: int, sid: str) -> bool:
        """Whether `sid` is listed as viewing the thread (and not expired)."""
        return sid in self._live_entries(thread_id)

    def viewers(self, thread_id: int) -> list[Viewer]:
        """The people viewing the thread now, once each, ordered by name."""
        return _unique_viewers(list(self._live_entries(thread_id).values()))

    def threads_of(self, sid: str) -> list[int]:
        """The threads `sid` is listed as viewing."""
        return sorted(int(value) for value in self._redis.smembers(f"{_PREFIX}sid:{sid}"))

    def add_connection(self, user_id: int, sid: str) -> None:
        """Remember that `sid` is one of the person's connections."""
        pipe = self._redis.pipeline()
        pipe.sadd(f"{_PREFIX}person:{user_id}", sid)
        pipe.expire(f"{_PREFIX}person:{user_id}", CONNECTION_TTL)
        pipe.set(f"{_PREFIX}owner:{sid}", user_id, ex=CONNECTION_TTL)
        pipe.execute()

    def remove_connection(self, user_id: int, sid: str) -> None:
        """Forget one of the person's connections."""
        pipe = self._redis.pipeline()
        pipe.srem(f"{_PREFIX}person:{user_id}", sid)
        pipe.delete(f"{_PREFIX}owner:{sid}", f"{_PREFIX}sid:{sid}")
        pipe.execute()

    def connections(self, user_id: int) -> list[str]:
        """The person's open connections (sids), on every process."""
        return sorted(str(sid) for sid in self._redis.smembers(f"{_PREFIX}person:{user_id}"))

    def owner_of(self, sid: str) -> int | None:
        """The person a connection belongs to, if known."""
        value = self._redis.get(f"{_PREFIX}owner:{sid}")
        return int(value) if value is not None else None

    def allow_typing(self, thread_id: int, user_id: int) -> bool:
        """True at most once per TYPING_INTERVAL for a person in a thread (across processes)."""
        key = f"{_PREFIX}typing:{thread_id}:{user_id}"
        return bool(self._redis.set(key, 1, nx=True, px=int(TYPING_INTERVAL * 1000)))


def presence() -> PresenceStore:
    """The app's presence store: Redis when REDIS_URL is set, else this process's memory."""
    store: PresenceStore | None = current_app.extensions.get("zn_presence")
    if store is None:
        with _store_lock:  # two first events at once must not make two stores
            store = current_app.extensions.get("zn_presence")
            if store is None:
                url = current_app.config.get("REDIS_URL")
                store = RedisPresence(url) if url else MemoryPresence()
                current_app.extensions["zn_presence"] = store
    return store
