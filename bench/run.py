"""`make bench`: Zone Networks pages under load next to a bare Flask page, served the same way.

1. Builds a large data set in its own database (SQLite in a temporary folder,
   or BENCH_DATABASE_URL, whose database name must contain "bench"): migrations,
   reference data, then `flask demo --people N` (default 5000 extra people).
2. Serves Zone Networks and bench/bare_app.py the way production does:
   gunicorn, one gevent worker each, Socket.IO in gevent mode, production
   configuration (access logs off for both).
3. Signs in once through the real /login form as a demo member of the Net
   Zero Network and sends that session cookie with every request.
4. Drives each page for --seconds (default 10, after a warm-up) from
   --concurrency (default 8) keep-alive connections, and prints requests,
   requests/s (successful requests / seconds), p50 and p95 latency, the
   server's CPU use, and each page's requests/s as a share of the bare page's.
   The aim: every page at 20% or more of the bare page. The app's /healthz is
   driven too, for reference: the floor any page pays (extensions, session,
   user loader).
5. Compares the directory (three filters and a text query) with /zones, one
   request at a time in turn (bench/directory.py): median and p95 latency of
   each, and their ratio (--rounds requests each, default 300).
6. Compares five typical searches (bench/search.py: a common word, a rare
   word, two words, a kind filter, a network filter) with /zones the same way
   (--search-rounds requests each, default 100), over the generated documents
   (`flask demo --documents N`, default 5000) and discussion posts (`--posts N`,
   default 100000; two of the searches are of posts only), and prints each
   search's SQL query count.

Figures are also written to bench/results/latest.json (git-ignored).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform as _platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from directory import DIRECTORY_PATH, Comparison, compare, report
from loadgen import Result, drive
from search import RATE_LIMIT as SEARCH_RATE_LIMIT
from search import SEARCHES, SearchComparison, build_documents_args, query_counts
from search import compare as compare_searches
from search import report as search_report

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = PROJECT_ROOT / "bench"
RESULTS = BENCH_DIR / "results" / "latest.json"
AIM = 0.20
NETWORK = "net-zero"
REFERENCE = "/healthz (reference)"
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per page (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each page (default 2)")
    parser.add_argument("--concurrency", type=int, default=8, help="simultaneous connections (default 8)")
    parser.add_argument("--people", type=int, default=5000, help="extra demo people to create (default 5000)")
    parser.add_argument("--documents", type=int, default=5000, help="generated demo documents (default 5000)")
    parser.add_argument("--posts", type=int, default=100_000, help="generated demo posts (default 100000)")
    parser.add_argument("--rounds", type=int, default=300,
                        help="requests to each page when comparing the directory with /zones (default 300)")
    parser.add_argument("--search-rounds", type=int, default=100,
                        help="requests to each page when comparing the searches with /zones (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    return parser.parse_args()


def _database_url(root: Path) -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        return f"sqlite:///{root / 'bench.db'}"
    name = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    if "bench" not in name:
        sys.exit(f"Refusing to load benchmark data into database {name!r}: its name must contain 'bench'.")
    return url


def _environment(database_url: str, root: Path) -> dict[str, str]:
    drop = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ZONE_NETWORKS_ENV", "SERVER_BASE_URL", "FLASK_APP"}
    env = {key: value for key, value in os.environ.items() if key not in drop and not key.startswith("MAIL_")}
    env.update(
        {
            "ZONE_NETWORKS_ENV": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": database_url,
            "MAIL_OUTBOX": str(root / "outbox"),
            "SOCKETIO_ASYNC_MODE": "gevent",
            "HOME": str(root),
            # One signed-in person sends thousands of searches a minute here: lift the per-person limit.
            "SEARCH_RATE_LIMIT": SEARCH_RATE_LIMIT,
        }
    )
    return env


def _flask(env: dict[str, str], *arguments: str) -> str:
    command = [sys.executable, "-m", "flask", "--app", "zone_networks", *arguments]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"`flask {' '.join(arguments)}` failed:\n{completed.stdout}{completed.stderr}")
    print(f"  flask {' '.join(arguments):<40} {time.monotonic() - started:6.1f} s")
    return completed.stdout


def _demo_member(database_url: str) -> tuple[str, str, int]:
    """A demo member of the network (email, password) and how many people the database holds."""
    from sqlalchemy import func, select

    from zone_networks import create_app
    from zone_networks.accounts.models import User
    from zone_networks.demo import DEMO_DOMAIN, DEMO_PASSWORD
    from zone_networks.extensions import db
    from zone_networks.networks.models import Membership, Network

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        email = db.session.execute(
            select(User.email)
            .join(Membership, Membership.user_id == User.id)
            .join(Network, Network.id == Membership.network_id)
            .where(
                Network.slug == NETWORK,
                Membership.status == "active",
                Membership.role == "member",
                User.active.is_(True),
                User.email.endswith(f"@{DEMO_DOMAIN}"),
            )
            .order_by(User.id)
            .limit(1)
        ).scalar_one()
        people = db.session.execute(select(func.count(User.id))).scalar_one()
        db.engine.dispose()
    return email, DEMO_PASSWORD, people


class Server:
    """gunicorn with one gevent worker on a socket bound to a free port."""

    def __init__(self, name: str, target: str, env: dict[str, str], root: Path, *extra: str) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1024)
        listener.set_inheritable(True)
        self.name = name
        self.port = listener.getsockname()[1]
        self.log = root / f"{name}.log"
        command = [
            sys.executable, "-m", "gunicorn", "--no-control-socket", "-k", "gevent", "-w", "1",
            "-b", f"fd://{listener.fileno()}", "--error-logfile", str(self.log), *extra, target,
        ]  # fmt: skip
        env = {**env, "SERVER_BASE_URL": f"http://127.0.0.1:{self.port}"}
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, pass_fds=(listener.fileno(),), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        listener.close()

    def wait(self, path: str, timeout: float = 30) -> None:
        """Wait until `path` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                status, _, _ = _get(self.port, path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        sys.exit(f"{self.name} did not start:\n{self.log.read_text(errors='replace') if self.log.exists() else ''}")

    def stop(self) -> None:
        """Stop gunicorn and its worker."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


def _cookie(headers: http.client.HTTPMessage) -> str:
    """The name=value pairs of every Set-Cookie header, ready for a Cookie header."""
    return "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or [])


def _sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the real /login form; return the Cookie header of the signed-in session."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = _cookie(response.headers)
    match = _CSRF.search(page)
    if response.status != 200 or not match:
        sys.exit(f"GET /login answered {response.status} without a CSRF token")
    token = match.group(1) or match.group(2)
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/login", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    signed_in = _cookie(response.headers)
    if response.status not in (302, 303) or not signed_in:
        sys.exit(f"Signing in as {email} failed: POST /login answered {response.status}")
    status, _, page = _get(port, f"/networks/{NETWORK}", {"Cookie": signed_in})
    if status != 200 or "Sign out" not in page:
        sys.exit(f"Signed in as {email}, but /networks/{NETWORK} answered {status} without 'Sign out'")
    return signed_in


def _meets_aim(result: Result, bare: float) -> bool:
    """At least AIM of the bare page's requests/s, with no errors."""
    return bool(bare) and result.requests_per_second / bare >= AIM and not result.errors


def _table(results: list[Result]) -> str:
    bare = results[0].requests_per_second
    head = f"{'page':<22}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'server CPU':>12}"
    head += f"{'vs bare':>9}  aim (>= {AIM:.0%})"
    lines = [head, "-" * len(head)]
    for result in results:
        ratio = result.requests_per_second / bare if bare else 0.0
        cpu = f"{result.server_cpu:.0%}" if result.server_cpu is not None else "-"
        aim = "-" if result is results[0] or result.page == REFERENCE else ("yes" if _meets_aim(result, bare) else "NO")
        lines.append(
            f"{result.page:<22}{result.requests:>9}{result.requests_per_second:>9.1f}{result.percentile(50):>9.1f}"
            f"{result.percentile(95):>9.1f}{result.errors:>8}{cpu:>12}{ratio:>9.0%}  {aim}"
        )
    return "\n".join(lines)


def _json(results: list[Result], settings: dict[str, object], comparison: Comparison,
          searches: SearchComparison) -> dict[str, object]:
    bare = results[0].requests_per_second
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "settings": settings,
        "pages": [
            {
                "page": result.page,
                "requests": result.requests,
                "seconds": result.seconds,
                "requests_per_second": round(result.requests_per_second, 1),
                "median_per_second": result.median_per_second,
                "p50_ms": round(result.percentile(50), 2),
                "p95_ms": round(result.percentile(95), 2),
                "errors": result.errors,
                "server_cpu": None if result.server_cpu is None else round(result.server_cpu, 3),
                "client_cpu": None if result.client_cpu is None else round(result.client_cpu, 3),
                "ratio_to_bare": round(result.requests_per_second / bare, 3) if bare else None,
                "meets_aim": None if index == 0 or result.page == REFERENCE else _meets_aim(result, bare),
            }
            for index, result in enumerate(results)
        ],
        "directory_vs_zones": comparison.as_json(),
        "searches_vs_zones": searches.as_json(),
    }


def main() -> None:
    """Build the data, start both servers, drive every page, print and save the figures."""
    args = _arguments()
    root = Path(tempfile.mkdtemp(prefix="zn-bench-"))
    database_url = _database_url(root)
    env = _environment(database_url, root)
    servers: list[Server] = []
    try:
        print(f"Building the data set ({args.people} extra people, {args.documents} documents, {args.posts} posts)"
              f" in {database_url.split('@')[-1]}")
        _flask(env, "db", "upgrade")
        _flask(env, "seed")
        _flask(env, "demo", "--if-empty", "--people", str(args.people),
               *build_documents_args(args.documents, args.posts))
        _flask(env, "search", "reindex")
        email, password, people = _demo_member(database_url)
        queries = query_counts(database_url, email)

        bare = Server("bare", "bare_app:app", env, root, "--pythonpath", str(BENCH_DIR))
        app = Server("zone-networks", "zone_networks.wsgi:app", env, root)
        servers += [bare, app]
        bare.wait("/")
        app.wait("/healthz")
        cookie = _sign_in(app.port, email, password)
        print(f"Signed in as {email}; {people} people in the database.")

        signed_in = {"Cookie": cookie}
        pages = [
            ("bare Flask page", bare, "/", {}),
            # Not a page: the app's floor (extensions, session, user loader, one query), for reference.
            (REFERENCE, app, "/healthz", signed_in),
            ("/zones", app, "/zones", signed_in),
            (f"/networks/{NETWORK}", app, f"/networks/{NETWORK}", signed_in),
            ("/directory (search)", app, DIRECTORY_PATH, signed_in),
            ("/search (common word)", app, SEARCHES[0][1], signed_in),
        ]
        print(f"Driving each page for {args.seconds:g} s (+{args.warmup:g} s warm-up), {args.concurrency} connections")
        results = []
        for label, server, path, headers in pages:
            status, _, body = _get(server.port, path, headers)
            if status != 200:
                sys.exit(f"{label} answered {status} before the run")
            result = drive(
                "127.0.0.1", server.port, path, page=label, headers=headers, concurrency=args.concurrency,
                seconds=args.seconds, warmup=args.warmup, server_pgid=server.process.pid,
            )  # fmt: skip
            print(f"  {label}: {result.requests_per_second:.1f} requests/s ({len(body) // 1024} KB per page)")
            results.append(result)
        print(f"Comparing the directory search with /zones, {args.rounds} requests each, one at a time")
        comparison = compare(app.port, signed_in, args.rounds)
        print(f"Comparing {len(SEARCHES)} searches with /zones, {args.search_rounds} requests each, one at a time")
        searches = compare_searches(app.port, signed_in, args.search_rounds, queries)
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    print()
    print(_table(results))
    print(
        "\nreq/s = successful requests / measured seconds; p50/p95 over those requests; server CPU = share of one"
        "\ncore used by that gunicorn (master + worker); vs bare = req/s divided by the bare page's req/s;"
        f"\naim = at least {AIM:.0%} of the bare page with no errors. {REFERENCE} shows the app's floor per request."
    )
    print()
    print(report(comparison, people))
    print()
    print(search_report(searches, args.documents, people, args.posts))
    if results[0].server_cpu is not None and results[0].server_cpu < 0.9:
        print(
            f"\nWARNING: the bare page's server used only {results[0].server_cpu:.0%} of a core, so something else"
            "\n(other work on this machine, or the load generator) limited it: the ratios are flattering."
            "\nRun again on a quiet machine."
        )
    settings = {
        "seconds": args.seconds, "warmup": args.warmup, "concurrency": args.concurrency, "people": people,
        "documents": args.documents, "posts": args.posts,
        "database": database_url.split(":", 1)[0], "signed_in_as": email, "cpus": os.cpu_count(),
        "python": _platform.python_version(), "server": "gunicorn -k gevent -w 1 (SOCKETIO_ASYNC_MODE=gevent)",
        "load_generator": "bench/loadgen.py (http.client keep-alive connections in threads, one process per CPU)",
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(_json(results, settings, comparison, searches), indent=2) + "\n")
    print(f"Figures written to {RESULTS.relative_to(PROJECT_ROOT)}")
    if any(not result.requests for result in results):
        sys.exit("A page served no successful requests.")
    if comparison.directory.errors or comparison.zones.errors:
        sys.exit("Some requests comparing the directory with /zones failed.")
    if searches.errors:
        sys.exit("Some requests comparing the searches with /zones failed.")


if __name__ == "__main__":
    main()
