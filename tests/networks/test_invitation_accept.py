"""Following an invitation link as a new person, and links that no longer work."""

from __future__ import annotations

import threading
from datetime import timedelta

from tests.helpers import submit, text_of
from tests.networks.invite_support import NEW_EMAIL
from tests.networks.invite_support import details as _details
from tests.networks.invite_support import find_user as _find_user
from tests.networks.support import audit_events, count, invitations, membership, person
from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow


def _user(email: str) -> User:
    user = _find_user(email)
    assert user is not None
    return user


# A new person ------------------------------------------------------------------------------

def test_new_person_sees_the_form(client, db, invite_link) -> None:
    response = client.get(invite_link)
    assert response.status_code == 200
    body = text_of(response)
    assert "Set up your account" in body
    assert "the Net Zero Network as a convenor" in body
    assert NEW_EMAIL in body
    assert '<optgroup label="Zones">' in body and '<optgroup label="Government">' in body
    assert "Welsh Government" in body and "Humber Freeport" in body
    assert "Industrial Strategy Zones Secretariat" not in body


def test_new_person_accepts_and_lands_on_network(client, db, invite_link, secretariat) -> None:
    response = submit(client, invite_link, _details())
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/networks/skills-forum")
    user = _user(NEW_EMAIL)
    assert user.name == "Nia Newcomer" and user.organisation.slug == "humber-freeport"
    assert user.job_title == "Net zero lead" and user.check_password("mackerel lantern quietly 7")
    for slug, role in (("net-zero", "convenor"), ("skills-forum", "member")):
        item = membership(user, slug)
        assert item.status == "active" and item.role == role and item.decided_by_id == secretariat.id
    [invitation] = invitations()
    assert invitation.status == "accepted" and invitation.accepted_user_id == user.id
    [event] = audit_events("invitation.accepted")
    assert event.actor_id == user.id and event.details["new_account"] is True
    page = client.get(response.headers["Location"])
    body = text_of(page)
    assert "Welcome to Zone Networks" in body
    assert "You are a member of this network. Your role: Member." in body
    home = text_of(client.get("/"))
    assert "Your networks" in home and "Your role: Convenor" in home


def test_link_works_only_once(client, db, invite_link) -> None:
    assert submit(client, invite_link, _details()).status_code == 303
    other = client.application.test_client()
    response = other.get(invite_link)
    assert response.status_code == 410
    body = text_of(response)
    assert "This invitation has already been used" in body
    assert NEW_EMAIL not in body
    assert count(User) == 2  # the secretariat and the newcomer


def test_second_submission_with_same_link_creates_nothing(client, db, invite_link) -> None:
    from tests.helpers import csrf_token

    other = client.application.test_client()
    token = csrf_token(other, invite_link)
    assert submit(client, invite_link, _details()).status_code == 303
    data = _details(name="Second Attempt")
    data["csrf_token"] = token
    response = other.post(invite_link, data=data)
    assert response.status_code == 410
    assert _user(NEW_EMAIL).name == "Nia Newcomer"
    assert len(audit_events("invitation.accepted")) == 1


def test_concurrent_accepts_only_one_wins(app, db, invite_link) -> None:
    """Two accepts racing on separate sessions: exactly one claims the invitation."""
    from zone_networks.extensions import db as _db
    from zone_networks.networks.invitations import accept_as_existing_user
    from zone_networks.networks.queries import invitation_by_token

    raw = invite_link.rsplit("/", 1)[1]
    existing_id = person(NEW_EMAIL, "humber-freeport").id  # read here: ORM objects stay in their own thread
    _db.session.remove()
    results: list[object] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2, timeout=20)

    def accept() -> None:
        try:
            with app.app_context():
                invitation = invitation_by_token(raw)
                user = _db.session.get(User, existing_id)
                assert invitation is not None and user is not None
                barrier.wait()
                results.append(accept_as_existing_user(invitation, user))
                _db.session.remove()
        except BaseException as error:  # report it in the test, never leave the other thread waiting
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert sorted(result is None for result in results) == [False, True]
    assert len(audit_events("invitation.accepted")) == 1


def test_missing_fields_show_errors_and_write_nothing(client, db, invite_link) -> None:
    response = submit(client, invite_link, _details(name="", organisation="", job_title="", confirm="different"))
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body
    for message in ("Enter your full name", "Choose the zone or government body you work for",
                    "Enter your job title", "Passwords must match"):
        assert message in body
    assert 'href="#organisation"' in body
    assert _find_user(NEW_EMAIL) is None
    assert invitations()[0].status == "pending"


def test_weak_password_is_refused(client, db, invite_link) -> None:
    response = submit(client, invite_link, _details(password="password1234", confirm="password1234"))
    assert response.status_code == 400
    assert "Choose a password that is harder to guess" in text_of(response)
    assert _find_user(NEW_EMAIL) is None


def test_password_with_own_email_is_refused(client, db, invite_link) -> None:
    response = submit(client, invite_link, _details(password="new.person rocks 99", confirm="new.person rocks 99"))
    assert response.status_code == 400
    assert "does not include your name or email address" in text_of(response)


def test_secretariat_organisation_cannot_be_chosen(client, db, invite_link) -> None:
    response = submit(client, invite_link, _details(organisation="industrial-strategy-zones-secretariat"))
    assert response.status_code == 400
    assert _find_user(NEW_EMAIL) is None


def test_accept_without_csrf_is_refused(client, db, invite_link) -> None:
    response = client.post(invite_link, data=_details())
    assert response.status_code == 400
    assert _find_user(NEW_EMAIL) is None


def test_session_is_fresh_after_accepting(client, db, invite_link) -> None:
    with client.session_transaction() as session:
        session["planted"] = "attacker value"
    submit(client, invite_link, _details())
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(str(_user(NEW_EMAIL).id) + ":")


# Links that do not work ---------------------------------------------------------------------

def test_unknown_token_is_404(client, db) -> None:
    response = client.get("/invitations/not-a-real-token")
    assert response.status_code == 404
    assert "This invitation link is not valid" in text_of(response)


def test_unknown_token_post_is_404(client, db, invite_link) -> None:
    response = submit(client, "/invitations/not-a-real-token", _details(), form_url=invite_link)
    assert response.status_code == 404
    assert _find_user(NEW_EMAIL) is None


def test_expired_link_is_410(client, db, invite_link) -> None:
    invitation = invitations()[0]
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.get(invite_link)
    assert response.status_code == 410
    body = text_of(response)
    assert "This invitation has expired" in body and NEW_EMAIL not in body


def test_expired_link_cannot_be_posted(client, db, invite_link) -> None:
    from tests.helpers import csrf_token

    token = csrf_token(client, invite_link)
    invitation = invitations()[0]
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.post(invite_link, data={**_details(), "csrf_token": token})
    assert response.status_code == 410
    assert _find_user(NEW_EMAIL) is None


def test_claim_refuses_expired_invitation_even_if_loaded_earlier(app, db, invite_link) -> None:
    from zone_networks.networks.invitations import accept_as_new_user
    from zone_networks.networks.queries import invitation_by_token
    from zone_networks.zones.models import Organisation

    invitation = invitation_by_token(invite_link.rsplit("/", 1)[1])
    assert invitation is not None
    org = db.session.scalars(db.select(Organisation).filter_by(slug="humber-freeport")).one()
    from sqlalchemy import update

    from zone_networks.networks.models import Invitation

    db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    result = accept_as_new_user(invitation, name="Late", organisation=org, job_title="x",
                                password="mackerel lantern quietly 7")
    assert result is None
    assert _find_user(NEW_EMAIL) is None


def test_invitation_pages_are_not_cached_or_leaked(client, db, invite_link) -> None:
    for url in (invite_link, "/invitations/unknown-token"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_language_choice_survives_accepting(client, db, invite_link) -> None:
    with client.session_transaction() as session:
        session["lang"] = "en"
    submit(client, invite_link, _details())
    with client.session_transaction() as session:
        assert session.get("lang") == "en"
