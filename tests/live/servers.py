"""Real servers for the live tests: gunicorn (tests/e2e/server.py), redis-server, and Socket.IO clients.

Everything here talks over loopback sockets to processes the tests start
themselves on free ports: the app under gunicorn (Socket.IO in threading mode,
so gevent never enters the pytest process), a throwaway redis-server, and real
`python-socketio` clients on the websocket transport carrying the session
cookie of a person signed in through the real /login form.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import socketio

LIVE = "/live"
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


# --- Signing in ---------------------------------------------------------------


def sign_in(base_url: str, email: str, password: str) -> str:
    """Sign in through the real /login form; return the Cookie header of the signed-in session."""
    with requests.Session() as session:
        page = session.get(f"{base_url}/login", timeout=10)
        match = _CSRF.search(page.text)
        assert page.status_code == 200 and match, f"GET /login answered {page.status_code} without a CSRF token"
        token = match.group(1) or match.group(2)
        response = session.post(
            f"{base_url}/login",
            data={"csrf_token": token, "email": email, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code in (302, 303), f"signing in as {email} answered {response.status_code}"
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


# --- Redis ----------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RedisServer:
    """A redis-server process on a free loopback port, with nothing saved to disk."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        """The REDIS_URL of this server."""
        return f"redis://127.0.0.1:{self.port}/0"


def start_redis(root: Path, timeout: float = 10.0) -> RedisServer:
    """Start redis-server in `root`; raise (never skip) when it is not installed or does not answer."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is not installed: the live tests need it (apt-get install redis-server; "
            "`make test` and .ci/run install it when run as root)."
        )
    log = root / "redis.log"
    for _attempt in range(3):
        port = free_port()
        command = [
            binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(root), "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--logfile", str(log), "--protected-mode", "yes",
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        server = RedisServer(port=port, process=process, log=log)
        deadline = time.monotonic() + timeout
        while process.poll() is None and time.monotonic() < deadline:
            if _redis_ping(port):
                return server
            time.sleep(0.05)
        stop_redis(server)  # the port was taken in between, or it never answered: try another port
    output = log.read_text(errors="replace") if log.exists() else ""
    raise RuntimeError(f"redis-server did not answer PING within {timeout} s:\n{output}")


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def stop_redis(server: RedisServer) -> None:
    """Stop redis-server and wait for it."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


# --- Socket.IO clients ------------------------------------------------------------


@dataclass
class Transcript:
    """What one person's client knows of a thread: posts merged by id, and which change numbers it has seen.

    This is the client side of DESIGN.md section 5: every stored change carries the
    thread's next sequence number; the client keeps the highest number up to which
    it has seen every change (`watermark`), asks for everything after it when it
    (re)joins, and merges by post id keeping the newest change of each post.
    """

    posts: dict[int, dict[str, Any]] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    watermark: int = 0
    events: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def merge(self, post: dict[str, Any]) -> None:
        """Keep `post` unless a newer change of the same post is already known."""
        with self.lock:
            known = self.posts.get(post["id"])
            if known is None or post["change_seq"] >= known["change_seq"]:
                self.posts[post["id"]] = post
            self.seen.add(post["change_seq"])
            self._advance()

    def caught_up_to(self, last_seq: int) -> None:
        """A join answered everything up to `last_seq`: no change before it is missing."""
        with self.lock:
            self.watermark = max(self.watermark, last_seq)
            self._advance()

    def _advance(self) -> None:
        while self.watermark + 1 in self.seen:
            self.watermark += 1

    def has_gap(self) -> bool:
        """Whether a change after the watermark arrived while an earlier one is still missing."""
        with self.lock:
            return any(seq > self.watermark for seq in self.seen)

    def ordered(self) -> list[dict[str, Any]]:
        """The posts in display order (by creation number)."""
        with self.lock:
            return sorted(self.posts.values(), key=lambda post: post["seq"])


class LiveClient:
    """A python-socketio client on the websocket transport, signed in with a session cookie.

    Records every server event it receives; `on_post` (when given) sees each post
    event as it arrives.
    """

    def __init__(self, base_url: str, cookie: str | None, *, on_post: Callable[[str, dict[str, Any]], None] | None
                 = None) -> None:
        self.base_url = base_url
        self.cookie = cookie
        self.on_post = on_post
        self.events: list[tuple[str, Any]] = []
        # Re-entrant: `wait_for` predicates call `named`, which takes the lock again.
        self.lock = threading.RLock()
        self.received = threading.Condition(self.lock)
        self.sio = socketio.Client(reconnection=False)
        for name in ("post.created", "post.updated", "post.deleted", "reaction.updated", "presence", "typing",
                     "notification", "thread.activity", "session.ended"):
            self.sio.on(name, self._handler(name), namespace=LIVE)

    def _handler(self, name: str) -> Callable[[Any], None]:
        def handle(data: Any = None) -> None:
            if self.on_post is not None and name.startswith("post."):
                self.on_post(name, data)
            with self.received:
                self.events.append((name, data))
                self.received.notify_all()

        return handle

    def connect(self) -> LiveClient:
        """Open the websocket to /live, sending the session cookie."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.sio.connect(self.base_url, headers=headers, transports=["websocket"], namespaces=[LIVE],
                         wait_timeout=10)
        return self

    @property
    def connected(self) -> bool:
        """Whether the /live namespace is connected."""
        return bool(self.sio.connected) and LIVE in self.sio.namespaces

    def call(self, event: str, data: dict[str, Any], timeout: float = 10) -> Any:
        """Send `event` and return the server's acknowledgement."""
        return self.sio.call(event, data, namespace=LIVE, timeout=timeout)

    def join(self, thread_id: int, after_seq: int = 0) -> dict[str, Any]:
        """thread.join; fails the test unless the server accepts."""
        ack = self.call("thread.join", {"thread_id": thread_id, "after_seq": after_seq})
        assert isinstance(ack, dict) and ack.get("ok"), f"thread.join {thread_id} refused: {ack!r}"
        return ack

    def send(self, thread_id: int, body: str, client_id: str) -> dict[str, Any]:
        """post.create; returns the acknowledgement."""
        ack = self.call("post.create", {"thread_id": thread_id, "body": body, "client_id": client_id})
        assert isinstance(ack, dict), f"post.create answered {ack!r}"
        return ack

    def catch_up(self, thread_id: int, transcript: Transcript) -> int:
        """(Re)join the thread from `transcript`'s watermark, merging every change after it; returns the calls made.

        A join answers at most a page of changes (`more: true` when others follow):
        ask again from the last change received until the server has no more.
        """
        calls = 0
        while True:
            ack = self.join(thread_id, after_seq=transcript.watermark)
            calls += 1
            for post in ack["posts"]:
                transcript.merge(post)
            if not ack.get("more"):
                transcript.caught_up_to(ack["last_seq"])
                return calls
            assert ack["posts"], "thread.join said there was more but sent nothing"
            transcript.caught_up_to(max(post["change_seq"] for post in ack["posts"]))

    def wait_for(self, predicate: Callable[[list[tuple[str, Any]]], bool], timeout: float = 10) -> bool:
        """Wait until `predicate(events)` holds; False on timeout."""
        with self.received:
            return self.received.wait_for(lambda: predicate(self.events), timeout=timeout)

    def named(self, name: str) -> list[Any]:
        """The payloads of the events called `name`, in arrival order."""
        with self.lock:
            return [data for event, data in self.events if event == name]

    def drop(self) -> None:
        """Cut the connection the way a network does: shut the TCP socket down under the websocket."""
        ws = getattr(self.sio.eio, "ws", None)
        sock = getattr(ws, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # already gone
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + 10
        while self.sio.connected and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not self.sio.connected, "the client did not notice its connection had gone"

    def close(self) -> None:
        """Disconnect politely (no error when already gone)."""
        with contextlib.suppress(Exception):  # closing a half-dead client must never fail the test
            self.sio.disconnect()
