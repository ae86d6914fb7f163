"""Managing members: who may see the page, role changes, removals and the secretariat adding people."""

from __future__ import annotations

import pytest

from tests.helpers import submit, text_of
from tests.networks.support import add_membership, audit_events, find_membership, membership, person

MEMBERS = "/networks/innovation-leads/members"


@pytest.fixture()
def glasgow_member(db):
    """An active member of the Innovation Leads Network."""
    user = person("lead@glasgow.example", "glasgow-city-region-investment-zone", name="Gail Glasgow")
    add_membership(user, "innovation-leads")
    return user


def _role_url(user, slug: str = "innovation-leads") -> str:
    return f"/networks/{slug}/members/{membership(user, slug).id}/role"


def _remove_url(user, slug: str = "innovation-leads") -> str:
    return f"/networks/{slug}/members/{membership(user, slug).id}/remove"


# Who may see the page --------------------------------------------------------

def test_anonymous_is_sent_to_sign_in(client, db) -> None:
    response = client.get(MEMBERS)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_people_who_cannot_manage_get_403(client, db, login, request, who) -> None:
    login(request.getfixturevalue(who))
    assert client.get(MEMBERS).status_code == 403


def test_plain_member_of_the_network_gets_403(client, db, login, glasgow_member) -> None:
    login(glasgow_member)
    assert client.get(MEMBERS).status_code == 403


def test_unknown_network_is_404(client, db, login, secretariat) -> None:
    login(secretariat)
    assert client.get("/networks/nope/members").status_code == 404


def test_convenor_sees_members_without_add_form(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    response = client.get(MEMBERS)
    assert response.status_code == 200
    body = text_of(response)
    assert "Gail Glasgow" in body and "Connor Convenor" in body
    assert _role_url(glasgow_member) in body
    assert _remove_url(glasgow_member) in body
    assert _role_url(convenor) not in body  # not their own
    assert "Add someone who already has an account" not in body


def test_convenor_of_another_network_gets_403(client, db, login, convenor) -> None:
    login(convenor)
    assert client.get("/networks/skills-forum/members").status_code == 403


@pytest.mark.parametrize("who", ["secretariat", "admin"])
def test_staff_see_every_network_with_add_form(client, db, login, request, member, who) -> None:
    login(request.getfixturevalue(who))
    body = text_of(client.get("/networks/net-zero/members"))
    assert "Mina Member" in body
    assert "Add someone who already has an account" in body
    legend = body.split("<legend", 1)[1].split("</legend>", 1)[0]
    assert "Role" in legend  # the role radios are a named group
    assert _role_url(member, "net-zero") in body


# Changing roles ------------------------------------------------------------------

def test_convenor_promotes_member(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    item_id = membership(glasgow_member, "innovation-leads").id
    response = submit(client, _role_url(glasgow_member), {f"m{item_id}-role": "convenor"}, form_url=MEMBERS)
    assert response.status_code == 303
    assert membership(glasgow_member, "innovation-leads").role == "convenor"
    [event] = audit_events("membership.role_changed")
    assert event.actor_id == convenor.id
    assert event.details["old_role"] == "member" and event.details["new_role"] == "convenor"
    assert "Gail Glasgow is now a convenor." in text_of(client.get(MEMBERS))


def test_same_role_writes_nothing(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    item_id = membership(glasgow_member, "innovation-leads").id
    response = submit(client, _role_url(glasgow_member), {f"m{item_id}-role": "member"}, form_url=MEMBERS)
    assert response.status_code == 303
    assert audit_events() == []


def test_invalid_role_is_refused(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    item_id = membership(glasgow_member, "innovation-leads").id
    response = submit(client, _role_url(glasgow_member), {f"m{item_id}-role": "emperor"}, form_url=MEMBERS)
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and "Choose a role" in body
    assert f'href="#m{item_id}-role"' in body
    assert membership(glasgow_member, "innovation-leads").role == "member"
    assert audit_events() == []


def test_convenor_cannot_change_own_role(client, db, login, convenor) -> None:
    login(convenor)
    item_id = membership(convenor, "innovation-leads").id
    response = submit(client, _role_url(convenor), {f"m{item_id}-role": "member"}, form_url=MEMBERS)
    assert response.status_code == 403
    assert membership(convenor, "innovation-leads").role == "convenor"


def test_convenor_can_demote_another_convenor(client, db, login, convenor, glasgow_member) -> None:
    item = membership(glasgow_member, "innovation-leads")
    item.role = "convenor"
    db.session.commit()
    login(convenor)
    response = submit(client, _role_url(glasgow_member), {f"m{item.id}-role": "observer"}, form_url=MEMBERS)
    assert response.status_code == 303
    assert membership(glasgow_member, "innovation-leads").role == "observer"


def test_secretariat_may_demote_the_last_convenor(client, db, login, secretariat, convenor) -> None:
    # The secretariat runs every network, so a network without a convenor is still managed.
    login(secretariat)
    item_id = membership(convenor, "innovation-leads").id
    response = submit(client, _role_url(convenor), {f"m{item_id}-role": "member"}, form_url=MEMBERS)
    assert response.status_code == 303
    assert membership(convenor, "innovation-leads").role == "member"


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_non_managers_cannot_change_roles(client, db, login, request, glasgow_member, who) -> None:
    login(request.getfixturevalue(who))
    item_id = membership(glasgow_member, "innovation-leads").id
    response = submit(client, _role_url(glasgow_member), {f"m{item_id}-role": "convenor"}, form_url="/networks")
    assert response.status_code == 403
    assert membership(glasgow_member, "innovation-leads").role == "member"


def test_role_change_without_csrf_is_refused(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    item_id = membership(glasgow_member, "innovation-leads").id
    assert client.post(_role_url(glasgow_member), data={f"m{item_id}-role": "convenor"}).status_code == 400
    assert membership(glasgow_member, "innovation-leads").role == "member"


def test_role_change_for_membership_of_another_network_is_404(client, db, login, convenor, member) -> None:
    login(convenor)
    item_id = membership(member, "skills-forum").id
    response = submit(client, f"/networks/innovation-leads/members/{item_id}/role", {f"m{item_id}-role": "convenor"},
                      form_url=MEMBERS)
    assert response.status_code == 404


def test_role_change_for_a_pending_request_is_404(client, db, login, convenor, outsider) -> None:
    item = add_membership(outsider, "innovation-leads", status="requested")
    login(convenor)
    response = submit(client, f"/networks/innovation-leads/members/{item.id}/role",
                      {f"m{item.id}-role": "convenor"}, form_url=MEMBERS)
    assert response.status_code == 404


# Removing members ---------------------------------------------------------------

def test_convenor_removes_member_after_confirming(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    url = _remove_url(glasgow_member)
    page = client.get(url)
    assert page.status_code == 200 and "Remove Gail Glasgow from this network?" in text_of(page)
    response = submit(client, url, {})
    assert response.status_code == 303
    item = membership(glasgow_member, "innovation-leads")
    assert item.status == "removed" and item.decided_by_id == convenor.id
    [event] = audit_events("membership.removed")
    assert event.actor_id == convenor.id and event.object_id == item.id
    assert "Gail Glasgow" not in text_of(client.get("/networks/innovation-leads")).split('id="members"')[1]


def test_removed_member_loses_access_and_may_ask_again(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    submit(client, _remove_url(glasgow_member), {})
    login(glasgow_member)
    body = text_of(client.get("/networks/innovation-leads"))
    assert "You were removed from this network on" in body
    assert "Ask to join" in body


def test_convenor_cannot_remove_themselves(client, db, login, convenor) -> None:
    login(convenor)
    assert client.get(_remove_url(convenor)).status_code == 403
    assert submit(client, _remove_url(convenor), {}, form_url=MEMBERS).status_code == 403
    assert membership(convenor, "innovation-leads").status == "active"


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_non_managers_cannot_remove(client, db, login, request, glasgow_member, who) -> None:
    login(request.getfixturevalue(who))
    assert client.get(_remove_url(glasgow_member)).status_code == 403
    assert submit(client, _remove_url(glasgow_member), {}, form_url="/networks").status_code == 403
    assert membership(glasgow_member, "innovation-leads").status == "active"


def test_anonymous_cannot_remove(client, db, glasgow_member) -> None:
    response = submit(client, _remove_url(glasgow_member), {}, form_url="/login")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert membership(glasgow_member, "innovation-leads").status == "active"


def test_remove_without_csrf_is_refused(client, db, login, convenor, glasgow_member) -> None:
    login(convenor)
    assert client.post(_remove_url(glasgow_member)).status_code == 400
    assert membership(glasgow_member, "innovation-leads").status == "active"


def test_secretariat_removes_a_convenor(client, db, login, secretariat, convenor) -> None:
    login(secretariat)
    assert submit(client, _remove_url(convenor), {}).status_code == 303
    assert membership(convenor, "innovation-leads").status == "removed"


# Adding existing accounts (secretariat) ---------------------------------------------

def test_secretariat_adds_existing_user(client, db, login, secretariat, outsider, outbox) -> None:
    login(secretariat)
    response = submit(client, f"{MEMBERS}/add", {"email": " Outsider@Wrexham.example ", "role": "observer"},
                      form_url=MEMBERS)
    assert response.status_code == 303
    item = membership(outsider, "innovation-leads")
    assert item.status == "active" and item.role == "observer" and item.decided_by_id == secretariat.id
    [event] = audit_events("membership.added")
    assert event.actor_id == secretariat.id and event.details["role"] == "observer"
    [mail] = outbox()
    assert mail["To"] == outsider.email and "added you to the Innovation Leads Network" in mail.get_content()


def test_secretariat_add_turns_a_request_into_membership(client, db, login, secretariat, outsider) -> None:
    add_membership(outsider, "innovation-leads", status="requested")
    login(secretariat)
    assert submit(client, f"{MEMBERS}/add", {"email": outsider.email, "role": "member"},
                  form_url=MEMBERS).status_code == 303
    assert membership(outsider, "innovation-leads").status == "active"


def test_add_unknown_email_explains_and_writes_nothing(client, db, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, f"{MEMBERS}/add", {"email": "nobody@example.gov.uk", "role": "member"},
                      form_url=MEMBERS)
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body
    assert "There is no account with this email address" in body
    assert audit_events() == []


def test_add_existing_member_is_refused(client, db, login, secretariat, convenor) -> None:
    login(secretariat)
    response = submit(client, f"{MEMBERS}/add", {"email": convenor.email, "role": "member"}, form_url=MEMBERS)
    assert response.status_code == 400
    assert "Connor Convenor is already a member of this network" in text_of(response)
    assert membership(convenor, "innovation-leads").role == "convenor"


def test_add_bad_email_is_refused(client, db, login, secretariat) -> None:
    login(secretariat)
    response = submit(client, f"{MEMBERS}/add", {"email": "not an email", "role": "member"}, form_url=MEMBERS)
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in text_of(response)
    assert audit_events() == []


def test_convenor_cannot_add_people(client, db, login, convenor, outsider) -> None:
    login(convenor)
    response = submit(client, f"{MEMBERS}/add", {"email": outsider.email, "role": "member"}, form_url=MEMBERS)
    assert response.status_code == 403
    assert find_membership(outsider, "innovation-leads") is None
