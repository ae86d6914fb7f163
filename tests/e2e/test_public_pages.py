"""The public pages in a real browser: accessible, no script errors, no CSP violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tests.e2e.accessibility import assert_accessible
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/accessibility", "/privacy", "/cookies", "/zones", "/networks"])
def test_public_page_is_accessible_and_error_free(page: Page, live_server: LiveServer, path: str) -> None:
    problems: list[str] = []
    page.on("console", lambda message: _record_console(message, problems))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert page.title().endswith("Zone Networks")
    assert_accessible(page, path)
    assert problems == []


def test_not_found_page_is_accessible(page: Page, live_server: LiveServer) -> None:
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text()
    assert_accessible(page, "404 page")


def _record_console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in ("error", "warning"):
        problems.append(f"console {message.type}: {message.text}")
