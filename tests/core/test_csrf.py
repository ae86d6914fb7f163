"""CSRF: every POST route refuses a request without a valid token, and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.routing.converters import NumberConverter

from tests.helpers import text_of
from zone_networks import create_app
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.extensions import csrf
from zone_networks.networks.models import Invitation, Membership


def _post_urls(app: Flask) -> Iterator[str]:
    exempt = csrf._exempt_views  # Flask-WTF keeps "module.function" names of exempted views
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()):
            continue
        view = app.view_functions[rule.endpoint]
        if f"{view.__module__}.{view.__name__}" in exempt:
            continue
        # Any value will do: the objects need not exist, because CSRF is checked before the view runs.
        values = {name: 1 if isinstance(converter, NumberConverter) else "x"
                  for name, converter in rule._converters.items()}
        yield rule.build(values, append_unknown=False)[1]  # type: ignore[index]


def _form_routes() -> list[str]:
    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted(set(_post_urls(app)))


FORM_ROUTES = _form_routes()


def test_the_form_routes_include_the_known_ones() -> None:
    assert "/login" in FORM_ROUTES
    assert "/logout" in FORM_ROUTES
    assert len(FORM_ROUTES) >= 3


def _counts(db) -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count(model.id)))
        for model in (User, Membership, Invitation, AuditEvent)
    )


@pytest.mark.parametrize("url", FORM_ROUTES)
@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_post_without_a_token_is_refused(request, db, client, login, url: str, who: str) -> None:
    if who != "anonymous":
        login(request.getfixturevalue(who))
    before = _counts(db)
    response = client.post(url, data={"email": "someone@example.org", "name": "Someone", "role": "member"})
    assert response.status_code == 400, url
    assert "Your form could not be sent" in text_of(response)
    db.session.remove()
    assert _counts(db) == before


@pytest.mark.parametrize("url", ["/login", "/logout"])
def test_post_with_a_forged_token_is_refused(client, url: str) -> None:
    response = client.post(url, data={"csrf_token": "forged.token.value", "email": "a@example.org"})
    assert response.status_code == 400
    assert "Your form could not be sent" in text_of(response)


def test_a_token_from_another_session_is_refused(app) -> None:
    from tests.helpers import csrf_token

    theirs = app.test_client()
    token = csrf_token(theirs, "/login")
    ours = app.test_client()
    response = ours.post("/login", data={"csrf_token": token, "email": "a@example.org", "password": "x" * 12})
    assert response.status_code == 400


def test_a_valid_token_passes_the_check(client) -> None:
    from tests.helpers import submit

    response = submit(client, "/login", {"email": "nobody@example.org", "password": "not the password"})
    body = text_of(response)
    assert "Your form could not be sent" not in body
    assert "Enter a correct email address and password" in body  # the form itself answered
