"""The cached page chrome still carries each request's own values and each person's own navigation."""

from __future__ import annotations

import re

from tests.helpers import text_of

TOKEN = re.compile(r'action="/logout"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"')


def _logout_token(response) -> str:
    match = TOKEN.search(text_of(response))
    assert match, "no sign-out form"
    return match.group(1)


def test_sign_out_form_carries_this_sessions_token(app, member) -> None:
    first = app.test_client()
    with first.session_transaction() as session:
        session["_user_id"] = member.get_id()
    token = _logout_token(first.get("/"))
    second = app.test_client()
    with second.session_transaction() as session:
        session["_user_id"] = member.get_id()
    other = _logout_token(second.get("/"))
    assert token != other  # each session gets its own token, though the chrome is cached
    response = first.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302


def test_navigation_differs_by_role_and_section(app, client, member, secretariat, login) -> None:
    login(member)
    body = text_of(client.get("/zones"))
    assert ">Secretariat<" not in body
    assert re.search(r'aria-current="true"[^>]*>\s*<strong[^>]*>Zones', body)
    staff = app.test_client()
    with staff.session_transaction() as session:
        session["_user_id"] = secretariat.get_id()
    staff_body = text_of(staff.get("/networks"))
    assert "Secretariat" in staff_body
    assert re.search(r'aria-current="true"[^>]*>\s*<strong[^>]*>Networks', staff_body)
    anonymous = text_of(app.test_client().get("/"))
    assert "Sign in" in anonymous and "Sign out" not in anonymous


def test_no_sentinel_leaks(client, member, login) -> None:
    for path in ("/", "/zones", "/no-such-page"):
        body = text_of(client.get(path))
        assert "__zn_chrome" not in body
    login(member)
    assert "__zn_chrome" not in text_of(client.get("/networks"))
