"""Secretariat tools for one person: zone roles, network roles and moving them to another organisation."""

from __future__ import annotations

import pytest

from tests.directory.manage_support import fresh, manage_url, zone_roles
from tests.helpers import submit, text_of
from tests.networks.support import add_membership, audit_events, membership
from zone_networks.directory.models import PersonZoneRole
from zone_networks.extensions import db

NOT_STAFF = ["member", "convenor", "official", "outsider"]


def _role_url(user, slug: str) -> str:
    return manage_url(user, f"memberships/{membership(user, slug).id}/role")


# Zone roles -------------------------------------------------------------------------------

def test_page_shows_current_zone_roles_ticked(client, login, secretariat, member) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="skills_lead"))
    db.session.commit()
    login(secretariat)
    body = text_of(client.get(manage_url(member)))
    checkbox = body.split('value="skills_lead"', 1)[1].split(">", 1)[0]
    assert "checked" in checkbox
    assert "checked" not in body.split('value="net_zero_lead"', 1)[1].split(">", 1)[0]


def test_staff_change_zone_roles(client, login, secretariat, member) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="skills_lead"))
    db.session.commit()
    login(secretariat)
    response = submit(client, manage_url(member, "zone-roles"),
                      {"roles-zone_roles": ["net_zero_lead", "innovation_lead"]}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "zone roles have been updated" in text_of(response)
    assert zone_roles(member) == ["innovation_lead", "net_zero_lead"]
    [event] = audit_events("person.zone_roles_changed")
    assert event.actor_id == secretariat.id and event.object_id == member.id
    assert event.details["before"] == ["skills_lead"]
    assert event.details["after"] == ["innovation_lead", "net_zero_lead"]
    assert "Innovation lead, Net zero lead" in text_of(client.get("/admin/audit"))


def test_staff_can_clear_every_zone_role(client, login, secretariat, member) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="skills_lead"))
    db.session.commit()
    login(secretariat)
    assert submit(client, manage_url(member, "zone-roles"), {}, form_url=manage_url(member)).status_code == 303
    assert zone_roles(member) == []
    [event] = audit_events("person.zone_roles_changed")
    assert event.details["after"] == []


def test_unchanged_zone_roles_record_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "zone-roles"), {}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "have not changed" in text_of(response)
    assert audit_events() == []


def test_unknown_zone_role_is_an_error_and_writes_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "zone-roles"), {"roles-zone_roles": ["skills_lead", "boss"]},
                      form_url=manage_url(member))
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and "Choose zone roles from the list" in body
    assert "<title>Error:" in body
    assert zone_roles(member) == []
    assert audit_events() == []


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_cannot_change_zone_roles(client, login, request, outsider, member, who) -> None:
    viewer = request.getfixturevalue(who)
    login(viewer)
    for target in (member, viewer):
        response = submit(client, manage_url(target, "zone-roles"), {"roles-zone_roles": ["other"]},
                          form_url="/account")
        assert response.status_code == 404
        assert zone_roles(target) == []
    assert audit_events() == []


# Moving to another organisation ------------------------------------------------------------

def test_staff_move_a_person_and_search_text_follows(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "organisation"),
                      {"move-organisation": "wrexham-and-flintshire-investment-zone"}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "has been moved to Wrexham and Flintshire Investment Zone" in text_of(response)
    moved = fresh(member)
    assert moved.organisation.slug == "wrexham-and-flintshire-investment-zone"
    assert "wrexham" in moved.search_text and "humber" not in moved.search_text
    assert "wrecsam" in moved.search_text  # the zone's Welsh name comes along
    [event] = audit_events("person.moved")
    assert event.details["before"] == "humber-freeport"
    assert event.details["after"] == "wrexham-and-flintshire-investment-zone"
    assert event.details["before_name"] == "Humber Freeport"
    assert "Humber Freeport → Wrexham and Flintshire Investment Zone" in text_of(client.get("/admin/audit"))


def test_moved_person_is_found_by_the_new_zone_in_the_directory(client, login, secretariat, member) -> None:
    login(secretariat)
    submit(client, manage_url(member, "organisation"), {"move-organisation": "welsh-government"},
           form_url=manage_url(member))
    assert "Mina Member" in text_of(client.get("/directory?q=welsh"))
    assert "Mina Member" not in text_of(client.get("/directory?zone=humber-freeport"))


def test_moving_keeps_networks_and_zone_roles(client, login, secretariat, member) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="skills_lead"))
    db.session.commit()
    login(secretariat)
    submit(client, manage_url(member, "organisation"), {"move-organisation": "welsh-government"},
           form_url=manage_url(member))
    assert zone_roles(member) == ["skills_lead"]
    assert membership(member, "skills-forum").is_active


def test_moving_to_the_same_organisation_records_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "organisation"), {"move-organisation": "humber-freeport"},
                      form_url=manage_url(member), follow_redirects=True)
    assert "already works for Humber Freeport" in text_of(response)
    assert audit_events() == []


@pytest.mark.parametrize(("value", "message"), [
    ("", "Choose an organisation"),
    ("no-such-place", "Choose an organisation from the list"),
])
def test_bad_organisation_is_an_error_and_writes_nothing(client, login, secretariat, member, value, message) -> None:
    login(secretariat)
    response = submit(client, manage_url(member, "organisation"), {"move-organisation": value},
                      form_url=manage_url(member))
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and message in body
    assert fresh(member).organisation.slug == "humber-freeport"
    assert audit_events() == []


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_cannot_move_anyone(client, login, request, member, who) -> None:
    viewer = request.getfixturevalue(who)
    login(viewer)
    for target in (member, viewer):
        before = fresh(target).organisation.slug
        response = submit(client, manage_url(target, "organisation"), {"move-organisation": "welsh-government"},
                          form_url="/account")
        assert response.status_code == 404
        assert fresh(target).organisation.slug == before
    assert audit_events() == []


# Network roles ------------------------------------------------------------------------------

def test_staff_change_a_network_role_through_the_networks_service(client, login, secretariat, member) -> None:
    login(secretariat)
    response = submit(client, _role_url(member, "skills-forum"), {f"m{membership(member, 'skills-forum').id}-role":
                                                                  "convenor"},
                      form_url=manage_url(member), follow_redirects=True)
    assert "is now a convenor of the Industrial Strategy Zones Skills Forum" in text_of(response)
    assert membership(member, "skills-forum").role == "convenor"
    assert membership(member, "net-zero").role == "member"
    [event] = audit_events("membership.role_changed")
    assert event.actor_id == secretariat.id
    assert event.details["old_role"] == "member" and event.details["new_role"] == "convenor"


def test_unchanged_network_role_records_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    field = f"m{membership(member, 'net-zero').id}-role"
    response = submit(client, _role_url(member, "net-zero"), {field: "member"}, form_url=manage_url(member),
                      follow_redirects=True)
    assert "has not changed" in text_of(response)
    assert audit_events() == []


def test_bad_network_role_is_an_error_and_writes_nothing(client, login, secretariat, member) -> None:
    login(secretariat)
    field = f"m{membership(member, 'net-zero').id}-role"
    response = submit(client, _role_url(member, "net-zero"), {field: "king"}, form_url=manage_url(member))
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and "Choose a role" in body
    assert membership(member, "net-zero").role == "member"
    assert audit_events() == []


def test_membership_of_someone_else_is_404(client, login, secretariat, member, convenor) -> None:
    login(secretariat)
    other = membership(convenor, "innovation-leads")
    response = submit(client, manage_url(member, f"memberships/{other.id}/role"), {f"m{other.id}-role": "member"},
                      form_url=manage_url(member))
    assert response.status_code == 404
    assert membership(convenor, "innovation-leads").role == "convenor"


def test_inactive_membership_is_404(client, login, secretariat, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    login(secretariat)
    item = membership(outsider, "skills-forum")
    response = submit(client, manage_url(outsider, f"memberships/{item.id}/role"), {f"m{item.id}-role": "member"},
                      form_url=manage_url(outsider))
    assert response.status_code == 404


def test_staff_cannot_change_their_own_network_role(client, login, secretariat) -> None:
    add_membership(secretariat, "net-zero", role="convenor")
    login(secretariat)
    assert _role_url(secretariat, "net-zero") not in text_of(client.get(manage_url(secretariat)))
    item = membership(secretariat, "net-zero")
    response = submit(client, _role_url(secretariat, "net-zero"), {f"m{item.id}-role": "member"},
                      form_url=manage_url(secretariat))
    assert response.status_code == 403
    assert membership(secretariat, "net-zero").role == "convenor"


@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_cannot_change_network_roles(client, login, request, member, convenor,
                                                              who) -> None:
    login(request.getfixturevalue(who))
    item = membership(member, "skills-forum")
    response = submit(client, _role_url(member, "skills-forum"), {f"m{item.id}-role": "convenor"},
                      form_url="/account")
    assert response.status_code == 404
    assert membership(member, "skills-forum").role == "member"
    assert audit_events() == []
