"""Signing in and out: generic errors, safe redirects, fresh sessions, sessions that really end."""

from __future__ import annotations

import re

import pytest

from tests.accounts.support import copy_of, normalised, session_cookie, sign_in
from tests.factories import TEST_PASSWORD, make_user
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User

GENERIC = "Enter a correct email address and password"


def test_login_page_uses_govuk_password_input(client) -> None:
    response = client.get("/login")
    assert response.status_code == 200
    body = text_of(response)
    assert "Sign in to Zone Networks" in body
    assert 'data-module="govuk-password-input"' in body
    assert 'autocomplete="current-password"' in body
    assert "onpaste" not in body
    assert 'href="/password-reset"' in body


def test_sign_in_succeeds_goes_home_and_records_last_login(client, db, member) -> None:
    assert member.last_login_at is None
    response = sign_in(client, "member@humber.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/account").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, member.id).last_login_at is not None


def test_email_is_matched_without_case_or_spaces(client, member) -> None:
    response = sign_in(client, "  Member@Humber.EXAMPLE ")
    assert response.status_code == 302


def test_failures_look_identical_whatever_the_reason(client, db, member) -> None:
    inactive = make_user("gone@humber.example", "humber-freeport", active=False)
    db.session.commit()
    cases = {
        "unknown email": ("nobody@humber.example", TEST_PASSWORD),
        "wrong password": ("member@humber.example", "not the right password"),
        "inactive account": ("gone@humber.example", TEST_PASSWORD),
    }
    pages = {}
    for reason, (email, password) in cases.items():
        response = sign_in(client, email, password)
        assert response.status_code == 400, reason
        body = text_of(response)
        assert GENERIC in body, reason
        assert "There is a problem" in body
        assert password not in body
        pages[reason] = normalised(body, email)
    assert len(set(pages.values())) == 1
    assert client.get("/account").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, inactive.id).last_login_at is None
    assert db.session.get(User, member.id).last_login_at is None


def test_empty_form_asks_for_both_fields(client) -> None:
    response = submit(client, "/login", {"email": "", "password": ""})
    body = text_of(response)
    assert response.status_code == 400
    assert "Enter your email address" in body
    assert "Enter your password" in body
    assert "Error: Sign in" in body


def test_user_without_a_password_cannot_sign_in(client, db, member) -> None:
    member.password_hash = None
    db.session.commit()
    response = sign_in(client, "member@humber.example", "")
    assert response.status_code == 400
    assert sign_in(client, "member@humber.example").status_code == 400


def test_safe_next_is_followed(client, member) -> None:
    response = sign_in(client, "member@humber.example", next_url="/account")
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example", "/\\evil.example", "http:/evil.example", "javascript:alert(1)",
     "///evil.example", "evil.example"],
)
def test_unsafe_next_goes_home(client, member, target: str) -> None:
    login_page = text_of(client.get("/login", query_string={"next": target}))
    assert "evil" not in login_page
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "member@humber.example", "password": TEST_PASSWORD,
              "csrf_token": _token(login_page)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def _token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match
    return match.group(1)


def test_protected_page_sends_you_to_sign_in_and_back(client, member) -> None:
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Faccount"
    response = sign_in(client, "member@humber.example", next_url="%2Faccount")
    assert response.headers["Location"] == "/account"


def test_signed_in_people_visiting_login_go_home(client, login, member) -> None:
    login(member)
    response = client.get("/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_session_is_replaced_at_sign_in(client, member) -> None:
    """Session fixation: nothing planted before sign-in survives it, and the cookie changes."""
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = session_cookie(client)
    sign_in(client, "member@humber.example")
    after = session_cookie(client)
    assert before and after and before != after
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{member.id}:{member.session_version}"
    # The cookie from before sign-in does not carry the sign-in.
    assert copy_of(client, before).get("/account").status_code == 302


def test_language_chosen_before_sign_in_is_kept(client, member) -> None:
    client.get("/login?lang=en")
    sign_in(client, "member@humber.example")
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_logout_page_has_a_sign_out_button_for_people_without_javascript(client, login, member) -> None:
    login(member)
    body = text_of(client.get("/logout"))
    assert 'action="/logout"' in body
    assert 'name="csrf_token"' in body
    assert "Sign out" in body


def test_logout_page_when_signed_out_goes_to_sign_in(client) -> None:
    response = client.get("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"


def test_logout_ends_the_session_everywhere_including_copied_cookies(client, db, member) -> None:
    version = member.session_version
    sign_in(client, "member@humber.example")
    stolen = session_cookie(client)
    assert stolen
    thief = copy_of(client, stolen)
    assert thief.get("/account").status_code == 200

    response = submit(client, "/logout", {}, form_url="/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "You have signed out" in text_of(client.get("/login"))

    assert client.get("/account").status_code == 302
    assert thief.get("/account").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, member.id).session_version == version + 1
    # Signing in again works, with a new session version.
    assert sign_in(client, "member@humber.example").status_code == 302
    assert client.get("/account").status_code == 200


def test_logout_from_the_header_button(client, member) -> None:
    sign_in(client, "member@humber.example")
    response = submit(client, "/logout", {}, form_url="/account")
    assert response.status_code == 302
    assert client.get("/account").status_code == 302


@pytest.mark.parametrize("url", ["/login", "/logout", "/account", "/account/password", "/password-reset"])
def test_posts_without_a_csrf_token_are_refused(client, db, member, url: str) -> None:
    if url != "/login":
        sign_in(client, "member@humber.example")
    version = member.session_version
    response = client.post(url, data={"email": "member@humber.example", "password": TEST_PASSWORD,
                                      "name": "Changed", "language": "en"})
    assert response.status_code == 400
    assert "Your form could not be sent" in text_of(response)
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.name == "Mina Member"
    if url == "/logout":
        assert user.session_version == version
        assert client.get("/account").status_code == 200
