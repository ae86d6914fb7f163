"""Browser-test fixtures: a real gunicorn server on the suite's database, driven by the system Chromium.

Playwright's browser, context and page fixtures come from pytest-playwright; the
ones that hold Playwright open are narrowed here to this package, because a
running sync Playwright leaves an asyncio loop marked as running in the main
thread (asyncio.run() would fail in any later test). Chromium must be installed
(`apt-get install chromium`): without it these tests fail rather than skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, BrowserType, Playwright, expect, sync_playwright

from tests.e2e.server import LiveServer, start_server, stop_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test (they are deselectable with -m 'not browser')."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


expect.set_options(timeout=10_000)


@pytest.fixture(scope="package")
def chromium_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point Chromium's config and cache at a temporary folder so it leaves $HOME alone."""
    root = tmp_path_factory.mktemp("chromium")
    saved = {key: os.environ.get(key) for key in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    os.environ["XDG_CONFIG_HOME"] = str(root / "config")
    os.environ["XDG_CACHE_HOME"] = str(root / "cache")
    yield root
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (never a downloaded browser); fail, not skip, when it is missing."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: the browser tests need it (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="package")
def playwright(_pw_api_request_contexts: Any, chromium_home: Path) -> Iterator[Playwright]:
    """Playwright, running only while this package's tests run."""
    pw = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(pw)
    yield pw
    pw.stop()


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    """The browser type to launch (Chromium)."""
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args: dict[str, Any], browser_type: BrowserType) -> Callable[..., Browser]:
    """Launch a browser with the package's options."""

    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser: Callable[..., Browser]) -> Iterator[Browser]:
    """One Chromium for all the browser tests."""
    instance = launch_browser()
    yield instance
    instance.close()


@pytest.fixture()
def new_context(new_context: Callable[..., BrowserContext], live_server: LiveServer) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory, with a 10 s default timeout (not 30 s) so failures come fast.

    Asking for a browser also asks for `live_server`, so every browser test starts on a freshly seeded
    database and fails if the server logs an error.
    """

    def _new_context(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        context.set_default_timeout(10_000)
        return context

    return _new_context


@pytest.fixture(scope="package")
def live_server_process(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app served by gunicorn on a free port, against the suite's database."""
    server = start_server(database_url, tmp_path_factory.mktemp("live-server"))
    yield server
    stop_server(server)


@pytest.fixture(scope="package")
def base_url(live_server_process: LiveServer) -> str:
    """Relative URLs in page.goto() go to the live server."""
    return live_server_process.url


@pytest.fixture(scope="package")
def browser_context_args(base_url: str) -> dict[str, Any]:
    """Every browser context talks to the live server, in British English."""
    return {"base_url": base_url, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture()
def live_server(app: Flask, live_server_process: LiveServer) -> Iterator[LiveServer]:
    """The live server, after `app` has emptied and re-seeded the database; fails the test on a server error."""
    if live_server_process.outbox.exists():
        shutil.rmtree(live_server_process.outbox)
    live_server_process.mark_log()
    yield live_server_process
    log = live_server_process.new_log()
    if "Traceback (most recent call last)" in log or "Error handling request" in log:
        pytest.fail(f"The server logged an error during the test:\n{log}")
    if live_server_process.process.poll() is not None:
        pytest.fail(f"The server stopped during the test:\n{log}")
