"""A newcomer follows the README: `make run` in a fresh copy serves the home page, stops cleanly, and restarts fast.

The copy holds the checkout's tracked and untracked-but-not-ignored files (what
a clone would hold once the current work is committed) with a fresh instance/
folder. It borrows this checkout's .venv and node_modules through symlinks so
that nothing is reinstalled, and PYTHONPATH points at the copy's platform/ so
the copy's code (and therefore its own instance/ folder) is the one that runs.
CI proves `make test` from a clean clone; this proves `make run`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from zone_networks import PROJECT_ROOT

pytestmark = pytest.mark.slow

SERVICE_NAME = "Zone Networks"
START_TIMEOUT = 60.0  # seconds for `make run` to serve the home page on a first run

# Variables from the test run (or CI) that must not reach the newcomer's `make run`.
_DROPPED_PREFIXES = ("MAKE", "MFLAGS", "MAIL_", "FLASK_", "PYTEST_")
_DROPPED = {
    "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ZONE_NETWORKS_ENV", "SERVER_BASE_URL", "SOCKETIO_ASYNC_MODE",
    "RATELIMIT_ENABLED", "LOGIN_RATE_LIMIT", "VIRTUAL_ENV", "PYTHONPATH",
}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _checkout_files() -> list[str]:
    """The files a clone would hold: tracked, plus untracked ones that are not ignored."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in result.stdout.decode().split("\0") if name]


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout with no instance/, borrowing .venv and node_modules."""
    if not (PROJECT_ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout to know which files a clone would hold")
    for name, target in ((".venv", ".venv/bin/.installed"), ("node_modules", "node_modules/.package-lock.json")):
        if not (PROJECT_ROOT / target).exists():
            pytest.fail(f"{PROJECT_ROOT / name} is not set up: run `make install` first.")
    copy = tmp_path_factory.mktemp("newcomer") / "zone-networks"
    for name in _checkout_files():
        source = PROJECT_ROOT / name
        if source.is_file():  # skip tracked files deleted in the working tree
            destination = copy / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)  # keep modification times so make's stamps stay valid
    assert (copy / "Makefile").exists() and not (copy / "instance").exists()
    (copy / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    (copy / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    # The borrowed installs must be up to date, or `make run` would reinstall them into this checkout's .venv.
    stale = subprocess.run(
        ["make", "-q", ".venv/bin/.installed", "node_modules/.package-lock.json"],
        cwd=copy,
        env=_environment(copy, 0),
        capture_output=True,
    )
    if stale.returncode != 0:
        pytest.fail("The .venv or node_modules install is out of date: run `make install` first.")
    return copy


def _environment(copy: Path, port: int) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if key not in _DROPPED and not key.startswith(_DROPPED_PREFIXES)
    }
    env.update({"HOST": "127.0.0.1", "PORT": str(port), "PYTHONPATH": str(copy / "platform"), "HOME": str(copy.parent)})
    return env


class MakeRun:
    """`make run` in its own process group, with its output collected in the background."""

    def __init__(self, copy: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            ["make", "run"],
            cwd=copy,
            env=_environment(copy, port),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._chunks: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in iter(self.process.stdout.readline, b""):
            self._chunks.append(line.decode("utf-8", "replace"))

    @property
    def output(self) -> str:
        """Everything `make run` has printed so far."""
        return "".join(self._chunks)

    def wait_for_home_page(self, timeout: float) -> tuple[float, str]:
        """Poll / until it answers 200; return the seconds it took and the page."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"`make run` exited with {self.process.returncode}:\n{self.output}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return time.monotonic() - self.started, response.read().decode("utf-8", "replace")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        pytest.fail(f"`make run` did not serve {self.url} within {timeout} s:\n{self.output}")

    def stop(self) -> None:
        """Press Ctrl+C (SIGINT to the process group) and wait for every process in it to end."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            pytest.fail(f"`make run` did not stop on Ctrl+C:\n{self.output}")
        self._reader.join(timeout=5)
        deadline = time.monotonic() + 10
        while _group_alive(self.process.pid):
            if time.monotonic() > deadline:
                os.killpg(self.process.pid, signal.SIGKILL)
                pytest.fail(f"processes of `make run` outlived it:\n{self.output}")
            time.sleep(0.1)

    def close(self) -> None:
        """Kill whatever is left of the run and release its output pipe."""
        if _group_alive(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture()
def make_run(fresh_copy: Path) -> Iterator[list[MakeRun]]:
    """A list to put each started `make run` in: every one is stopped at the end, even on failure."""
    runs: list[MakeRun] = []
    yield runs
    for run in runs:
        run.close()


def test_make_run_serves_the_home_page_then_stops_and_restarts_fast(fresh_copy: Path, make_run: list[MakeRun]) -> None:
    port = _free_port()
    first = MakeRun(fresh_copy, port)
    make_run.append(first)
    seconds, page = first.wait_for_home_page(START_TIMEOUT)
    assert SERVICE_NAME in page
    assert "govuk-header" in page
    _assert_demo_logins_printed(first.output)
    assert f"http://127.0.0.1:{port}" in first.output
    instance = fresh_copy / "instance"
    assert (instance / "secret_key").exists(), "the secret key is generated into the copy's own instance/"
    assert (instance / "zone_networks.db").exists(), "the copy's SQLite database lives in its own instance/"
    secret = (instance / "secret_key").read_text()
    first.stop()
    assert _port_is_closed(port), "the server still listens after Ctrl+C"

    # A second `make run` reuses the installs, the database and the secret key: it starts in seconds.
    second = MakeRun(fresh_copy, port)
    make_run.append(second)
    again, page = second.wait_for_home_page(START_TIMEOUT)
    assert SERVICE_NAME in page
    _assert_demo_logins_printed(second.output)
    assert "pip install" not in second.output and "npm ci" not in second.output
    assert (instance / "secret_key").read_text() == secret
    second.stop()
    assert _port_is_closed(port)
    assert again < 20, f"the second `make run` took {again:.1f} s to serve the home page (first: {seconds:.1f} s)"


def _assert_demo_logins_printed(output: str) -> None:
    from zone_networks.demo import DEMO_DOMAIN, DEMO_PASSWORD

    assert f"@{DEMO_DOMAIN}" in output, f"`make run` did not print the demo log-ins:\n{output}"
    assert DEMO_PASSWORD in output, f"`make run` did not print the demo password:\n{output}"
