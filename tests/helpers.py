"""Helpers for request tests: submit forms with their CSRF token, read pages."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str) -> str:
    """GET `url` and return the CSRF token from its first form."""
    response = client.get(url)
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} (status {response.status_code})"
    return match.group(1) or match.group(2)


def submit(client: FlaskClient, url: str, data: dict[str, Any] | None = None, *, form_url: str | None = None,
           follow_redirects: bool = False) -> TestResponse:
    """POST `data` to `url` with a valid CSRF token taken from `form_url` (default: `url`)."""
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, form_url or url)
    return client.post(url, data=payload, follow_redirects=follow_redirects)


def text_of(response: TestResponse) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)
