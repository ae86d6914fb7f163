"""Sign-in and reset requests are rate limited per client address and per email, with a GOV.UK 429 page."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

from tests.accounts.support import sign_in
from tests.factories import TEST_PASSWORD
from tests.helpers import csrf_token, submit, text_of

LIMIT = 3


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A low limit so the tests reach it quickly."""
    return {**app_config, "LOGIN_RATE_LIMIT": f"{LIMIT} per 5 minutes"}


@pytest.fixture()
def later(monkeypatch: pytest.MonkeyPatch):
    """Move the rate limiter's clock (the in-memory storage's) forward by some seconds."""
    import limits.storage.memory as memory

    offset = [0.0]
    monkeypatch.setattr(memory, "time", SimpleNamespace(time=lambda: time.time() + offset[0]))

    def _advance(seconds: float) -> None:
        offset[0] += seconds

    return _advance


def _fail(client: Any, email: str) -> int:
    return sign_in(client, email, "not the right password").status_code


def test_too_many_failures_get_429_then_the_limit_resets(client, member, later) -> None:
    for _ in range(LIMIT):
        assert _fail(client, "member@humber.example") == 400
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": "member@humber.example", "password": TEST_PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 429
    body = text_of(response)
    assert "There have been too many attempts" in body
    assert "member@humber.example" not in body
    assert "Enter a correct email address and password" not in body
    # Even the right password is refused while limited.
    assert client.get("/account").status_code == 302

    later(5 * 60 + 1)
    assert sign_in(client, "member@humber.example").status_code == 302


def test_the_answer_is_the_same_for_unknown_emails(client, member) -> None:
    for _ in range(LIMIT):
        assert _fail(client, "nobody@humber.example") == 400
    unknown = sign_in(client, "nobody@humber.example")
    assert unknown.status_code == 429


def test_rotating_emails_from_one_address_is_limited(client, member) -> None:
    for number in range(LIMIT):
        assert _fail(client, f"guess{number}@humber.example") == 400
    assert _fail(client, "member@humber.example") == 429


def test_rotating_addresses_against_one_email_is_limited(app, member) -> None:
    for number in range(LIMIT):
        attacker = app.test_client()
        attacker.environ_base["REMOTE_ADDR"] = f"203.0.113.{number + 1}"
        assert _fail(attacker, "member@humber.example") == 400
    fresh = app.test_client()
    fresh.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert _fail(fresh, "member@humber.example") == 429
    # Another person on another address is not affected.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.8"
    assert _fail(other, "someone.else@humber.example") == 400


def test_successful_sign_ins_do_not_use_up_the_limit(client, member) -> None:
    for _ in range(LIMIT + 2):
        assert sign_in(client, "member@humber.example").status_code == 302
        assert submit(client, "/logout", {}, form_url="/logout").status_code == 302


def test_viewing_the_sign_in_page_is_not_limited(client) -> None:
    for _ in range(LIMIT + 2):
        assert client.get("/login").status_code == 200


def test_password_reset_requests_are_limited(client, member, outbox) -> None:
    for _ in range(LIMIT):
        assert submit(client, "/password-reset", {"email": "member@humber.example"}).status_code == 200
    response = submit(client, "/password-reset", {"email": "member@humber.example"})
    assert response.status_code == 429
    assert len(outbox()) == LIMIT
