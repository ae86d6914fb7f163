"""GOV.UK error pages with the right status codes, and no tracebacks leaked on a 500."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Blueprint, abort, request
from sqlalchemy import func, select

from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.extensions import csrf
from zone_networks.extensions import db as _db
from zone_networks.zones.models import Organisation

# Routes that exist only in these tests, to trigger errors the real pages do not raise on demand.
broken = Blueprint("broken", __name__)

SECRET_DETAIL = "detail-that-must-not-leak-8a1f"


@broken.get("/_test/abort/<int:status>")
def abort_with(status: int) -> str:
    abort(status)


@broken.get("/_test/crash")
def crash() -> str:
    raise RuntimeError(SECRET_DETAIL)


@broken.get("/_test/crash-after-write")
def crash_after_write() -> str:
    organisation = _db.session.scalars(select(Organisation).filter_by(slug="humber-freeport")).one()
    _db.session.add(User(email="half-written@example.org", name="Half Written", organisation=organisation))
    _db.session.flush()
    raise RuntimeError(SECRET_DETAIL)


@broken.post("/_test/upload")
@csrf.exempt
def upload() -> str:
    return str(len(request.form))


MAX_BYTES = 10_000


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """Production-like error handling: exceptions become 500 pages instead of reaching the test."""
    return {**app_config, "PROPAGATE_EXCEPTIONS": False, "MAX_CONTENT_LENGTH": MAX_BYTES}


@pytest.fixture()
def app(app):
    app.register_blueprint(broken)
    return app


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (400, "Sorry, there is a problem with your request"),
        (403, "You do not have permission to do this"),
        (404, "Page not found"),
        (405, "Page not found"),
        (413, "The file or form you sent is too large"),
        (429, "There have been too many attempts"),
        (500, "Sorry, there is a problem with the service"),
    ],
)
def test_error_pages_render_in_the_govuk_shell(client, status: int, heading: str) -> None:
    response = client.get(f"/_test/abort/{status}")
    assert response.status_code == status
    body = text_of(response)
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in body
    assert f"<title>{heading} - Zone Networks</title>" in body
    assert "govuk-header" in body and "govuk-footer" in body
    assert response.mimetype == "text/html"


def test_unknown_address_is_404(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    body = text_of(response)
    assert "Page not found" in body
    assert 'href="/login?next=/no/such/page"' in body


def test_404_for_signed_in_people_does_not_offer_sign_in(login, member) -> None:
    body = text_of(login(member).get("/no/such/page"))
    assert "Page not found" in body
    assert "Some pages are only for members." not in body


def test_wrong_method_is_405(client) -> None:
    response = client.post("/zones")
    assert response.status_code == 405
    assert "Page not found" in text_of(response)


def test_too_large_a_form_is_413(client) -> None:
    response = client.post("/_test/upload", data={"field": "x" * (MAX_BYTES + 1)})
    assert response.status_code == 413
    assert "The file or form you sent is too large" in text_of(response)


def test_too_large_a_post_to_a_real_form_is_413_not_a_crash(client) -> None:
    response = client.post("/login", data={"email": "x" * (MAX_BYTES + 1), "password": "y"})
    assert response.status_code == 413


def test_small_forms_are_accepted(client) -> None:
    response = client.post("/_test/upload", data={"field": "x" * 100})
    assert response.status_code == 200


def test_csrf_failure_page(client) -> None:
    response = client.post("/login", data={"email": "someone@example.org", "password": "a password of sorts"})
    assert response.status_code == 400
    body = text_of(response)
    assert "Your form could not be sent" in body
    assert "<title>Your form could not be sent - Zone Networks</title>" in body


def test_unhandled_exception_is_a_500_page_without_the_traceback(client, caplog) -> None:
    response = client.get("/_test/crash")
    assert response.status_code == 500
    body = text_of(response)
    assert "Sorry, there is a problem with the service" in body
    assert SECRET_DETAIL not in body
    assert "Traceback" not in body
    assert "RuntimeError" not in body
    # The detail goes to the log, for the people who run the service.
    assert SECRET_DETAIL in caplog.text


def test_500_rolls_back_what_the_request_had_written(client, app) -> None:
    response = client.get("/_test/crash-after-write")
    assert response.status_code == 500
    with app.app_context():
        assert _db.session.scalar(select(func.count(User.id)).where(User.email == "half-written@example.org")) == 0


def test_the_service_still_works_after_a_500(client) -> None:
    assert client.get("/_test/crash").status_code == 500
    assert client.get("/zones").status_code == 200


def test_500_page_renders_even_when_the_database_is_down_for_a_signed_in_person(tmp_path) -> None:
    from zone_networks import create_app

    app = create_app({
        "ENV_NAME": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'folder' / 'db.sqlite'}",
        "PROPAGATE_EXCEPTIONS": False,
    })
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:1"  # the header needs this person, and loading them needs the database
    response = client.get("/zones")
    assert response.status_code == 500
    body = text_of(response)
    assert "Sorry, there is a problem with the service" in body
    assert "govuk-header" in body
    assert "OperationalError" not in body and "Traceback" not in body


def test_429_page_offers_a_password_reset(client) -> None:
    body = text_of(client.get("/_test/abort/429"))
    assert 'you can <a class="govuk-link" href="/password-reset">reset it</a>.' in body


def test_413_page_states_the_limit_in_megabytes(app_config) -> None:
    from zone_networks import create_app

    app = create_app({**app_config, "MAX_CONTENT_LENGTH": 25 * 1024 * 1024})
    app.register_blueprint(broken)
    body = text_of(app.test_client().get("/_test/abort/413"))
    assert "Each file or form must be smaller than 25 MB." in body
