"""Following an invitation link with an email address that already has an account."""

from __future__ import annotations

import pytest

from tests.factories import TEST_PASSWORD
from tests.helpers import submit, text_of
from tests.networks.invite_support import NEW_EMAIL
from tests.networks.invite_support import details as _details
from tests.networks.invite_support import find_user as _find_user
from tests.networks.support import add_membership, audit_events, count, find_membership, invitations, membership, person
from zone_networks.networks.models import Membership


@pytest.fixture()
def existing_user(db):
    return person(NEW_EMAIL, "humber-freeport", name="Ellis Existing")


def test_existing_account_signed_out_is_asked_to_sign_in(client, db, existing_user, invite_link) -> None:
    response = client.get(invite_link)
    assert response.status_code == 200
    body = text_of(response)
    assert "Sign in to accept your invitation" in body
    assert "/login?next=/invitations/" in body or "/login?next=%2Finvitations%2F" in body
    assert "Create a password" not in body


def test_existing_account_signed_out_cannot_post(client, db, existing_user, invite_link) -> None:
    response = submit(client, invite_link, _details(), form_url="/login")
    assert response.status_code == 200
    assert "Sign in to accept your invitation" in text_of(response)
    assert find_membership(existing_user, "net-zero") is None
    assert invitations()[0].status == "pending"


def test_existing_account_signed_in_accepts_with_one_button(client, db, login, existing_user, invite_link,
                                                           secretariat) -> None:
    add_membership(existing_user, "skills-forum", role="observer")  # already active: keeps its role
    login(existing_user)
    page = client.get(invite_link)
    assert "Accept and join" in text_of(page)
    response = submit(client, invite_link, {})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/networks/skills-forum")  # the first network, in page order
    net_zero = membership(existing_user, "net-zero")
    assert net_zero.status == "active" and net_zero.role == "convenor" and net_zero.decided_by_id == secretariat.id
    assert membership(existing_user, "skills-forum").role == "observer"
    assert invitations()[0].status == "accepted"
    [event] = audit_events("invitation.accepted")
    assert event.details["new_account"] is False
    assert client.get(invite_link).status_code == 410


def test_existing_account_with_declined_request_becomes_active(client, db, login, existing_user,
                                                               invite_link) -> None:
    add_membership(existing_user, "net-zero", status="declined")
    login(existing_user)
    submit(client, invite_link, {})
    assert membership(existing_user, "net-zero").status == "active"


def test_signed_in_as_someone_else_is_explained(client, db, login, outsider, invite_link) -> None:
    login(outsider)
    response = client.get(invite_link)
    assert response.status_code == 200
    body = text_of(response)
    assert "You are signed in with a different account" in body
    assert "Sign out, then open the link" in body
    response = submit(client, invite_link, _details(), form_url=invite_link)
    assert "You are signed in with a different account" in text_of(response)
    assert _find_user(NEW_EMAIL) is None
    assert count(Membership) == 0
    assert invitations()[0].status == "pending"


def test_deactivated_account_is_told_to_contact_secretariat(client, db, existing_user, invite_link) -> None:
    existing_user.active = False
    db.session.commit()
    body = text_of(client.get(invite_link))
    assert "Your account has been deactivated" in body


def test_sign_in_then_return_to_link(client, db, existing_user, invite_link) -> None:
    from tests.helpers import submit as post

    response = post(client, f"/login?next={invite_link}", {"email": NEW_EMAIL, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(invite_link)
    assert "Accept and join" in text_of(client.get(invite_link))
