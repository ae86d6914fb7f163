"""Your account page: details, networks, editing details, and changing your password."""

from __future__ import annotations

import pytest

from tests.accounts.support import copy_of, session_cookie, sign_in
from tests.factories import TEST_PASSWORD
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership, Network

NEW_PASSWORD = "granite lighthouse marmalade"


@pytest.mark.parametrize("url", ["/account", "/account/password"])
def test_account_pages_need_you_to_sign_in(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert client.post(url, data={}).status_code == 400  # no CSRF token: refused before anything else


def test_account_page_shows_your_details_and_networks(client, login, member) -> None:
    requested = _db.session.execute(_db.select(Network).filter_by(slug="innovation-leads")).scalar_one()
    _db.session.add(Membership(user_id=member.id, network_id=requested.id, role="member", status="requested"))
    _db.session.commit()
    login(member)
    response = client.get("/account")
    assert response.status_code == 200
    body = text_of(response)
    for text in ("Mina Member", "member@humber.example", "Skills lead", "Humber Freeport", "Zone member",
                 "English", "Skills Forum", "Net Zero Network", "Innovation Leads Network",
                 "request waiting for a decision", "govuk-summary-list"):
        assert text in body, text
    assert 'lang="cy"' in body  # the Cymraeg option is marked as Welsh


def test_account_page_roles_for_officials_and_admins(client, login, official, admin) -> None:
    login(official)
    body = text_of(client.get("/account"))
    assert "Government official" in body
    assert "Observer" in body or "observer" in body
    login(admin)
    body = text_of(client.get("/account"))
    assert "Administrator" in body
    assert "You are not in any networks yet." in body


def test_account_page_query_count_does_not_grow_with_memberships(client, login, member, count_queries) -> None:
    login(member)
    _db.session.expire_all()  # every request below starts from an empty identity map, as in production
    with count_queries() as few:
        client.get("/account")
    network = _db.session.execute(_db.select(Network).filter_by(slug="innovation-leads")).scalar_one()
    _db.session.add(Membership(user_id=member.id, network_id=network.id, role="member", status="active"))
    _db.session.commit()
    _db.session.expire_all()
    with count_queries() as more:
        client.get("/account")
    assert len(more) == len(few) <= 5, more


def test_change_details(client, db, login, member) -> None:
    login(member)
    response = submit(client, "/account", {"name": "Mina M. Member", "job_title": "Head of skills", "language": "cy"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert (user.name, user.job_title, user.language) == ("Mina M. Member", "Head of skills", "cy")
    assert "Your details have been saved" in text_of(client.get("/account"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "  ", "job_title": "x", "language": "en"}, "Enter your full name"),
        ({"name": "x" * 201, "job_title": "x", "language": "en"}, "Full name must be 200 characters or fewer"),
        ({"name": "Mina", "job_title": "x" * 201, "language": "en"}, "Job title must be 200 characters or fewer"),
        ({"name": "Mina", "job_title": "x", "language": "fr"}, "Not a valid choice"),
        ({"name": "Mina", "job_title": "x"}, "Select the language for the service"),
    ],
)
def test_bad_details_write_nothing(client, db, login, member, data: dict[str, str], message: str) -> None:
    login(member)
    response = submit(client, "/account", data)
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body
    assert message in body
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert (user.name, user.job_title, user.language) == ("Mina Member", "Skills lead", "en")


def test_change_password_ends_other_sessions_but_keeps_this_one(client, app, db, member) -> None:
    sign_in(client, "member@humber.example")
    laptop = app.test_client()
    sign_in(laptop, "member@humber.example")
    copied = copy_of(client, session_cookie(client) or "")
    assert laptop.get("/account").status_code == 200

    response = submit(client, "/account/password", {
        "current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    page = client.get("/account")
    assert page.status_code == 200
    assert "Your password has been changed" in text_of(page)

    assert laptop.get("/account").status_code == 302
    assert copied.get("/account").status_code == 302
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(TEST_PASSWORD)
    # The old password no longer signs in; the new one does.
    assert sign_in(laptop, "member@humber.example").status_code == 400
    assert sign_in(laptop, "member@humber.example", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("data", "message", "field"),
    [
        ({"current_password": "wrong password here", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
         "Your current password is incorrect", "current_password"),
        ({"current_password": TEST_PASSWORD, "new_password": "too short", "confirm_password": "too short"},
         "Password must be 12 characters or more", "new_password"),
        ({"current_password": TEST_PASSWORD, "new_password": "password1234", "confirm_password": "password1234"},
         "Choose a password that is harder to guess", "new_password"),
        ({"current_password": TEST_PASSWORD, "new_password": "mina member rules",
          "confirm_password": "mina member rules"},
         "Choose a password that does not include your name or email address", "new_password"),
        ({"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "x"},
         "The passwords you entered do not match", "confirm_password"),
        ({"current_password": "", "new_password": "", "confirm_password": ""},
         "Enter your current password", "current_password"),
    ],
)
def test_bad_password_changes_write_nothing(client, db, login, member, data, message: str, field: str) -> None:
    login(member)
    before = (member.password_hash, member.session_version)
    response = submit(client, "/account/password", data)
    assert response.status_code == 400
    body = text_of(response)
    assert message in body
    assert f'href="#{field}"' in body  # the error summary links to the field
    assert data["current_password"] not in body or not data["current_password"]
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert (user.password_hash, user.session_version) == before
    assert client.get("/account").status_code == 200
