"""Typical searches next to the zones list at scale: median and p95 of each, their ratios, and SQL queries per search.

`make bench` (bench/run.py) calls `compare()` and `query_counts()` after its
load test, on the same server and data set. Run on its own, this script
builds the data set the same way (migrations, reference data,
`flask demo --people N --documents M --posts P`, which includes the demo case
studies, discussions and challenges, then `flask search reindex`), serves the app with gunicorn (one gevent
worker, production configuration), signs in through the real /login form as
an active demo member, and measures only the searches:

    .venv/bin/python bench/search.py [--people 5000] [--documents 5000] [--posts 100000] [--rounds 100] [--keep]

One keep-alive connection sends the pages in turn (each search, then /zones,
and again), one request at a time, so each figure is the time to serve one
page with nothing queued in front of it and every page sees the same machine
noise. The SQL query count of each search is measured in-process on the same
database (a test client of the same app, signed in as the same person).
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loadgen import Result, Sample

# (label, path): a common word, a rare word (in about 0.5% of generated documents), two words, a kind filter and
# a network filter; then discussion posts only: a word in about a fifth of the generated posts (a third of which
# the member may see) and two words; all as an active member of the Net Zero Network (so network-only documents
# and that network's posts count too).
SEARCHES: list[tuple[str, str]] = [
    ("common word", "/search?q=skills"),
    ("rare word", "/search?q=cofferdam"),
    ("two words", "/search?q=hydrogen+supply"),
    ("kind filter", "/search?q=investment&kind=document"),
    ("network filter", "/search?q=grid&network=net-zero"),
    ("posts: common", "/search?q=employers&kind=post"),
    ("posts: 2 words", "/search?q=hydrogen+pipelines&kind=post"),
]
ZONES_PATH = "/zones"
WARMUP_ROUNDS = 10
_RESULTS_HEADING = re.compile(r'id="results">\s*([\d,]+) results?\s*<')
# The bench signs in as one person and sends hundreds of searches a minute: lift the per-person limit.
RATE_LIMIT = "1000000 per minute"


@dataclass
class SearchComparison:
    """The latencies of each search and of the zones list, measured in turn."""

    searches: list[tuple[str, str, Result, int]]  # label, path, latencies, how many results it finds
    zones: Result
    queries: dict[str, int]  # label -> SQL statements per request (measured in-process)

    def table(self) -> str:
        """The figures as a small text table."""
        head = (f"{'search':<16}{'results':>9}{'SQL':>5}{'requests':>10}{'median ms':>11}{'p95 ms':>9}"
                f"{'errors':>8}{'median x':>10}{'p95 x':>8}")
        lines = [head, "-" * len(head)]
        zones_median, zones_p95 = self.zones.percentile(50), self.zones.percentile(95)
        for label, _path, result, found in self.searches:
            queries = self.queries.get(label)
            lines.append(
                f"{label:<16}{found:>9,}{queries if queries is not None else '-':>5}{result.requests:>10}"
                f"{result.percentile(50):>11.1f}{result.percentile(95):>9.1f}{result.errors:>8}"
                f"{result.percentile(50) / zones_median:>9.2f}x{result.percentile(95) / zones_p95:>7.2f}x"
            )
        lines.append(
            f"{'/zones':<16}{'':>9}{self.queries.get('/zones', '-'):>5}{self.zones.requests:>10}"
            f"{zones_median:>11.1f}{zones_p95:>9.1f}{self.zones.errors:>8}{'1.00x':>10}{'1.00x':>8}"
        )
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        """The figures for bench/results/latest.json."""
        zones_median, zones_p95 = self.zones.percentile(50), self.zones.percentile(95)
        return {
            "requests_each": self.zones.requests,
            "zones_median_ms": round(zones_median, 2),
            "zones_p95_ms": round(zones_p95, 2),
            "zones_queries": self.queries.get("/zones"),
            "searches": [
                {
                    "label": label, "path": path, "results": found, "queries": self.queries.get(label),
                    "median_ms": round(result.percentile(50), 2), "p95_ms": round(result.percentile(95), 2),
                    "median_ratio": round(result.percentile(50) / zones_median, 2),
                    "p95_ratio": round(result.percentile(95) / zones_p95, 2), "errors": result.errors,
                }
                for label, path, result, found in self.searches
            ],
        }

    @property
    def errors(self) -> int:
        """Failed requests in all."""
        return self.zones.errors + sum(result.errors for _label, _path, result, _found in self.searches)


def _fetch(connection: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def found(port: int, headers: dict[str, str], path: str) -> int:
    """How many results a search finds (fails if the page does not answer 200 with a results heading)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        status, body = _fetch(connection, path, headers)
    finally:
        connection.close()
    match = _RESULTS_HEADING.search(body.decode("utf-8", "replace"))
    if status != 200 or match is None:
        sys.exit(f"{path} answered {status} without a results heading")
    return int(match.group(1).replace(",", ""))


def compare(port: int, headers: dict[str, str], rounds: int, queries: dict[str, int] | None = None
            ) -> SearchComparison:
    """Request every search and /zones in turn, `rounds` times each after a warm-up."""
    counts = {path: found(port, headers, path) for _label, path in SEARCHES}
    paths = [path for _label, path in SEARCHES] + [ZONES_PATH]
    samples: dict[str, list[Sample]] = {path: [] for path in paths}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        for round_number in range(WARMUP_ROUNDS + rounds):
            for path in paths:
                before = time.perf_counter()
                try:
                    status, _ = _fetch(connection, path, headers)
                except (OSError, http.client.HTTPException):
                    status = 0
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                after = time.perf_counter()
                if round_number >= WARMUP_ROUNDS:
                    samples[path].append(Sample(after - started, after - before, status))
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    results = {path: Result(page=path, seconds=seconds, concurrency=1, samples=samples[path]) for path in paths}
    return SearchComparison(
        searches=[(label, path, results[path], counts[path]) for label, path in SEARCHES],
        zones=results[ZONES_PATH],
        queries=queries or {},
    )


def query_counts(database_url: str, email: str) -> dict[str, int]:
    """SQL statements per request for each search and /zones, signed in as `email` (a second, warm request)."""
    from sqlalchemy import event, select

    from zone_networks import create_app
    from zone_networks.accounts.models import User
    from zone_networks.extensions import db

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url,
                      "RATELIMIT_ENABLED": False, "SERVER_NAME": None})
    counts: dict[str, int] = {}
    with app.app_context():
        user_id = db.session.execute(select(User).where(User.email == email)).scalar_one().get_id()
        engine = db.engine
    # Requests run outside that app context, each in its own (as in production), so every one loads its user.
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    for label, path in [*SEARCHES, ("/zones", ZONES_PATH)]:
        client.get(path)
        statements.clear()
        event.listen(engine, "before_cursor_execute", record)
        try:
            status = client.get(path).status_code
        finally:
            event.remove(engine, "before_cursor_execute", record)
        if status != 200:
            sys.exit(f"{path} answered {status} in-process")
        counts[label] = len(statements)
    engine.dispose()
    return counts


def report(comparison: SearchComparison, documents: int, people: int, posts: int = 0) -> str:
    """The comparison with a line saying what was measured."""
    return (
        f"Searches next to the zones list ({documents:,} documents, {posts:,} posts, {people:,} people, as an active"
        f" member;"
        f" one request at a time, the pages in turn; 'x' = the search's figure divided by /zones'; SQL = statements"
        f" per request):\n" + "\n".join(f"  {label:<16}{path}" for label, path in SEARCHES)
        + f"\n\n{comparison.table()}"
    )


def build_documents_args(documents: int, posts: int = 0) -> list[str]:
    """The extra `flask demo` arguments that add the generated documents (and discussion posts)."""
    return (["--documents", str(documents)] if documents else []) + (["--posts", str(posts)] if posts else [])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000, help="extra demo people to create (default 5000)")
    parser.add_argument("--documents", type=int, default=5000, help="generated demo documents (default 5000)")
    parser.add_argument("--posts", type=int, default=100_000, help="generated demo posts (default 100000)")
    parser.add_argument("--rounds", type=int, default=100, help="requests to each page (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    return parser.parse_args()


def main() -> None:
    """Build the data, start the app, compare the searches with /zones and print the figures."""
    import run  # bench/run.py: the same data set, server and sign-in as `make bench`

    args = _arguments()
    root = Path(tempfile.mkdtemp(prefix="zn-bench-search-"))
    database_url = run._database_url(root)
    env = {**run._environment(database_url, root), "SEARCH_RATE_LIMIT": RATE_LIMIT}
    server = None
    try:
        print(f"Building the data set ({args.people} extra people, {args.documents} documents, {args.posts} posts)"
              f" in {database_url.split('@')[-1]}")
        run._flask(env, "db", "upgrade")
        run._flask(env, "seed")
        run._flask(env, "demo", "--if-empty", "--people", str(args.people),
                   *build_documents_args(args.documents, args.posts))
        run._flask(env, "search", "reindex")
        email, password, people = run._demo_member(database_url)
        queries = query_counts(database_url, email)
        server = run.Server("zone-networks", "zone_networks.wsgi:app", env, root)
        server.wait("/healthz")
        headers = {"Cookie": run._sign_in(server.port, email, password)}
        print(f"Signed in as {email}; {people} people in the database.\n")
        comparison = compare(server.port, headers, args.rounds, queries)
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(report(comparison, args.documents, people, args.posts))
    if comparison.errors:
        sys.exit("Some requests failed.")


if __name__ == "__main__":
    main()
