"""`make bench-live`: live discussion under load, next to a bare Flask-SocketIO echo server served the same way.

1. Builds a database (SQLite in a temporary folder, or BENCH_DATABASE_URL,
   whose name must contain "bench"): migrations and reference data (as
   bench/run.py does), then the largest number of --clients members of the Net
   Zero Network plus --senders more, and one thread started by the first sender.
2. Serves Zone Networks and bench/echo_server.py the way production does:
   gunicorn, one gevent worker each, Socket.IO in gevent mode, production
   configuration (the per-person post and sign-in limits lifted).
3. Signs the members in: the senders and the first receivers through the real
   /login form, the others with the same session re-signed for their account
   (what the form writes, without a 0.2 s password check each; --form-logins N
   signs in N people through the form, all of them with --form-logins 0).
4. For each --clients count (default 100, then 500): connects that many clients
   to the thread (bench/live_clients.py, one gevent process, websocket
   transport), the senders post at --rate posts/s in total for --warmup then
   --seconds, and every receiver records each post.created with its delivery
   latency (receive time minus the send time written in the body).
5. Lost = posts stored in the database (Zone Networks) or acknowledged (echo)
   that a receiver never got; duplicates = a post a receiver got more than
   once. Both must be 0. Prints latency p50/p95/p99/max, ack latency, lost,
   duplicates, server and client CPU for both servers, and Zone Networks'
   latency divided by the echo server's.

Figures are also written to bench/results/live.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform as _platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loadgen import _cpu_ticks
from run import Server, _database_url, _environment, _flask, _sign_in

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = PROJECT_ROOT / "bench"
RESULTS = BENCH_DIR / "results" / "live.json"
NETWORK = "net-zero"
PASSWORD = "live bench password " + "x" * 12
LIFTED = "1000000 per minute"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="100,500", help="receiving clients per run, comma-separated (100,500)")
    parser.add_argument("--senders", type=int, default=2, help="sending clients (default 2)")
    parser.add_argument("--rate", type=float, default=20.0, help="posts per second, all senders together (20)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds of sending (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds of sending first (default 2)")
    parser.add_argument("--drain", type=float, default=60.0,
                        help="most seconds to wait for the last deliveries after sending (default 60)")
    parser.add_argument("--form-logins", type=int, default=10,
                        help="receivers signed in through the /login form (0: all of them; default 10)")
    parser.add_argument("--servers", default="zone-networks,echo",
                        help="which servers to drive: zone-networks, echo or both (default both)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    return parser.parse_args()


# --- The data: members of one network and a thread ------------------------------------------------


def _people_and_thread(database_url: str, count: int) -> tuple[list[tuple[int, str]], int]:
    """Create `count` active members of the network (one password) and a thread; return [(id, email)], thread id.

    The first person starts the thread (and is the first sender).
    """
    from werkzeug.security import generate_password_hash

    from zone_networks import create_app
    from zone_networks.accounts.models import PASSWORD_METHOD, User
    from zone_networks.discussions.services import start_thread
    from zone_networks.extensions import db
    from zone_networks.networks.models import Membership, Network
    from zone_networks.zones.models import Organisation

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        network = db.session.execute(db.select(Network).filter_by(slug=NETWORK)).scalar_one()
        zones = list(db.session.scalars(db.select(Organisation).filter_by(kind="zone").order_by(Organisation.id)))
        password_hash = generate_password_hash(PASSWORD, method=PASSWORD_METHOD)
        people = []
        for number in range(count):
            organisation = zones[number % len(zones)]
            user = User(email=f"live{number:04d}@bench.example", name=f"Live Bench {number:04d}",
                        job_title="Net zero lead", organisation=organisation, password_hash=password_hash)
            db.session.add(user)
            db.session.flush()
            db.session.add(Membership(user_id=user.id, network_id=network.id, role="member", status="active"))
            people.append(user)
        db.session.commit()
        thread = start_thread(people[0], network, "Live bench thread", "Posts from bench/live.py follow.")
        result = [(user.id, user.email) for user in people], int(thread.id)
        db.engine.dispose()
    return result


def _resigned(cookie: str, user_id: int, secret_key: str) -> str:
    """The signed-in session `cookie`, re-signed for another account (exactly what /login writes, but for them)."""
    from flask import Flask

    app = Flask("bench")
    app.secret_key = secret_key
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    name, value = next(part.split("=", 1) for part in cookie.split("; ") if part.startswith("zn_session="))
    session = serializer.loads(value)
    version = str(session["_user_id"]).split(":", 1)[1] if ":" in str(session["_user_id"]) else None
    session["_user_id"] = f"{user_id}:{version}" if version is not None else str(user_id)
    return f"{name}={serializer.dumps(session)}"


def _last_seq(database_url: str, thread_id: int) -> int:
    """The thread's change counter now (receivers join from there: earlier posts are not part of a run)."""
    from zone_networks import create_app
    from zone_networks.discussions.models import Thread
    from zone_networks.extensions import db

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        value = int(db.session.get(Thread, thread_id).last_seq)  # type: ignore[union-attr]
        db.engine.dispose()
    return value


def _stored_ids(database_url: str, thread_id: int, tag: str) -> set[int]:
    """The ids of the thread's posts sent in one run (client_id starts with the run's tag)."""
    from zone_networks import create_app
    from zone_networks.discussions.models import Post
    from zone_networks.extensions import db

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        ids = set(db.session.scalars(
            db.select(Post.id).where(Post.thread_id == thread_id, Post.client_id.startswith(f"{tag}-"))))
        db.engine.dispose()
    return ids


# --- One run ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """The figures of one run against one server."""

    server: str
    clients: int
    posts: int = 0
    expected: int = 0  # deliveries expected: posts x receivers that connected
    delivered: int = 0
    lost: int = 0
    duplicates: int = 0
    failed_sends: int = 0
    connect_errors: int = 0
    dropped: int = 0
    latencies: list[float] = field(default_factory=list)
    acks: list[float] = field(default_factory=list)
    server_cpu: float | None = None
    client_cpu: float = 0.0
    connect_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    drop_reasons: dict[str, int] = field(default_factory=dict)

    def percentile(self, values: list[float], percent: float) -> float:
        """The nearest-rank percentile of `values` (0 when empty)."""
        if not values:
            return 0.0
        ordered = sorted(values)
        return ordered[max(0, min(len(ordered) - 1, math.ceil(percent / 100 * len(ordered)) - 1))]

    def as_json(self) -> dict[str, Any]:
        """The figures for live.json."""
        latency = {f"p{p}": round(self.percentile(self.latencies, p), 2) for p in (50, 95, 99)}
        return {
            "server": self.server, "clients": self.clients, "posts": self.posts, "expected": self.expected,
            "delivered": self.delivered, "lost": self.lost, "duplicates": self.duplicates,
            "failed_sends": self.failed_sends, "connect_errors": self.connect_errors, "dropped": self.dropped,
            "latency_ms": {**latency, "max": round(max(self.latencies, default=0.0), 2)},
            "ack_ms": {f"p{p}": round(self.percentile(self.acks, p), 2) for p in (50, 95, 99)},
            "server_cpu": None if self.server_cpu is None else round(self.server_cpu, 3),
            "client_cpu": round(self.client_cpu, 3), "connect_seconds": round(self.connect_seconds, 2),
            "errors": self.errors[:5], "drop_reasons": self.drop_reasons,
        }  # fmt: skip


def _drive(server: Server, name: str, thread_id: int, receivers: list[str | None], senders: list[str | None],
           args: argparse.Namespace, expected_ids: Any, after_seq: int = 0) -> Run:
    """Run bench/live_clients.py against `server`; `expected_ids(tag, acked)` says which posts every receiver needs."""
    tag = f"r{uuid.uuid4().hex[:8]}"
    settings = {
        "url": f"http://127.0.0.1:{server.port}", "thread_id": thread_id, "tag": tag, "rate": args.rate,
        "seconds": args.seconds, "warmup": args.warmup, "drain": args.drain, "receivers": receivers,
        "senders": senders, "after_seq": after_seq,
    }  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, str(BENCH_DIR / "live_clients.py")], cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(settings))
    process.stdin.close()
    ticks_before = ticks_after = 0
    started = ended = 0.0
    output = ""
    for line in process.stdout:
        if line.startswith("measure-start"):
            ticks_before, started = _cpu_ticks(server.process.pid), time.monotonic()
        elif line.startswith("measure-end"):
            ticks_after, ended = _cpu_ticks(server.process.pid), time.monotonic()
        else:
            output = line
    if process.wait() != 0 or not output:
        sys.exit(f"bench/live_clients.py failed against {name} (exit {process.returncode})")
    figures = json.loads(output)
    if "error" in figures:
        sys.exit(f"{name}: {figures['error']}")

    run = Run(server=name, clients=len(receivers))
    if ended > started:
        run.server_cpu = (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / (ended - started)
    run.client_cpu = figures["client_cpu"] / (args.seconds + args.warmup)
    run.connect_seconds = figures["connect_seconds"]
    run.connect_errors = len(figures["connect_errors"])
    run.errors = list(figures["connect_errors"])
    acked = {record["id"] for record in figures["acks"] if record["ok"]}
    run.failed_sends = sum(1 for record in figures["acks"] if not record["ok"])
    run.errors += [record.get("error", "no acknowledgement") for record in figures["acks"] if not record["ok"]]
    run.acks = [record["ack_ms"] for record in figures["acks"] if record["ack_ms"] is not None
                and record["phase"] == "m"]
    expected = expected_ids(tag, acked)
    run.posts = len(expected)
    for receiver in figures["receivers"]:
        if receiver["error"]:
            continue
        got = receiver["ids"]
        run.expected += len(expected)
        run.delivered += len(set(got) & expected)
        run.lost += len(expected - set(got))
        run.duplicates += len(got) - len(set(got))
        if receiver["dropped"]:
            run.dropped += 1
            run.drop_reasons[receiver["dropped"]] = run.drop_reasons.get(receiver["dropped"], 0) + 1
        run.latencies += receiver["latencies"]
    return run


# --- Output ----------------------------------------------------------------------------------------


def _table(runs: list[Run]) -> str:
    head = (f"{'server':<15}{'clients':>8}{'posts':>7}{'deliveries':>12}{'lost':>8}{'dups':>6}{'p50 ms':>9}"
            f"{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'ack p95':>9}{'srv CPU':>9}{'cli CPU':>9}")
    lines = [head, "-" * len(head)]
    for run in runs:
        cpu = f"{run.server_cpu:.0%}" if run.server_cpu is not None else "-"
        lines.append(
            f"{run.server:<15}{run.clients:>8}{run.posts:>7}{run.delivered:>12}{run.lost:>8}{run.duplicates:>6}"
            f"{run.percentile(run.latencies, 50):>9.1f}{run.percentile(run.latencies, 95):>9.1f}"
            f"{run.percentile(run.latencies, 99):>9.1f}{max(run.latencies, default=0.0):>9.1f}"
            f"{run.percentile(run.acks, 95):>9.1f}{cpu:>9}{run.client_cpu:>9.0%}"
        )
    lines.append("")
    lines.append("Zone Networks / echo server (latency ratio; above 1 means slower):")
    if len({run.server for run in runs}) < 2:
        return "\n".join(lines[:-2])
    for zn, echo in zip(runs[::2], runs[1::2], strict=True):
        ratios = []
        for percent in (50, 95, 99):
            bare = echo.percentile(echo.latencies, percent)
            ratios.append(f"p{percent} {zn.percentile(zn.latencies, percent) / bare:.1f}x" if bare else f"p{percent} -")
        lines.append(f"  {zn.clients} clients: " + ", ".join(ratios))
    return "\n".join(lines)


def main() -> None:
    """Build the data, start both servers, run each client count against each, print and save the figures."""
    args = _arguments()
    counts = [int(value) for value in args.clients.split(",") if value.strip()]
    if not counts or min(counts) < 1 or args.senders < 1:
        sys.exit("--clients needs whole numbers above 0, and --senders at least 1")
    root = Path(tempfile.mkdtemp(prefix="zn-bench-live-"))
    database_url = _database_url(root)
    env = _environment(database_url, root)
    env.update({"POST_RATE_LIMIT": LIFTED, "LOGIN_RATE_LIMIT": LIFTED, "SECRET_KEY": secrets.token_hex(32)})
    servers: list[Server] = []
    runs: list[Run] = []
    try:
        people_count = args.senders + max(counts)
        print(f"Building the database ({people_count} members of one network) in {database_url.split('@')[-1]}")
        _flask(env, "db", "upgrade")
        _flask(env, "seed")
        started = time.monotonic()
        people, thread_id = _people_and_thread(database_url, people_count)
        print(f"  {people_count} members and a thread in {time.monotonic() - started:.1f} s")

        echo = Server("echo", "echo_server:app", env, root, "--pythonpath", str(BENCH_DIR))
        app = Server("zone-networks", "zone_networks.wsgi:app", env, root)
        servers += [echo, app]
        echo.wait("/healthz")
        app.wait("/healthz")

        started = time.monotonic()
        form_count = len(people) if args.form_logins <= 0 else min(len(people), args.senders + args.form_logins)
        with ThreadPoolExecutor(4) as pool:
            cookies = list(pool.map(lambda person: _sign_in(app.port, person[1], PASSWORD), people[:form_count]))
        cookies += [_resigned(cookies[-1], user_id, env["SECRET_KEY"]) for user_id, _ in people[form_count:]]
        print(f"  signed in {len(cookies)} people ({form_count} through /login) in {time.monotonic() - started:.1f} s")
        senders: list[str | None] = list(cookies[: args.senders])
        receivers: list[str | None] = list(cookies[args.senders :])

        runs_errors: list[str] = []

        def stored(tag: str, acked: set[int]) -> set[int]:
            ids = _stored_ids(database_url, thread_id, tag)
            if acked - ids:
                runs_errors.append(f"{len(acked - ids)} acknowledged posts are not in the database")
            return ids

        def acknowledged(tag: str, acked: set[int]) -> set[int]:
            return acked

        print(f"Sending {args.rate:g} posts/s from {args.senders} senders for {args.seconds:g} s "
              f"(+{args.warmup:g} s warm-up)")
        for count in counts:
            for name, server, cookie_list, expected in (
                ("Zone Networks", app, receivers[:count], stored),
                ("echo server", echo, [None] * count, acknowledged),
            ):
                if (server is app and "zone-networks" not in args.servers) or (
                        server is echo and "echo" not in args.servers):
                    continue
                after_seq = _last_seq(database_url, thread_id) if server is app else 0
                run = _drive(server, name, thread_id if server is app else 1, cookie_list,
                             senders if server is app else [None] * args.senders, args, expected, after_seq)
                run.errors += runs_errors
                runs_errors.clear()
                runs.append(run)
                print(f"  {name}, {count} clients: {run.posts} posts, {run.delivered}/{run.expected} deliveries, "
                      f"{run.lost} lost, {run.duplicates} duplicates, p95 {run.percentile(run.latencies, 95):.1f} ms"
                      f" (connected in {run.connect_seconds:.1f} s; {run.dropped} connections dropped"
                      f"{': ' + repr(run.drop_reasons) if run.dropped else ''})")
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    print()
    print(_table(runs))
    print(
        "\nposts = posts stored (Zone Networks: in the database) or acknowledged (echo) in the run, warm-up included;"
        "\ndeliveries = post.created events received for them, over every receiver; lost = expected but never"
        "\nreceived; dups = received twice; p50..max = delivery latency of the measured posts (send to receive);"
        "\nack p95 = send to acknowledgement; srv CPU = share of one core used by that gunicorn while sending;"
        "\ncli CPU = share of one core used by the client process (above ~80% the clients, not the server, limit)."
    )
    for run in runs:
        for error in run.errors[:3]:
            print(f"  {run.server}, {run.clients} clients: {error}")
    settings = {
        "clients": counts, "senders": args.senders, "rate": args.rate, "seconds": args.seconds,
        "warmup": args.warmup, "database": database_url.split(":", 1)[0], "cpus": os.cpu_count(),
        "python": _platform.python_version(), "server": "gunicorn -k gevent -w 1 (SOCKETIO_ASYNC_MODE=gevent)",
        "clients_process": "bench/live_clients.py on gevent: bare-websocket receivers, python-socketio senders",
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                   "settings": settings, "runs": [run.as_json() for run in runs]}, indent=2) + "\n")
    print(f"Figures written to {RESULTS.relative_to(PROJECT_ROOT)}")
    if any(run.lost or run.duplicates or run.failed_sends or run.connect_errors for run in runs):
        sys.exit("Some posts were lost, repeated or not sent, or some clients could not connect.")


if __name__ == "__main__":
    main()
