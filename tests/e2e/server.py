"""A real Zone Networks server for browser and live tests: gunicorn in a subprocess on a free port.

The server runs the app exactly as deployed (gunicorn, one worker) but with
Socket.IO in threading mode, so gevent is never imported into the pytest
process (Playwright's sync API runs on greenlets). It shares the test suite's
database; the function-scoped `app` fixture empties and re-seeds it before
each test, and the server simply reads whatever is there. The live tests
(tests/live/) start it too, with more threads and extra settings (REDIS_URL).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from zone_networks import PROJECT_ROOT

# Environment variables that must not leak from the developer's shell into the server.
_DROPPED = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SERVER_BASE_URL", "FLASK_APP", "FLASK_DEBUG")


@dataclass
class LiveServer:
    """A running gunicorn process serving the app."""

    url: str
    outbox: Path
    log: Path
    process: subprocess.Popen[bytes]
    _log_offset: int = field(default=0)

    def mark_log(self) -> None:
        """Remember how much of the server log has been read."""
        self._log_offset = self.log.stat().st_size if self.log.exists() else 0

    def new_log(self) -> str:
        """The server log written since the last mark."""
        with self.log.open("rb") as handle:
            handle.seek(self._log_offset)
            return handle.read().decode("utf-8", "replace")

    def emails(self) -> list[Path]:
        """The .eml files in the server's outbox, oldest first."""
        if not self.outbox.exists():
            return []
        return sorted(self.outbox.glob("*.eml"), key=lambda path: (path.stat().st_mtime_ns, path.name))


def server_environment(database_url: str, url: str, outbox: Path, home: Path) -> dict[str, str]:
    """The environment of the server process: testing configuration on the suite's database."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED and not key.startswith("MAIL_")}
    env.update(
        {
            "ZONE_NETWORKS_ENV": "testing",
            "SECRET_KEY": "e2e-secret-key",
            "DATABASE_URL": database_url,
            "MAIL_OUTBOX": str(outbox),
            "PHOTO_FOLDER": str(outbox.parent / "photos"),  # uploads stay out of the checkout's instance/
            "PAPERS_FOLDER": str(outbox.parent / "uploads"),
            "SERVER_BASE_URL": url,
            "RATELIMIT_STORAGE_URI": "memory://",
            # Browser tests sign in many times from one address; the limit itself has request tests.
            "LOGIN_RATE_LIMIT": "1000 per minute",
            "SOCKETIO_ASYNC_MODE": "threading",
            "PYTHONUNBUFFERED": "1",
            "HOME": str(home),
        }
    )
    return env


def start_server(
    database_url: str, root: Path, timeout: float = 30.0, *, threads: int = 8, env: dict[str, str] | None = None
) -> LiveServer:
    """Start gunicorn on a socket bound to a free port and wait until /healthz answers.

    `threads` bounds the simultaneous requests and (in threading mode) open websockets;
    `env` adds or overrides settings in the server's environment.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    outbox = root / "outbox"
    log = root / "gunicorn.log"
    home = root / "home"
    home.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn",
        "--no-control-socket",
        "-w", "1", "--threads", str(threads),
        "-b", f"fd://{listener.fileno()}",
        "--graceful-timeout", "5",
        "--access-logfile", "-", "--error-logfile", "-",
        "zone_networks.wsgi:app",
    ]  # fmt: skip
    with log.open("wb") as log_handle:
        # The server inherits the already-listening socket, so no other process can take the port in between.
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env={**server_environment(database_url, url, outbox, home), **(env or {})},
            stdout=log_handle,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
            start_new_session=True,
        )
    listener.close()
    server = LiveServer(url=url, outbox=outbox, log=log, process=process)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            stop_server(server)
            output = log.read_text(errors="replace")
            raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s:\n{output}")
        time.sleep(0.1)


def stop_server(server: LiveServer) -> None:
    """Stop gunicorn (and anything it started) and wait for it to exit."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, 15)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, 9)
        server.process.wait(timeout=10)
