"""Live-test fixtures: Zone Networks under gunicorn, a real redis-server, and real Socket.IO clients.

The servers are started once for this package (a few seconds each: gunicorn imports the app) on
the suite's database (SQLite file or DATABASE_URL); the function-scoped `app`
fixture empties and re-seeds that database before each test, and `live` fails
a test whose servers logged an error. redis-server must be installed: without
it the Redis tests fail with a clear message, they never skip.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from tests.e2e.server import LiveServer, start_server, stop_server
from tests.factories import TEST_PASSWORD, make_user
from tests.live.servers import LiveClient, RedisServer, sign_in, start_redis, stop_redis

from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership, Network

# Lifted for these tests: one person sends hundreds of posts a minute here, on purpose.
LIVE_ENV = {"POST_RATE_LIMIT": "100000 per minute"}
# Enough threads for every websocket a test holds open (threading mode: one thread each), plus requests.
THREADS = 64


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here as slow (they start servers); deselect with -m 'not slow'."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="package")
def zn_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One Zone Networks server (gunicorn, one worker, threading Socket.IO) on the suite's database."""
    server = start_server(database_url, tmp_path_factory.mktemp("live-zn"), threads=THREADS, env=LIVE_ENV)
    yield server
    stop_server(server)


@pytest.fixture(scope="package")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A throwaway redis-server on a free port (fails, never skips, when redis-server is missing)."""
    try:
        server = start_redis(tmp_path_factory.mktemp("redis"))
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    stop_redis(server)


@pytest.fixture(scope="package")
def zn_pair(
    database_url: str, redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two Zone Networks server processes sharing the Redis message queue (REDIS_URL) and the database."""
    env = {**LIVE_ENV, "REDIS_URL": redis_server.url}
    roots = [tmp_path_factory.mktemp("live-a"), tmp_path_factory.mktemp("live-b")]
    # Started side by side: each spends a few seconds importing the app.
    with ThreadPoolExecutor(2) as pool:
        starting = [pool.submit(start_server, database_url, root, threads=THREADS, env=env) for root in roots]
        wait(starting)
    started = [future.result() for future in starting if future.exception() is None]
    if len(started) < 2:
        _stop_all(started)
        raise next(future.exception() for future in starting if future.exception() is not None)  # type: ignore[misc]
    yield started[0], started[1]
    _stop_all(started)


def _stop_all(servers: list[LiveServer]) -> None:
    with ThreadPoolExecutor(max(1, len(servers))) as pool:
        list(pool.map(stop_server, servers))


@contextmanager
def _watching(servers: list[LiveServer]) -> Iterator[None]:
    """Fail the test when a server logs an error or stops while the block runs."""
    for server in servers:
        if server.outbox.exists():
            shutil.rmtree(server.outbox)
        server.mark_log()
    yield
    for server in servers:
        log = server.new_log()
        if "Traceback (most recent call last)" in log or "Error handling request" in log:
            pytest.fail(f"The server at {server.url} logged an error during the test:\n{log}")
        if server.process.poll() is not None:
            pytest.fail(f"The server at {server.url} stopped during the test:\n{log}")


@pytest.fixture()
def live(app: Flask, zn_server: LiveServer) -> Iterator[LiveServer]:
    """The server, after `app` has emptied and re-seeded the database; fails the test on a server error."""
    with _watching([zn_server]):
        yield zn_server


@pytest.fixture()
def live_pair(app: Flask, zn_pair: tuple[LiveServer, LiveServer]) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Both Redis-sharing servers, after the database is re-seeded; fails the test on a server error."""
    with _watching(list(zn_pair)):
        yield zn_pair


@dataclass
class People:
    """Makes members of a network who can sign in with TEST_PASSWORD."""

    def member(self, email: str, network_slug: str = "skills-forum", org_slug: str = "humber-freeport") -> User:
        """A new active member of the network (committed)."""
        user = make_user(email, org_slug, name=email.split("@")[0].replace(".", " ").title())
        network = _db.session.execute(_db.select(Network).filter_by(slug=network_slug)).scalar_one()
        _db.session.add(Membership(user_id=user.id, network_id=network.id, role="member", status="active"))
        _db.session.commit()
        return user


@pytest.fixture()
def people(db: Any) -> People:
    """Create network members for live tests."""
    return People()


@pytest.fixture()
def cookie_for() -> Callable[[LiveServer, User], str]:
    """Sign `user` in on `server` through the real login form; returns the Cookie header."""

    def _cookie(server: LiveServer, user: User) -> str:
        return sign_in(server.url, user.email, TEST_PASSWORD)

    return _cookie


@pytest.fixture()
def socket_clients() -> Iterator[Callable[..., LiveClient]]:
    """Make connected LiveClients; every one is closed after the test."""
    made: list[LiveClient] = []

    def _make(server: LiveServer, cookie: str | None, **kwargs: Any) -> LiveClient:
        client = LiveClient(server.url, cookie, **kwargs)
        made.append(client)
        return client.connect()

    yield _make
    for client in made:
        client.close()


@pytest.fixture()
def thread_for(db: Any) -> Callable[[User, str], int]:
    """Start a discussion in a network as `author` (through the threads service); returns its id."""

    def _start(author: User, network_slug: str = "skills-forum") -> int:
        from zone_networks.discussions.services import start_thread

        network = _db.session.execute(_db.select(Network).filter_by(slug=network_slug)).scalar_one()
        thread = start_thread(author, network, "Live test thread", "The first post.")
        return int(thread.id)

    return _start
