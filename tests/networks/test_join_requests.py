"""Asking to join a network, and convenors or the secretariat approving or declining."""

from __future__ import annotations

import pytest

from tests.helpers import submit, text_of
from tests.networks.support import add_membership, audit_events, count, find_membership, membership, person
from zone_networks.networks.models import Membership


@pytest.fixture()
def humber(db):
    """A Humber Freeport (Clean Energy Industries) person with no memberships."""
    return person("net.zero@humber.example", "humber-freeport", name="Hamid Humber")


# Eligibility ---------------------------------------------------------------

def test_wrexham_person_cannot_request_net_zero(client, db, login, outsider) -> None:
    login(outsider)
    response = submit(client, "/networks/net-zero/join", {"note": "Please"}, form_url="/networks/skills-forum")
    assert response.status_code == 403
    assert find_membership(outsider, "net-zero") is None
    assert audit_events() == []


def test_humber_person_can_request_net_zero(client, db, login, humber, outbox) -> None:
    login(humber)
    response = submit(client, "/networks/net-zero/join", {"note": "Hydrogen lead at Humber"},
                      form_url="/networks/net-zero")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/networks/net-zero")
    item = membership(humber, "net-zero")
    assert item is not None and item.status == "requested" and item.role == "member"
    assert item.request_note == "Hydrogen lead at Humber"
    [event] = audit_events("membership.requested")
    assert event.actor_id == humber.id and event.object_id == item.id
    body = text_of(client.get("/networks/net-zero"))
    assert "You have asked to join the Net Zero Network" in body
    assert "You asked to join on" in body
    assert outbox() == []


def test_official_can_request_skills_forum_but_not_innovation_leads(client, db, login) -> None:
    scot = person("official@gov.scot.example", "scottish-government")
    login(scot)
    assert submit(client, "/networks/innovation-leads/join", {}, form_url="/networks/skills-forum").status_code == 403
    assert find_membership(scot, "innovation-leads") is None
    assert submit(client, "/networks/skills-forum/join", {}).status_code == 303
    assert membership(scot, "skills-forum").status == "requested"


def test_secretariat_cannot_request_to_join(client, db, login, secretariat) -> None:
    login(secretariat)
    assert submit(client, "/networks/skills-forum/join", {}, form_url="/networks/skills-forum").status_code == 403
    assert count(Membership) == 0


def test_active_member_cannot_request_again(client, db, login, member) -> None:
    login(member)
    response = submit(client, "/networks/net-zero/join", {}, form_url="/networks/skills-forum")
    assert response.status_code == 403
    assert membership(member, "net-zero").status == "active"


def test_pending_request_cannot_be_repeated(client, db, login, humber) -> None:
    login(humber)
    assert submit(client, "/networks/net-zero/join", {}).status_code == 303
    assert submit(client, "/networks/net-zero/join", {}, form_url="/networks/skills-forum").status_code == 403
    assert len(audit_events("membership.requested")) == 1


def test_declined_person_may_ask_again(client, db, login, humber) -> None:
    add_membership(humber, "net-zero", status="declined")
    login(humber)
    assert submit(client, "/networks/net-zero/join", {"note": "Second try"}).status_code == 303
    item = membership(humber, "net-zero")
    assert item.status == "requested" and item.request_note == "Second try" and item.decided_at is None


def test_anonymous_request_redirects_to_sign_in(client, db) -> None:
    response = submit(client, "/networks/net-zero/join", {}, form_url="/login")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]
    assert count(Membership) == 0


def test_request_without_csrf_token_is_refused(client, db, login, humber) -> None:
    login(humber)
    response = client.post("/networks/net-zero/join", data={"note": "no token"})
    assert response.status_code == 400
    assert find_membership(humber, "net-zero") is None


def test_note_over_500_characters_is_refused(client, db, login, humber) -> None:
    login(humber)
    response = submit(client, "/networks/net-zero/join", {"note": "x" * 501})
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body
    assert "Your note must be 500 characters or fewer" in body
    assert 'href="#note"' in body
    assert "<title>Error:" in body
    assert find_membership(humber, "net-zero") is None
    assert audit_events() == []


def test_note_of_500_characters_is_accepted(client, db, login, humber) -> None:
    login(humber)
    assert submit(client, "/networks/net-zero/join", {"note": "x" * 500}).status_code == 303


def test_unknown_network_join_is_404(client, db, login, humber) -> None:
    login(humber)
    assert submit(client, "/networks/nope/join", {}, form_url="/networks/net-zero").status_code == 404


# Decisions -------------------------------------------------------------------

@pytest.fixture()
def request_from_outsider(db, outsider):
    """Owain (Wrexham) asks to join the Innovation Leads Network."""
    return add_membership(outsider, "innovation-leads", status="requested", note="Innovation lead, Wrexham")


def _approve_url(item: Membership) -> str:
    return f"/networks/innovation-leads/requests/{item.id}/approve"


def _decline_url(item: Membership) -> str:
    return f"/networks/innovation-leads/requests/{item.id}/decline"


def test_convenor_approves_request(client, db, login, convenor, outsider, request_from_outsider, outbox) -> None:
    login(convenor)
    response = submit(client, _approve_url(request_from_outsider), {}, form_url="/networks/innovation-leads")
    assert response.status_code == 303
    item = membership(outsider, "innovation-leads")
    assert item.status == "active" and item.decided_by_id == convenor.id and item.decided_at is not None
    [event] = audit_events("membership.approved")
    assert event.actor_id == convenor.id and event.object_id == item.id
    assert event.details["network"] == "innovation-leads"
    assert event.details["user_email"] == outsider.email
    [mail] = outbox()
    assert mail["To"] == outsider.email
    assert "approved" in mail["Subject"]
    assert "http://127.0.0.1:5000/networks/innovation-leads" in mail.get_content()
    body = text_of(client.get("/networks/innovation-leads"))
    assert "You approved Owain Outsider&#39;s request" in body or "You approved Owain Outsider's request" in body


def test_convenor_declines_request(client, db, login, convenor, outsider, request_from_outsider, outbox) -> None:
    login(convenor)
    response = submit(client, _decline_url(request_from_outsider), {}, form_url="/networks/innovation-leads")
    assert response.status_code == 303
    item = membership(outsider, "innovation-leads")
    assert item.status == "declined" and item.decided_by_id == convenor.id
    assert [e.actor_id for e in audit_events("membership.declined")] == [convenor.id]
    [mail] = outbox()
    assert mail["To"] == outsider.email
    assert "has not been approved" in mail.get_content()


def test_secretariat_approves_any_request(client, db, login, secretariat, outsider, request_from_outsider,
                                          outbox) -> None:
    login(secretariat)
    response = submit(client, _approve_url(request_from_outsider), {"next": "/admin/requests"},
                      form_url="/admin/requests")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/admin/requests")
    assert membership(outsider, "innovation-leads").status == "active"
    assert len(outbox()) == 1


def test_admin_declines_request(client, db, login, admin, outsider, request_from_outsider) -> None:
    login(admin)
    assert submit(client, _decline_url(request_from_outsider), {}, form_url="/admin/requests").status_code == 303
    assert membership(outsider, "innovation-leads").status == "declined"


def test_decision_next_must_be_on_this_site(client, db, login, secretariat, request_from_outsider) -> None:
    login(secretariat)
    response = submit(client, _approve_url(request_from_outsider), {"next": "https://evil.example/"},
                      form_url="/admin/requests")
    assert response.headers["Location"].endswith("/networks/innovation-leads")


@pytest.mark.parametrize("who", ["member", "official", "outsider"])
def test_non_managers_cannot_decide(client, db, login, request_from_outsider, outbox, who, request) -> None:
    user = request.getfixturevalue(who)
    login(user)
    for url in (_approve_url(request_from_outsider), _decline_url(request_from_outsider)):
        assert submit(client, url, {}, form_url="/networks/skills-forum").status_code == 403
    assert request_from_outsider.status == "requested"
    db.session.expire_all()
    assert db.session.get(Membership, request_from_outsider.id).status == "requested"
    assert audit_events("membership.approved") == [] and outbox() == []


def test_convenor_of_another_network_cannot_decide(client, db, login, convenor, outsider, outbox) -> None:
    item = add_membership(outsider, "skills-forum", status="requested")
    login(convenor)
    response = submit(client, f"/networks/skills-forum/requests/{item.id}/approve", {},
                      form_url="/networks/innovation-leads")
    assert response.status_code == 403
    assert membership(outsider, "skills-forum").status == "requested"


def test_anonymous_cannot_decide(client, db, request_from_outsider) -> None:
    response = submit(client, _approve_url(request_from_outsider), {}, form_url="/login")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.get(Membership, request_from_outsider.id).status == "requested"


def test_decision_without_csrf_is_refused(client, db, login, convenor, request_from_outsider) -> None:
    login(convenor)
    assert client.post(_approve_url(request_from_outsider)).status_code == 400
    db.session.expire_all()
    assert db.session.get(Membership, request_from_outsider.id).status == "requested"
    assert audit_events() == []


def test_request_in_another_network_is_404(client, db, login, convenor, outsider) -> None:
    item = add_membership(outsider, "skills-forum", status="requested")
    login(convenor)
    # The convenor manages innovation-leads, but the request belongs to skills-forum.
    response = submit(client, f"/networks/innovation-leads/requests/{item.id}/approve", {},
                      form_url="/networks/innovation-leads")
    assert response.status_code == 404
    assert membership(outsider, "skills-forum").status == "requested"


def test_deciding_twice_changes_nothing_more(client, db, login, convenor, secretariat, outsider,
                                             request_from_outsider, outbox) -> None:
    login(convenor)
    submit(client, _approve_url(request_from_outsider), {}, form_url="/networks/innovation-leads")
    response = submit(client, _decline_url(request_from_outsider), {}, form_url="/networks/innovation-leads",
                      follow_redirects=True)
    assert "This request has already been decided." in text_of(response)
    assert membership(outsider, "innovation-leads").status == "active"
    assert len(audit_events("membership.declined")) == 0
    assert len(outbox()) == 1


def test_decide_request_is_race_safe(app, db, convenor, secretariat, outsider, request_from_outsider) -> None:
    from zone_networks.networks.services import decide_request

    stale = db.session.get(Membership, request_from_outsider.id)
    assert decide_request(convenor, stale, approve=True) is True
    # A second decision (as from another convenor's page loaded before the first) must not apply:
    # the service only updates a row that is still "requested".
    assert decide_request(secretariat, stale, approve=False) is False
    db.session.expire_all()
    assert db.session.get(Membership, request_from_outsider.id).status == "active"
    assert len(audit_events("membership.declined")) == 0
