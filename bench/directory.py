"""The directory next to the zones list: median and p95 latency of each, and their ratio, in one run.

`make bench` (bench/run.py) calls `compare()` after its load test, on the same
server and data set. Run on its own, this script builds the data set the same
way (migrations, reference data, `flask demo --people N`), serves the app with
gunicorn (one gevent worker, production configuration), signs in through the
real /login form as a demo member, and measures only this comparison:

    .venv/bin/python bench/directory.py [--people 5000] [--rounds 300] [--keep]

One keep-alive connection sends the two pages in turn (directory, zones,
directory, zones, ...), one request at a time, so each figure is the time to
serve one page with nothing queued in front of it, and both pages see the same
machine noise. Quote the medians and the ratio: p95 moves with whatever else
the machine is doing.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from loadgen import Result, Sample

# Three filters and a text query (the same as tests/perf/test_directory_queries.py): English
# Freeports' skills leads whose profile mentions skills; with 5,000 people, several pages of results.
DIRECTORY_ARGS = [("nation", "England"), ("programme", "freeport"), ("role", "skills_lead"), ("q", "skills")]
DIRECTORY_PATH = "/directory?" + urllib.parse.urlencode(DIRECTORY_ARGS)
ZONES_PATH = "/zones"
WARMUP_ROUNDS = 20
_RESULTS_HEADING = re.compile(r'id="results">\s*([\d,]+) (?:person|people)\s*<')


@dataclass
class Comparison:
    """The latencies of the directory and the zones list, measured in turn."""

    directory: Result
    zones: Result
    matches: int

    @property
    def median_ratio(self) -> float:
        """The directory's median latency divided by the zones list's."""
        return self.directory.percentile(50) / self.zones.percentile(50)

    @property
    def p95_ratio(self) -> float:
        """The directory's p95 latency divided by the zones list's."""
        return self.directory.percentile(95) / self.zones.percentile(95)

    def table(self) -> str:
        """The figures as a small text table."""
        head = f"{'page':<28}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}"
        lines = [head, "-" * len(head)]
        for label, result in (("/directory (3 filters + q)", self.directory), ("/zones", self.zones)):
            lines.append(
                f"{label:<28}{result.requests:>9}{result.percentile(50):>11.1f}{result.percentile(95):>9.1f}"
                f"{result.errors:>8}"
            )
        lines.append(f"{'directory / zones':<28}{'':>9}{self.median_ratio:>10.2f}x{self.p95_ratio:>8.2f}x")
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        """The figures for bench/results/latest.json."""
        return {
            "directory_path": DIRECTORY_PATH,
            "directory_matches": self.matches,
            "requests_each": self.directory.requests,
            "directory_median_ms": round(self.directory.percentile(50), 2),
            "directory_p95_ms": round(self.directory.percentile(95), 2),
            "zones_median_ms": round(self.zones.percentile(50), 2),
            "zones_p95_ms": round(self.zones.percentile(95), 2),
            "median_ratio": round(self.median_ratio, 2),
            "p95_ratio": round(self.p95_ratio, 2),
            "errors": self.directory.errors + self.zones.errors,
        }


def _fetch(connection: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def matches(port: int, headers: dict[str, str]) -> int:
    """How many people the benchmarked directory search finds (fails if the page does not answer 200)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        status, body = _fetch(connection, DIRECTORY_PATH, headers)
    finally:
        connection.close()
    page = body.decode("utf-8", "replace")
    found = _RESULTS_HEADING.search(page)
    if status != 200 or found is None:
        sys.exit(f"{DIRECTORY_PATH} answered {status} without a results heading")
    return int(found.group(1).replace(",", ""))


def compare(port: int, headers: dict[str, str], rounds: int) -> Comparison:
    """Request the directory search and /zones in turn, `rounds` times each after a warm-up."""
    found = matches(port, headers)
    paths = (DIRECTORY_PATH, ZONES_PATH)
    samples: dict[str, list[Sample]] = {path: [] for path in paths}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                after = time.perf_counter()
                if round_number >= WARMUP_ROUNDS:
                    samples[path].append(Sample(after - started, after - before, status))
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    results = [Result(page=path, seconds=seconds, concurrency=1, samples=samples[path]) for path in paths]
    return Comparison(directory=results[0], zones=results[1], matches=found)


def report(comparison: Comparison, people: int) -> str:
    """The comparison with a line saying what was measured."""
    return (
        f"Directory search next to the zones list ({people} people; {comparison.matches} match the search;"
        f" one request at a time, the two pages in turn):\n{DIRECTORY_PATH}\n\n{comparison.table()}"
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000, help="extra demo people to create (default 5000)")
    parser.add_argument("--rounds", type=int, default=300, help="requests to each page (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    return parser.parse_args()


def main() -> None:
    """Build the data, start the app, compare the two pages and print the figures."""
    import run  # bench/run.py: the same data set, server and sign-in as `make bench`

    args = _arguments()
    root = Path(tempfile.mkdtemp(prefix="zn-bench-directory-"))
    database_url = run._database_url(root)
    env = run._environment(database_url, root)
    server = None
    try:
        print(f"Building the data set ({args.people} extra people) in {database_url.split('@')[-1]}")
        run._flask(env, "db", "upgrade")
        run._flask(env, "seed")
        run._flask(env, "demo", "--if-empty", "--people", str(args.people))
        email, password, people = run._demo_member(database_url)
        server = run.Server("zone-networks", "zone_networks.wsgi:app", env, root)
        server.wait("/healthz")
        headers = {"Cookie": run._sign_in(server.port, email, password)}
        print(f"Signed in as {email}; {people} people in the database.\n")
        comparison = compare(server.port, headers, args.rounds)
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(report(comparison, people))
    if comparison.directory.errors or comparison.zones.errors:
        sys.exit("Some requests failed.")


if __name__ == "__main__":
    main()
