"""The client side of `make bench-live`: many Socket.IO clients in one thread, in one gevent process.

Started by bench/live.py as `python bench/live_clients.py` with its settings as
JSON on stdin. It patches the standard library with gevent first (this process
only: never the server's, never pytest's), so each python-socketio client and
its websocket run on greenlets and one process holds hundreds of connections.

1. Connects the receivers (websocket transport, each with its own session
   cookie, at most 50 connecting at once) and has each join the thread. The
   receivers speak Engine.IO 4 / Socket.IO 5 over a bare websocket
   (`RawReceiver`: handshake, connect to /live, thread.join with its ack, pong
   every ping, and a regular expression for each post.created) because one
   python-socketio client per receiver costs more CPU per message than the
   server does: at 500 receivers x 20 posts/s the client process, not the
   server, would be measured. The senders are python-socketio clients.
2. Senders post at a steady total rate (`post.create`, acknowledged), first
   for the warm-up, then for the measured seconds. Each body carries a label
   and the wall-clock time it was sent: `bench <label> <unix time>`.
3. Each receiver records every `post.created` it gets: the post id and the
   delivery latency (receive time minus the send time in the body).
4. Waits until every receiver has every acknowledged post (or the drain time
   runs out), disconnects, and prints one JSON document.

Progress lines on stdout ("measure-start", "measure-end") let the parent
measure the server's CPU over the measured seconds only; the last line is the JSON.
"""

from gevent import monkey

monkey.patch_all()

import base64  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
from typing import Any  # noqa: E402

import gevent  # noqa: E402
import socketio  # noqa: E402
from gevent.pool import Pool  # noqa: E402

NAMESPACE = "/live"
SENT = re.compile(r"bench (\S+) (\d+\.\d+)")


class Receiver:
    """One person's client following the thread."""

    def __init__(self, url: str, cookie: str | None, thread_id: int, tag: str, after_seq: int = 0) -> None:
        self.url, self.cookie, self.thread_id, self.tag, self.after_seq = url, cookie, thread_id, tag, after_seq
        self.sio = socketio.Client(reconnection=False)
        self.ids: list[int] = []
        self.latencies: list[float] = []  # measured phase only, milliseconds
        self.dropped: str | None = None  # why the connection went, when it went before the end
        self.closing = False
        self.error: str | None = None
        self.sio.on("post.created", self._created, namespace=NAMESPACE)
        self.sio.on("disconnect", self._gone, namespace=NAMESPACE)

    def _created(self, data: dict[str, Any]) -> None:
        now = time.time()
        match = SENT.search(data["post"]["body_html"])
        if match is None or not match.group(1).startswith(self.tag):
            return
        self.ids.append(int(data["post"]["id"]))
        if "-m-" in match.group(1):
            self.latencies.append((now - float(match.group(2))) * 1000)

    def _gone(self, reason: Any = None) -> None:
        if not self.closing:
            self.dropped = str(reason)

    def start(self) -> None:
        """Connect and join the thread; remember the error instead of raising."""
        try:
            headers = {"Cookie": self.cookie} if self.cookie else {}
            self.sio.connect(self.url, headers=headers, transports=["websocket"], namespaces=[NAMESPACE],
                             wait_timeout=30)
            # Only new posts matter here: catch up from the thread's current number, not from the start.
            ack = self.sio.call("thread.join", {"thread_id": self.thread_id, "after_seq": self.after_seq},
                                namespace=NAMESPACE, timeout=60)
            if not ack.get("ok"):
                self.error = f"thread.join refused: {ack}"
        except Exception as error:  # counted and reported, never silent
            self.error = f"{type(error).__name__}: {error}"

    def stop(self) -> None:
        """Disconnect (no error when already gone)."""
        self.closing = True
        with contextlib.suppress(Exception):  # a connection that is already gone is fine here
            self.sio.disconnect()


POST_ID = re.compile(r'"post":\s*\{"id":\s*(\d+)')


def _frame(text: str) -> bytes:
    """A masked websocket text frame (clients must mask what they send)."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = bytes([0x81, 0x80 | size])
    elif size < 65536:
        header = bytes([0x81, 0x80 | 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x81, 0x80 | 127]) + size.to_bytes(8, "big")
    mask = os.urandom(4)
    repeated = (mask * (size // 4 + 1))[:size]
    masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(size, "big")
    return header + mask + masked


class RawReceiver:
    """A lean Socket.IO receiver on a bare websocket: same protocol, a fraction of the CPU per message."""

    def __init__(self, url: str, cookie: str | None, thread_id: int, tag: str, after_seq: int = 0) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookie, self.thread_id, self.tag, self.after_seq = cookie, thread_id, tag, after_seq
        self.ids: list[int] = []
        self.latencies: list[float] = []
        self.dropped: str | None = None
        self.closing = False
        self.error: str | None = None
        self.sock: socket.socket | None = None
        self._buffer = bytearray()
        self._reader: Any = None

    def _send(self, text: str) -> None:
        assert self.sock is not None
        self.sock.sendall(_frame(text))

    def _frames(self) -> Any:
        """Yield (opcode, text) for each frame from the server (never masked, never fragmented here)."""
        assert self.sock is not None
        buffer = self._buffer
        while True:
            while True:
                if len(buffer) >= 2:
                    size = buffer[1] & 0x7F
                    start = 2
                    if size == 126:
                        size, start = int.from_bytes(buffer[2:4], "big"), 4
                    elif size == 127:
                        size, start = int.from_bytes(buffer[2:10], "big"), 10
                    if len(buffer) >= start + size:
                        opcode = buffer[0] & 0x0F
                        text = bytes(buffer[start : start + size]).decode("utf-8", "replace")
                        del buffer[: start + size]
                        yield opcode, text
                        continue
                break
            chunk = self.sock.recv(262144)
            if not chunk:
                raise ConnectionError("closed by the server")
            buffer += chunk

    def _next_text(self, frames: Any) -> str:
        for opcode, text in frames:
            if opcode == 8:
                raise ConnectionError("close frame")
            if opcode == 1:
                if text == "2":  # an Engine.IO ping: answer at once
                    self._send("3")
                    continue
                return str(text)
        raise ConnectionError("no more frames")

    def start(self) -> None:
        """Open the websocket, connect to /live, join the thread; remember the error instead of raising."""
        try:
            self.sock = socket.create_connection((self.host, self.port), timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            key = base64.b64encode(os.urandom(16)).decode()
            request = (f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                       f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                       "Sec-WebSocket-Version: 13\r\n")
            if self.cookie:
                request += f"Cookie: {self.cookie}\r\n"
            self.sock.sendall((request + "\r\n").encode())
            while b"\r\n\r\n" not in self._buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("closed during the handshake")
                self._buffer += chunk
            head, _, rest = bytes(self._buffer).partition(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 101"):
                raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
            self._buffer[:] = rest
            frames = self._frames()
            if not self._next_text(frames).startswith("0"):  # Engine.IO open
                raise ConnectionError("no Engine.IO open packet")
            self._send(f"40{NAMESPACE},")
            answer = self._next_text(frames)
            if not answer.startswith(f"40{NAMESPACE},"):
                raise ConnectionError(f"/live refused the connection: {answer[:120]}")
            self._send(f'42{NAMESPACE},1["thread.join",{{"thread_id":{self.thread_id},"after_seq":{self.after_seq}}}]')
            while True:
                answer = self._next_text(frames)
                if answer.startswith(f"43{NAMESPACE},1"):
                    if '"ok": true' not in answer and '"ok":true' not in answer:
                        raise ConnectionError(f"thread.join refused: {answer[:200]}")
                    break
            self.sock.settimeout(None)
            self._reader = gevent.spawn(self._read, frames)
        except Exception as error:  # counted and reported, never silent
            self.error = f"{type(error).__name__}: {error}"

    def _read(self, frames: Any) -> None:
        prefix = f'42{NAMESPACE},["post.created"'
        try:
            while True:
                text = self._next_text(frames)
                if not text.startswith(prefix):
                    continue
                now = time.time()
                sent = SENT.search(text)
                if sent is None or not sent.group(1).startswith(self.tag):
                    continue
                found = POST_ID.search(text)
                if found is not None:
                    post_id = int(found.group(1))
                else:  # another key order: parse the whole event
                    post_id = int(json.loads(text[len(f"42{NAMESPACE},") :])[1]["post"]["id"])
                self.ids.append(post_id)
                if "-m-" in sent.group(1):
                    self.latencies.append((now - float(sent.group(2))) * 1000)
        except Exception as error:  # the connection went
            if not self.closing:
                self.dropped = f"{type(error).__name__}: {error}"

    def stop(self) -> None:
        """Close the connection."""
        self.closing = True
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.sendall(bytes([0x88, 0x80]) + os.urandom(4))
            with contextlib.suppress(OSError):
                self.sock.close()
        if self._reader is not None:
            self._reader.kill()


def _send(sender: Receiver, index: int, senders: int, rate: float, start: float, seconds: float, phase: str,
          acks: list[dict[str, Any]]) -> None:
    """Post at rate/senders per second from `start` for `seconds`, staggered against the other senders."""
    interval = senders / rate
    number = 0
    while True:
        due = start + (index / senders) * interval + number * interval
        if due >= start + seconds:
            return
        gevent.sleep(max(0.0, due - time.time()))
        label = f"{sender.tag}-{phase}-{index}-{number}"
        sent = time.time()
        record: dict[str, Any] = {"label": label, "ok": None, "id": None, "ack_ms": None, "phase": phase}
        acks.append(record)

        def acknowledged(ack: Any = None, record: dict[str, Any] = record, sent: float = sent) -> None:
            record["ack_ms"] = (time.time() - sent) * 1000
            record["ok"] = bool(isinstance(ack, dict) and ack.get("ok"))
            record["id"] = ack["post"]["id"] if record["ok"] else None
            if not record["ok"]:
                record["error"] = str(ack)[:200]

        sender.sio.emit("post.create", {"thread_id": sender.thread_id, "body": f"bench {label} {sent:.6f}",
                                        "client_id": label}, namespace=NAMESPACE, callback=acknowledged)
        number += 1


def main() -> None:
    """Run one measurement as described in the module docstring and print the figures as JSON."""
    settings = json.load(sys.stdin)
    url, thread_id, tag = settings["url"], settings["thread_id"], settings["tag"]
    rate, seconds, warmup = settings["rate"], settings["seconds"], settings["warmup"]
    after_seq = settings.get("after_seq", 0)
    receivers: list[Any] = [RawReceiver(url, cookie, thread_id, tag, after_seq) for cookie in settings["receivers"]]
    senders = [Receiver(url, cookie, thread_id, tag, after_seq) for cookie in settings["senders"]]

    began = time.monotonic()
    pool = Pool(50)
    pool.map(lambda client: client.start(), receivers + senders)
    connect_seconds = time.monotonic() - began
    failed = [client.error for client in receivers + senders if client.error]
    if any(sender.error for sender in senders):
        print(json.dumps({"error": f"a sender could not connect: {failed[:3]}"}), flush=True)
        return

    acks: list[dict[str, Any]] = []
    cpu_before = time.process_time()
    for phase, length in (("w", warmup), ("m", seconds)):
        if length <= 0:
            continue
        if phase == "m":
            print("measure-start", flush=True)
        start = time.time() + 0.05
        jobs = [gevent.spawn(_send, sender, index, len(senders), rate, start, length, phase, acks)
                for index, sender in enumerate(senders)]
        gevent.joinall(jobs)
        if phase == "m":
            print("measure-end", flush=True)
    client_cpu = time.process_time() - cpu_before

    # Drain: wait for the outstanding acks, then until every receiver has every acknowledged post.
    deadline = time.monotonic() + settings["drain"]
    while time.monotonic() < deadline and any(record["ok"] is None for record in acks):
        gevent.sleep(0.05)
    acked = {record["id"] for record in acks if record["ok"]}
    live = [receiver for receiver in receivers if not receiver.error]
    while time.monotonic() < deadline and any(not acked <= set(receiver.ids) for receiver in live):
        gevent.sleep(0.05)

    Pool(100).map(lambda client: client.stop(), receivers + senders)
    print(json.dumps({
        "connect_seconds": connect_seconds,
        "client_cpu": client_cpu,
        "connect_errors": failed,
        "acks": acks,
        "receivers": [{"ids": receiver.ids, "latencies": receiver.latencies, "dropped": receiver.dropped,
                       "error": receiver.error} for receiver in receivers],
    }), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
