"""Password reset by emailed single-use link: same answer for every email, expiry, single use."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from tests.accounts.support import copy_of, session_cookie, sign_in
from tests.factories import TEST_PASSWORD, make_user
from tests.helpers import submit, text_of
from zone_networks.accounts.models import PasswordResetToken, User
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import hash_token

NEW_PASSWORD = "granite lighthouse marmalade"
SENT = "If an account exists for that email, we have sent a link"
INVALID = "This link has expired or has already been used"


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """Links point at the public address, not the test client's."""
    return {**app_config, "SERVER_BASE_URL": "https://zones.example.gov.uk/"}


def _request(client: Any, email: str) -> Any:
    return submit(client, "/password-reset", {"email": email})


def _link(message: Any) -> str:
    match = re.search(r"https://zones\.example\.gov\.uk(/password-reset/[A-Za-z0-9_-]+)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


def _reset(client: Any, path: str, password: str = NEW_PASSWORD, confirm: str | None = None) -> Any:
    return submit(client, path, {"new_password": password, "confirm_password": confirm or password})


def _tokens(db: Any, user: User) -> list[PasswordResetToken]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(PasswordResetToken).filter_by(user_id=user.id)
                                   .order_by(PasswordResetToken.id)))


def test_reset_flow_end_to_end(client, app, db, member, outbox) -> None:
    version = member.session_version
    elsewhere = app.test_client()
    sign_in(elsewhere, "member@humber.example")

    response = _request(client, "Member@Humber.example ")
    assert response.status_code == 200
    assert SENT in text_of(response)
    [message] = outbox()
    assert message["To"] == "member@humber.example"
    assert message["Subject"] == "Reset your Zone Networks password"
    assert "2 hours" in message.get_content()
    path = _link(message)

    # Only the hash is stored.
    [token] = _tokens(db, member)
    raw = path.rsplit("/", 1)[1]
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert 119 <= (token.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)).total_seconds() / 60 <= 121

    page = client.get(path)
    assert page.status_code == 200
    assert "Choose a new password" in text_of(page)
    assert 'autocomplete="new-password"' in text_of(page)

    response = _reset(client, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "Your password has been changed" in text_of(client.get("/login"))

    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.check_password(NEW_PASSWORD)
    assert user.session_version == version + 1
    assert elsewhere.get("/account").status_code == 302  # every session ended
    assert client.get("/account").status_code == 302  # and nobody was signed in
    assert _tokens(db, member)[0].used_at is not None

    # Single use.
    again = client.get(path)
    assert again.status_code == 404
    assert INVALID in text_of(again)
    assert 'href="/password-reset"' in text_of(again)
    assert sign_in(client, "member@humber.example", NEW_PASSWORD).status_code == 302


def test_unknown_and_inactive_emails_get_the_same_page_and_no_email(client, db, member, outbox) -> None:
    make_user("gone@humber.example", "humber-freeport", active=False)
    db.session.commit()
    known = text_of(_request(client, "member@humber.example"))
    unknown = text_of(_request(client, "nobody@humber.example"))
    inactive = text_of(_request(client, "gone@humber.example"))
    assert SENT in unknown

    def strip(body: str) -> str:
        return re.sub(r'nonce="[^"]+"', "", body)

    assert strip(known) == strip(unknown) == strip(inactive)
    assert [message["To"] for message in outbox()] == ["member@humber.example"]
    assert db.session.scalar(db.select(db.func.count()).select_from(PasswordResetToken)) == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "Enter your email address"), ("not-an-email", "Enter an email address in the correct format")],
)
def test_bad_email_is_an_error_and_sends_nothing(client, db, email: str, message: str, outbox) -> None:
    response = _request(client, email)
    assert response.status_code == 400
    assert message in text_of(response)
    assert outbox() == []
    assert db.session.scalar(db.select(db.func.count()).select_from(PasswordResetToken)) == 0


def test_expired_link(client, db, member, outbox) -> None:
    _request(client, "member@humber.example")
    path = _link(outbox()[0])
    [token] = _tokens(db, member)
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get(path)
    assert page.status_code == 404
    assert INVALID in text_of(page)
    # Posting to it changes nothing either (the CSRF token comes from another form).
    response = submit(client, path, {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
                      form_url="/password-reset")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(User, member.id).check_password(TEST_PASSWORD)


def test_unknown_token(client) -> None:
    for token in ("nonsense", "x" * 500):
        page = client.get(f"/password-reset/{token}")
        assert page.status_code == 404
        assert INVALID in text_of(page)


def test_using_one_link_invalidates_the_others(client, db, member, outbox) -> None:
    _request(client, "member@humber.example")
    _request(client, "member@humber.example")
    first, second = (_link(message) for message in outbox())
    assert first != second
    assert client.get(first).status_code == 200 and client.get(second).status_code == 200
    assert _reset(client, second).status_code == 302
    assert client.get(first).status_code == 404
    assert all(token.used_at is not None for token in _tokens(db, member))


def test_link_of_a_deactivated_person_stops_working(client, db, member, outbox) -> None:
    _request(client, "member@humber.example")
    path = _link(outbox()[0])
    member.active = False
    db.session.commit()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("short", None, "Password must be 12 characters or more"),
        ("password1234", None, "Choose a password that is harder to guess"),
        ("member of the humber team", None, "Choose a password that does not include your name or email address"),
        (NEW_PASSWORD, NEW_PASSWORD + "!", "The passwords you entered do not match"),
        ("", "", "Enter a new password"),
    ],
)
def test_bad_new_password_writes_nothing_and_keeps_the_link(client, db, member, outbox, password, confirm,
                                                            message) -> None:
    version = member.session_version
    _request(client, "member@humber.example")
    path = _link(outbox()[0])
    response = _reset(client, path, password, confirm)
    assert response.status_code == 400
    assert message in text_of(response)
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.check_password(TEST_PASSWORD)
    assert user.session_version == version
    assert _tokens(db, member)[0].used_at is None
    assert client.get(path).status_code == 200


def test_reset_while_signed_in_signs_you_out(client, member, outbox) -> None:
    sign_in(client, "member@humber.example")
    copied = copy_of(client, session_cookie(client) or "")
    _request(client, "member@humber.example")
    path = _link(outbox()[0])
    assert _reset(client, path).headers["Location"] == "/login"
    assert client.get("/account").status_code == 302
    assert copied.get("/account").status_code == 302


def test_reset_email_is_in_the_persons_language(client, db, member, outbox) -> None:
    member.language = "cy"
    db.session.commit()
    _request(client, "member@humber.example")
    [message] = outbox()
    assert "/password-reset/" in message.get_content()
