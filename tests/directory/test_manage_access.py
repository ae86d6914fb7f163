"""Secretariat tools for one person: who may use them, and deactivating or reactivating an account."""

from __future__ import annotations

import pytest

from tests.accounts.support import sign_in
from tests.directory.manage_support import fresh, manage_url
from tests.helpers import submit, text_of
from tests.networks.support import audit_events, person
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db

NOT_STAFF = ["member", "convenor", "official", "outsider"]
STAFF = ["secretariat", "admin"]


# Who may see the manage page ------------------------------------------------------

def test_anonymous_is_sent_to_sign_in(client, member) -> None:
    response = client.get(manage_url(member))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_get_404(client, login, request, member, who) -> None:
    viewer = request.getfixturevalue(who)
    login(viewer)
    assert client.get(manage_url(member)).status_code == 404
    assert client.get(manage_url(viewer)).status_code == 404  # not even their own


@pytest.mark.parametrize("who", STAFF)
def test_staff_see_the_manage_page(client, login, request, member, who) -> None:
    login(request.getfixturevalue(who))
    response = client.get(manage_url(member))
    assert response.status_code == 200
    body = text_of(response)
    assert "Manage Mina Member" in body
    assert "Humber Freeport" in body and "member@humber.example" in body
    assert manage_url(member, "deactivate") in body
    assert "Skills Forum" in body and "Net Zero Network" in body  # their networks, with role forms
    assert f"/people/{member.id}" in body  # back to the profile


def test_unknown_person_is_404(client, login, secretariat) -> None:
    login(secretariat)
    assert client.get("/people/999999/manage").status_code == 404


def test_deleted_person_is_404_for_every_action(client, db, login, secretariat, member) -> None:
    member.deleted_at = utcnow()
    db.session.commit()
    login(secretariat)
    assert client.get(manage_url(member)).status_code == 404
    assert client.get(manage_url(member, "deactivate")).status_code == 404
    for action in ("deactivate", "reactivate", "zone-roles", "organisation"):
        response = submit(client, manage_url(member, action), {}, form_url="/account")
        assert response.status_code == 404, action
    assert audit_events() == []


# Deactivating -------------------------------------------------------------------------

def test_deactivate_asks_are_you_sure_first(client, login, secretariat, member) -> None:
    login(secretariat)
    response = client.get(manage_url(member, "deactivate"))
    assert response.status_code == 200
    assert "Are you sure you want to deactivate Mina Member" in text_of(response)
    assert fresh(member).active


@pytest.mark.parametrize("who", STAFF)
def test_staff_deactivate_an_account(client, login, request, member, who) -> None:
    actor = request.getfixturevalue(who)
    version = member.session_version
    login(actor)
    response = submit(client, manage_url(member, "deactivate"), {}, follow_redirects=True)
    assert response.status_code == 200
    assert "account has been deactivated" in text_of(response)
    person_now = fresh(member)
    assert not person_now.active
    assert person_now.session_version == version + 1
    [event] = audit_events("person.deactivated")
    assert event.actor_id == actor.id and event.object_type == "user" and event.object_id == member.id
    assert event.details["before"] == "active" and event.details["after"] == "deactivated"
    assert event.details["user_email"] == "member@humber.example"


def test_deactivation_ends_existing_sessions_at_once(app, client, login, secretariat, member) -> None:
    their_client = app.test_client()
    with their_client.session_transaction() as session:
        session["_user_id"] = member.get_id()
        session["_fresh"] = True
    assert their_client.get("/account").status_code == 200

    login(secretariat)
    submit(client, manage_url(member, "deactivate"), {})

    response = their_client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert sign_in(their_client, "member@humber.example").status_code == 400  # and cannot sign in again


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_cannot_deactivate(client, login, request, outsider, member, who) -> None:
    viewer = request.getfixturevalue(who)
    target = outsider if viewer is not outsider else member
    login(viewer)
    assert client.get(manage_url(target, "deactivate")).status_code == 404
    assert submit(client, manage_url(target, "deactivate"), {}, form_url="/account").status_code == 404
    assert fresh(target).active
    assert audit_events() == []


def test_staff_cannot_deactivate_themselves(client, login, secretariat) -> None:
    login(secretariat)
    assert "You cannot deactivate your own account" in text_of(client.get(manage_url(secretariat)))
    assert client.get(manage_url(secretariat, "deactivate")).status_code == 403
    assert submit(client, manage_url(secretariat, "deactivate"), {}, form_url="/account").status_code == 403
    assert fresh(secretariat).active
    assert audit_events() == []


def test_secretariat_cannot_deactivate_an_admin(client, login, secretariat, admin) -> None:
    login(secretariat)
    assert manage_url(admin, "deactivate") not in text_of(client.get(manage_url(admin)))
    assert submit(client, manage_url(admin, "deactivate"), {}, form_url="/account").status_code == 403
    assert fresh(admin).active


def test_admin_can_deactivate_the_secretariat(client, login, secretariat, admin) -> None:
    login(admin)
    assert submit(client, manage_url(secretariat, "deactivate"), {}).status_code == 303
    assert not fresh(secretariat).active


def test_deactivate_without_csrf_token_changes_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    assert client.post(manage_url(member, "deactivate")).status_code == 400
    assert fresh(member).active


def test_staff_still_see_a_deactivated_person(client, login, secretariat, member) -> None:
    member.active = False
    db.session.commit()
    login(secretariat)
    body = text_of(client.get(manage_url(member)))
    assert "This account is deactivated" in body
    assert manage_url(member, "reactivate") in body
    # Asking to deactivate again goes back to the page and records nothing.
    assert client.get(manage_url(member, "deactivate")).status_code == 303
    assert audit_events() == []


# Reactivating -------------------------------------------------------------------------

def test_staff_reactivate_and_the_person_can_sign_in_again(app, client, login, secretariat, member) -> None:
    login(secretariat)
    submit(client, manage_url(member, "deactivate"), {})
    response = submit(client, manage_url(member, "reactivate"), {}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "account has been reactivated" in text_of(response)
    assert fresh(member).active
    [event] = audit_events("person.reactivated")
    assert event.actor_id == secretariat.id and event.object_id == member.id
    assert event.details["before"] == "deactivated" and event.details["after"] == "active"

    their_client = app.test_client()
    assert sign_in(their_client, "member@humber.example").status_code == 302
    assert their_client.get("/account").status_code == 200


def test_reactivating_an_active_account_records_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "reactivate"), {}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "already active" in text_of(response)
    assert audit_events() == []


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_cannot_reactivate(client, db, login, request, who) -> None:
    target = person("gone@humber.example", "humber-freeport", name="Gwen Gone", active=False)
    login(request.getfixturevalue(who))
    assert submit(client, manage_url(target, "reactivate"), {}, form_url="/account").status_code == 404
    assert not fresh(target).active


def test_secretariat_cannot_reactivate_an_admin(client, login, secretariat, admin) -> None:
    admin.active = False
    db.session.commit()
    login(secretariat)
    assert submit(client, manage_url(admin, "reactivate"), {}, form_url="/account").status_code == 403
    assert not fresh(admin).active


def test_audit_log_shows_the_new_actions(client, login, secretariat, member) -> None:
    login(secretariat)
    submit(client, manage_url(member, "deactivate"), {})
    body = text_of(client.get("/admin/audit"))
    assert "Deactivated an account" in body and "Mina Member" in body
