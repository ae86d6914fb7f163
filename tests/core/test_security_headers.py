"""Security headers on every response: CSP with a per-request nonce, no framing, nosniff, referrer policy, HSTS."""

from __future__ import annotations

import re

import pytest

from tests.helpers import text_of

PAGES = ["/", "/zones", "/zones/humber-freeport", "/networks", "/login", "/accessibility", "/cookies",
         "/no/such/page", "/healthz"]


def _csp(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value
    return directives


def _nonce(response) -> str:
    match = re.search(r"'nonce-([^']+)'", _csp(response)["script-src"])
    assert match, "script-src has no nonce"
    return match.group(1)


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url: str) -> None:
    response = client.get(url)
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert _nonce(response)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/", "/zones", "/login", "/no/such/page"])
def test_every_script_on_a_page_carries_this_responses_nonce(client, url: str) -> None:
    response = client.get(url)
    nonce = _nonce(response)
    scripts = re.findall(r"<script\b[^>]*>", text_of(response))
    assert scripts, "expected the page to load scripts"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag


def test_the_nonce_changes_with_every_request(client) -> None:
    nonces = {_nonce(client.get("/zones")) for _ in range(5)}
    assert len(nonces) == 5
    assert all(len(nonce) >= 16 for nonce in nonces)


def test_no_inline_event_handlers_or_style_attributes(client, login, member) -> None:
    for url in ("/", "/zones", "/zones/humber-freeport", "/accessibility", "/privacy", "/cookies"):
        body = text_of(login(member).get(url))
        assert not re.search(r"<[^>]+\son[a-z]+=", body), url
        assert not re.search(r"<[^>]+\sstyle=", body), url


def test_hsts_when_served_over_https(client) -> None:
    response = client.get("/zones", base_url="https://localhost")
    assert response.status_code == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_no_hsts_over_plain_http(client) -> None:
    response = client.get("/zones")
    assert "Strict-Transport-Security" not in response.headers


def _session_cookie(response) -> str:
    cookies = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("zn_session=")]
    assert cookies, "no session cookie was set"
    return cookies[0]


def test_session_cookie_is_httponly_and_samesite_lax(client) -> None:
    cookie = _session_cookie(client.get("/login"))  # the form's CSRF token lives in the session
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # testing is plain http
    assert "Expires" not in cookie  # the cookies page says it lasts until the browser closes


def test_session_cookie_is_secure_in_production(monkeypatch, database_url) -> None:
    from zone_networks import create_app

    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app({
        "ENV_NAME": "production",
        "SECRET_KEY": "production-secret-for-the-test",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = app.test_client().get("/login", base_url="https://localhost")
    cookie = _session_cookie(response)
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Strict-Transport-Security" in response.headers
