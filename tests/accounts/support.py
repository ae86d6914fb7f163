"""Helpers shared by the accounts tests."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.factories import TEST_PASSWORD
from tests.helpers import submit

SESSION_COOKIE = "zn_session"


def sign_in(client: FlaskClient, email: str, password: str = TEST_PASSWORD, *, next_url: str | None = None,
            follow_redirects: bool = False) -> TestResponse:
    """Sign in through the real form (CSRF token included)."""
    url = "/login" if next_url is None else f"/login?next={next_url}"
    return submit(client, url, {"email": email, "password": password}, follow_redirects=follow_redirects)


def session_cookie(client: FlaskClient) -> str | None:
    """The raw value of the session cookie the client holds."""
    cookie = client.get_cookie(SESSION_COOKIE)
    return cookie.value if cookie else None


def copy_of(client: FlaskClient, cookie_value: str) -> FlaskClient:
    """A second browser holding a copy of a session cookie."""
    assert client.application is not None
    other = client.application.test_client()
    other.set_cookie(SESSION_COOKIE, cookie_value)
    return other


def normalised(body: str, *replace: str) -> str:
    """A page with its per-response secrets (CSRF token, CSP nonce) and the given strings blanked."""
    body = re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1X", body)
    body = re.sub(r'nonce="[^"]+"', 'nonce="X"', body)
    for text in replace:
        body = body.replace(text, "REPLACED")
    return body
