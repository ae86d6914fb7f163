"""The secretariat's invitation pages: list, create, revoke and resend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import submit, text_of
from tests.networks.invite_support import invite_form, link_in, send_invitation
from tests.networks.support import audit_events, invitations
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import hash_token
from zone_networks.networks.models import Invitation

ADMIN_PAGES = ["/admin", "/admin/requests", "/admin/audit", "/admin/invitations", "/admin/invitations/new"]


# Who may use the secretariat pages ---------------------------------------------------

@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_is_sent_to_sign_in(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("who", ["member", "convenor", "official", "outsider"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_non_staff_get_404(client, db, login, request, who, url) -> None:
    login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["secretariat", "admin"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_see_every_page(client, db, login, request, who, url) -> None:
    login(request.getfixturevalue(who))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["member", "convenor", "official", "outsider"])
def test_non_staff_cannot_invite(client, db, login, request, who, outbox) -> None:
    login(request.getfixturevalue(who))
    response = submit(client, "/admin/invitations/new", invite_form("new@humber.example", {"net-zero": "member"}),
                      form_url="/networks")
    assert response.status_code == 404
    assert invitations() == [] and outbox() == []


# Creating --------------------------------------------------------------------------

def test_secretariat_invites_to_two_networks(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    response = send_invitation(client, " New.Person@Humber.example ",
                               {"skills-forum": "member", "net-zero": "convenor"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/invitations")
    [invitation] = invitations()
    assert invitation.email == "new.person@humber.example"
    assert invitation.invited_by_id == secretariat.id
    assert invitation.sent_count == 1 and invitation.status == "pending"
    offered = sorted((item.network.slug, item.role) for item in invitation.networks)
    assert offered == [("net-zero", "convenor"), ("skills-forum", "member")]
    days = (invitation.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None))
    assert timedelta(days=13, hours=23) < days <= timedelta(days=14)
    [mail] = outbox()
    assert mail["To"] == "new.person@humber.example"
    assert "Sam Secretariat has invited you" in mail.get_content()
    assert "Net Zero Network (convenor)" in mail.get_content()
    path = link_in(mail)
    raw = path.rsplit("/", 1)[1]
    assert invitation.token_hash == hash_token(raw)
    [event] = audit_events("invitation.created")
    assert event.actor_id == secretariat.id and event.object_id == invitation.id
    assert event.details["email"] == "new.person@humber.example"
    listing = text_of(client.get("/admin/invitations"))
    assert "new.person@humber.example" in listing and "Pending" in listing
    assert "Invitation sent to new.person@humber.example" in listing


def test_raw_token_is_never_stored(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    send_invitation(client, "new@humber.example", {"skills-forum": "member"})
    raw = link_in(outbox()[0]).rsplit("/", 1)[1]
    from sqlalchemy import text

    dump = " ".join(str(row) for row in db.session.execute(text("SELECT * FROM invitations")))
    dump += " ".join(str(row) for row in db.session.execute(text("SELECT * FROM audit_events")))
    assert raw not in dump
    assert hash_token(raw) in dump



@pytest.fixture()
def short_invitations(app_config):
    app_config["INVITATION_DAYS"] = 2
    return app_config


def test_expiry_follows_config(short_invitations, client, db, login, secretariat) -> None:
    login(secretariat)
    send_invitation(client, "new@humber.example", {"skills-forum": "member"})
    [invitation] = invitations()
    left = invitation.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert timedelta(days=1, hours=23) < left <= timedelta(days=2)


def test_no_network_chosen_is_refused(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    response = send_invitation(client, "new@humber.example", {})
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and "Choose a role in at least one network" in body
    assert invitations() == [] and outbox() == [] and audit_events() == []


def test_bad_email_is_refused(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    response = send_invitation(client, "not-an-email", {"skills-forum": "member"})
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in text_of(response)
    assert invitations() == [] and outbox() == []


def test_unknown_role_is_refused(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    response = send_invitation(client, "new@humber.example", {"skills-forum": "overlord"})
    assert response.status_code == 400
    assert invitations() == [] and outbox() == []


def test_second_pending_invitation_for_same_email_is_refused(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    send_invitation(client, "new@humber.example", {"skills-forum": "member"})
    response = send_invitation(client, "NEW@humber.example", {"net-zero": "member"})
    assert response.status_code == 400
    assert "There is already a pending invitation for this email address" in text_of(response)
    assert len(invitations()) == 1 and len(outbox()) == 1


def test_invite_without_csrf_is_refused(client, db, login, secretariat, outbox) -> None:
    login(secretariat)
    response = client.post("/admin/invitations/new", data=invite_form("new@humber.example", {"net-zero": "member"}))
    assert response.status_code == 400
    assert invitations() == [] and outbox() == []


def test_failed_email_is_reported(client, db, login, secretariat, monkeypatch) -> None:
    from zone_networks.networks import emails

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(emails, "send_email", broken)
    login(secretariat)
    response = send_invitation(client, "new@humber.example", {"skills-forum": "member"})
    assert response.status_code == 303
    body = text_of(client.get("/admin/invitations"))
    assert "the email could not be sent" in body
    assert len(invitations()) == 1


# Revoking and resending ----------------------------------------------------------------

@pytest.fixture()
def pending(client, db, login, secretariat, outbox) -> Invitation:
    login(secretariat)
    send_invitation(client, "new@humber.example", {"skills-forum": "member"})
    return invitations()[0]


def test_revoke(client, db, secretariat, pending, outbox) -> None:
    old_link = link_in(outbox()[0])
    response = submit(client, f"/admin/invitations/{pending.id}/revoke", {}, form_url="/admin/invitations")
    assert response.status_code == 303
    [invitation] = invitations()
    assert invitation.status == "revoked"
    [event] = audit_events("invitation.revoked")
    assert event.actor_id == secretariat.id
    anonymous = client.application.test_client()
    response = anonymous.get(old_link)
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in text_of(response)
    assert "new@humber.example" not in text_of(response)


def test_revoke_twice_changes_nothing(client, db, pending) -> None:
    submit(client, f"/admin/invitations/{pending.id}/revoke", {}, form_url="/admin/invitations")
    response = submit(client, f"/admin/invitations/{pending.id}/revoke", {}, form_url="/admin/invitations",
                      follow_redirects=True)
    assert "already been accepted or revoked" in text_of(response)
    assert len(audit_events("invitation.revoked")) == 1


def test_resend_invalidates_old_link(client, db, secretariat, pending, outbox) -> None:
    old_link = link_in(outbox()[0])
    old_hash = pending.token_hash
    before = pending.expires_at
    response = submit(client, f"/admin/invitations/{pending.id}/resend", {}, form_url="/admin/invitations")
    assert response.status_code == 303
    [invitation] = invitations()
    assert invitation.sent_count == 2
    assert invitation.token_hash != old_hash
    assert invitation.expires_at >= before
    # Two emails: the outbox's order within one second is not guaranteed, so find the new link by value.
    links = {link_in(mail) for mail in outbox()}
    assert old_link in links and len(links) == 2
    [new_link] = links - {old_link}
    [event] = audit_events("invitation.resent")
    assert event.actor_id == secretariat.id and event.details["sent_count"] == 2
    anonymous = client.application.test_client()
    assert anonymous.get(old_link).status_code == 404
    assert anonymous.get(new_link).status_code == 200
    assert "sent 2 times" in text_of(client.get("/admin/invitations"))


def test_resend_revives_expired_invitation(client, db, pending, outbox) -> None:
    pending.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert invitations()[0].status == "expired"
    assert "Expired" in text_of(client.get("/admin/invitations"))
    submit(client, f"/admin/invitations/{pending.id}/resend", {}, form_url="/admin/invitations")
    invitation = invitations()[0]
    assert invitation.status == "pending"
    assert invitation.expires_at.replace(tzinfo=None) > (utcnow() + timedelta(days=13)).replace(tzinfo=None)


def test_revoked_invitation_cannot_be_resent(client, db, pending, outbox) -> None:
    submit(client, f"/admin/invitations/{pending.id}/revoke", {}, form_url="/admin/invitations")
    response = submit(client, f"/admin/invitations/{pending.id}/resend", {}, form_url="/admin/invitations",
                      follow_redirects=True)
    assert "cannot be resent" in text_of(response)
    assert len(outbox()) == 1 and invitations()[0].sent_count == 1


def test_unknown_invitation_is_404(client, db, pending) -> None:
    assert submit(client, "/admin/invitations/9999/revoke", {}, form_url="/admin/invitations").status_code == 404
    assert submit(client, "/admin/invitations/9999/resend", {}, form_url="/admin/invitations").status_code == 404


@pytest.mark.parametrize("who", ["member", "convenor", "official", "outsider"])
def test_non_staff_cannot_revoke_or_resend(client, db, login, request, pending, outbox, who) -> None:
    login(request.getfixturevalue(who))
    for action in ("revoke", "resend"):
        response = submit(client, f"/admin/invitations/{pending.id}/{action}", {}, form_url="/networks")
        assert response.status_code == 404
    assert invitations()[0].status == "pending" and invitations()[0].sent_count == 1
    assert len(outbox()) == 1


def test_revoke_without_csrf_is_refused(client, db, pending) -> None:
    assert client.post(f"/admin/invitations/{pending.id}/revoke").status_code == 400
    assert invitations()[0].status == "pending"


def test_form_has_a_named_question_per_network(client, db, login, secretariat) -> None:
    login(secretariat)
    body = text_of(client.get("/admin/invitations/new"))
    for name in ("Industrial Strategy Zones Skills Forum", "Innovation Leads Network", "Net Zero Network"):
        assert f"Role in the {name}" in body
    assert body.count("<legend") == 3


def test_empty_form_reports_every_problem(client, db, login, secretariat) -> None:
    login(secretariat)
    response = send_invitation(client, "", {})
    assert response.status_code == 400
    body = text_of(response)
    assert "Enter an email address" in body and "Choose a role in at least one network" in body
    assert invitations() == []


def test_expired_invitation_is_not_revived_over_a_newer_one(client, db, pending, outbox) -> None:
    pending.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    send_invitation(client, "new@humber.example", {"net-zero": "member"})  # allowed: the first has expired
    assert len(invitations()) == 2
    response = submit(client, f"/admin/invitations/{pending.id}/resend", {}, form_url="/admin/invitations",
                      follow_redirects=True)
    assert "There is already a pending invitation for this email address" in text_of(response)
    assert invitations()[0].status == "expired"


def test_admin_home_counts_pending_invitations(client, db, pending) -> None:
    assert "1 invitation is waiting to be accepted." in text_of(client.get("/admin"))
