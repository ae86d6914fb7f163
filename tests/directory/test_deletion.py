"""Deleting an account: the person asks (with their password), the secretariat confirms or declines."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select, update

from tests.factories import TEST_PASSWORD, make_user
from tests.helpers import submit, text_of
from zone_networks.accounts.models import FORMER_MEMBER_NAME, PasswordResetToken, User
from zone_networks.core.audit import AuditEvent, record
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import new_token
from zone_networks.directory import deletion, photos
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.directory.search import refresh_people
from zone_networks.extensions import db as _db
from zone_networks.networks.invitations import Offer, accept_as_new_user, create_invitation
from zone_networks.networks.models import Invitation, Membership, Network
from zone_networks.zones.models import Organisation


@pytest.fixture()
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Photos in a temporary folder."""
    return {**app_config, "PHOTO_FOLDER": str(tmp_path / "photos")}


def _network(slug: str) -> Network:
    return _db.session.scalars(select(Network).where(Network.slug == slug)).one()


def _fresh(person: User) -> User:
    _db.session.expire_all()
    found = _db.session.get(User, person.id)
    assert found is not None
    return found


def _ask(person: User) -> None:
    person.deletion_requested_at = utcnow() - timedelta(days=2)
    _db.session.commit()


def _events(action: str) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _photo_key() -> str:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 10)).save(output, "JPEG")
    return photos.store_photo(photos.normalise_photo(output.getvalue()))


# The person asks -----------------------------------------------------------------------------------------

def test_signed_out_people_are_sent_to_sign_in(client: Any) -> None:
    response = client.get("/account/delete")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_account_page_links_to_deletion(member: User, login: Any) -> None:
    assert 'href="/account/delete"' in text_of(login(member).get("/account"))


def test_the_page_explains_what_happens(member: User, login: Any) -> None:
    page = text_of(login(member).get("/account/delete"))
    assert "Former member" in page and "within 30 days" in page
    assert 'autocomplete="current-password"' in page


@pytest.mark.parametrize("password", ["", "not my password"])
def test_a_wrong_or_missing_password_writes_nothing(db: Any, member: User, login: Any, password: str) -> None:
    response = submit(login(member), "/account/delete", {"password": password})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Error: Delete your account" in page
    assert ("Enter your password" if not password else "Your password is incorrect") in page
    assert _fresh(member).deletion_requested_at is None


def test_asking_with_the_password_records_the_request_without_auditing(db: Any, member: User, login: Any) -> None:
    client = login(member)
    response = submit(client, "/account/delete", {"password": TEST_PASSWORD})
    assert response.status_code == 303
    person = _fresh(member)
    assert person.deletion_requested_at is not None and person.deleted_at is None and person.active
    assert db.session.scalars(select(AuditEvent)).all() == []  # not a secretariat action
    page = text_of(client.get("/account/delete"))
    assert "You have asked to delete your account" in page and "Cancel your request" in page
    assert "see or cancel your request" in text_of(client.get("/account"))


def test_the_person_can_cancel_while_pending(db: Any, member: User, login: Any) -> None:
    _ask(member)
    client = login(member)
    response = submit(client, "/account/delete/cancel", form_url="/account/delete", follow_redirects=True)
    assert "You have cancelled your request" in text_of(response)
    assert _fresh(member).deletion_requested_at is None


def test_wrong_passwords_are_rate_limited(db: Any, member: User, login: Any, app: Any) -> None:
    app.config["LOGIN_RATE_LIMIT"] = "2 per hour"
    client = login(member)
    codes = [submit(client, "/account/delete", {"password": "wrong"}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


# The secretariat's list --------------------------------------------------------------------------------

def test_only_staff_see_the_requests(db: Any, member: User, convenor: User, secretariat: User, login: Any,
                                     client: Any) -> None:
    _ask(member)
    assert client.get("/admin/deletions").status_code == 302  # signed out: sign in first
    for person in (member, convenor):
        assert login(person).get("/admin/deletions").status_code == 404
        assert login(person).get(f"/admin/deletions/{member.id}").status_code == 404
    page = text_of(login(secretariat).get("/admin/deletions"))
    assert "Mina Member" in page and f"/admin/deletions/{member.id}" in page


def test_the_secretariat_home_counts_and_links_the_requests(db: Any, member: User, secretariat: User,
                                                           login: Any) -> None:
    _ask(member)
    page = text_of(login(secretariat).get("/admin"))
    assert 'href="/admin/deletions"' in page and "1 request to delete an account" in page


def test_a_person_who_has_not_asked_has_no_decision_page(db: Any, member: User, secretariat: User,
                                                         login: Any) -> None:
    client = login(secretariat)
    assert client.get(f"/admin/deletions/{member.id}").status_code == 404
    assert client.get("/admin/deletions/99999").status_code == 404


# Confirming --------------------------------------------------------------------------------------------

def _full_profile(person: User, secretariat: User) -> str:
    """Fill in everything the anonymisation must clear; returns the photo key."""
    person.bio, person.phone, person.other_contact = "I run skills bootcamps", "+44 7700 900123", "Teams"
    person.phone_visibility = "members"
    person.photo_key = _photo_key()
    _db.session.add(PersonZoneRole(user_id=person.id, role="skills_lead"))
    tag = ExpertiseTag(name="Bootcamps", slug="bootcamps")
    _db.session.add(tag)
    _db.session.flush()
    _db.session.execute(_db.metadata.tables["person_tags"].insert().values(user_id=person.id, tag_id=tag.id))
    _db.session.add(PasswordResetToken(user_id=person.id, token_hash=new_token()[1],
                                       expires_at=utcnow() + timedelta(hours=2)))
    membership = _db.session.scalars(select(Membership).where(Membership.user_id == person.id)).first()
    assert membership is not None
    membership.request_note = "Please let me in"
    record(person, "membership.requested", "membership", membership.id, network="skills-forum")
    _db.session.commit()
    # A later invitation to the same address, still waiting.
    create_invitation(secretariat, person.email, [Offer(_network("innovation-leads"), "member")])
    return person.photo_key or ""


def test_confirming_anonymises_the_person_in_one_go(db: Any, member: User, secretariat: User, login: Any,
                                                     outbox: Any) -> None:
    photo = _full_profile(member, secretariat)
    _ask(member)
    old_email, person_id = member.email, member.id

    response = submit(login(secretariat), f"/admin/deletions/{person_id}", {}, follow_redirects=True)

    assert "The account has been deleted" in text_of(response)
    person = _fresh(member)
    assert person.name == FORMER_MEMBER_NAME and person.email == f"deleted-{person_id}@invalid.zone-networks"
    assert (person.job_title, person.bio, person.phone, person.other_contact) == ("", "", "", "")
    assert {person.email_visibility, person.phone_visibility, person.other_contact_visibility} == {"only_me"}
    assert person.password_hash is None and person.photo_key is None and not person.active
    assert person.deleted_at is not None and person.last_login_at is None
    assert "mina" not in person.search_text and person.sort_name == "former member"
    assert db.session.scalars(select(PersonZoneRole).where(PersonZoneRole.user_id == person_id)).all() == []
    assert db.session.execute(select(_db.metadata.tables["person_tags"])).all() == []
    assert db.session.scalars(select(PasswordResetToken)).all() == []
    memberships = db.session.scalars(select(Membership).where(Membership.user_id == person_id)).all()
    assert memberships and {(m.status, m.request_note) for m in memberships} == {("removed", "")}
    [invitation] = db.session.scalars(select(Invitation)).all()
    assert invitation.revoked_at is not None and invitation.email == person.email
    assert not photos.photo_path(photo).exists()
    [event] = _events("person.deletion_confirmed")
    assert event.actor_id == secretariat.id and event.object_id == person_id
    assert old_email not in str(event.details) and "Mina" not in str(event.details)
    [own] = _events("membership.requested")
    assert own.actor_id == person_id  # what they did stays attributed to the (now anonymous) row
    [email] = [m for m in outbox() if m["To"] == old_email and "deleted" in m["Subject"]]
    assert email["Subject"] == "Your Zone Networks account has been deleted"


def test_the_deleted_person_is_signed_out_and_cannot_come_back(db: Any, member: User, secretariat: User,
                                                                app: Any, outbox: Any) -> None:
    _ask(member)
    old_email = member.email
    with app.test_client() as theirs:
        with theirs.session_transaction() as session:
            session["_user_id"] = member.get_id()
        assert theirs.get("/account").status_code == 200
        assert deletion.confirm_deletion(secretariat, _fresh(member))
        assert theirs.get("/account").status_code == 302  # their session ended
    with app.test_client() as anyone:
        response = submit(anyone, "/login", {"email": old_email, "password": TEST_PASSWORD})
        assert response.status_code == 400
        sent = len(outbox())
        submit(anyone, "/password-reset", {"email": old_email})
        assert len(outbox()) == sent  # no reset link for an address that has no account


def test_the_deleted_person_disappears_from_profiles_and_the_directory(db: Any, member: User, secretariat: User,
                                                                        outsider: User, login: Any) -> None:
    refresh_people()
    _ask(member)
    client = login(outsider)
    assert client.get(f"/people/{member.id}").status_code == 200
    assert "Mina Member" in text_of(client.get("/directory?q=mina"))
    deletion.confirm_deletion(secretariat, _fresh(member))
    assert client.get(f"/people/{member.id}").status_code == 404
    assert login(secretariat).get(f"/people/{member.id}").status_code == 404
    listing = text_of(login(outsider).get("/directory"))
    assert "Mina Member" not in listing and FORMER_MEMBER_NAME not in listing


def test_the_audit_log_shows_their_actions_as_former_member(db: Any, member: User, secretariat: User,
                                                             login: Any) -> None:
    record(member, "membership.requested", "membership", 1, network="skills-forum")
    _ask(member)
    deletion.confirm_deletion(secretariat, _fresh(member))
    page = text_of(login(secretariat).get("/admin/audit"))
    assert FORMER_MEMBER_NAME in page and "Mina Member" not in page
    assert "Deleted an account at the person" in page and "Sam Secretariat" in page


def test_a_new_invitation_to_the_old_address_makes_a_fresh_account(db: Any, member: User, secretariat: User) -> None:
    _ask(member)
    old_email = member.email
    deletion.confirm_deletion(secretariat, _fresh(member))
    invitation, _sent = create_invitation(secretariat, old_email, [Offer(_network("skills-forum"), "member")])
    organisation = db.session.scalars(select(Organisation).where(Organisation.slug == "humber-freeport")).one()
    result = accept_as_new_user(invitation, name="Mina Again", organisation=organisation, job_title="Lead",
                                password="mackerel lantern quietly 7")
    assert result is not None
    newcomer, _networks = result
    assert newcomer.id != member.id and newcomer.email == old_email
    assert _fresh(member).name == FORMER_MEMBER_NAME  # the old row is untouched


def test_a_shared_photo_file_is_kept_for_the_other_person(db: Any, member: User, outsider: User,
                                                          secretariat: User) -> None:
    key = _photo_key()
    member.photo_key = outsider.photo_key = key
    _ask(member)
    deletion.confirm_deletion(secretariat, _fresh(member))
    assert photos.photo_path(key).exists()


def test_calendar_feeds_stop_working(db: Any, member: User, secretariat: User) -> None:
    from zone_networks.meetings.calendar_models import CalendarToken

    db.session.add(CalendarToken(user_id=member.id, token_hash=new_token()[1]))
    _ask(member)
    deletion.confirm_deletion(secretariat, _fresh(member))
    assert db.session.scalars(select(CalendarToken)).all() == []


def test_a_failure_part_way_writes_nothing(db: Any, member: User, secretariat: User,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _ask(member)

    def broken(person: User) -> None:
        raise RuntimeError("index down")

    monkeypatch.setattr(deletion, "refresh_person", broken)
    with pytest.raises(RuntimeError):
        deletion.confirm_deletion(secretariat, _fresh(member))
    db.session.rollback()
    person = _fresh(member)
    assert person.name == "Mina Member" and person.deleted_at is None and person.password_hash
    assert db.session.scalars(select(Membership).where(Membership.status == "removed")).all() == []
    assert _events("person.deletion_confirmed") == []


def test_a_request_cancelled_meanwhile_is_not_deleted(db: Any, member: User, secretariat: User) -> None:
    _ask(member)
    loaded = _fresh(member)
    db.session.execute(update(User).where(User.id == member.id).values(deletion_requested_at=None)
                       .execution_options(synchronize_session=False))
    assert deletion.confirm_deletion(secretariat, loaded) is False
    person = _fresh(member)
    assert person.deleted_at is None and person.name == "Mina Member"


# Who may decide ----------------------------------------------------------------------------------------

def test_members_cannot_confirm_or_decline(db: Any, member: User, convenor: User, login: Any) -> None:
    _ask(member)
    for url in (f"/admin/deletions/{member.id}", f"/admin/deletions/{member.id}/decline"):
        response = submit(login(convenor), url, {"reason": "no"}, form_url="/account/delete")
        assert response.status_code == 404
    assert _fresh(member).deleted_at is None and _fresh(member).deletion_requested_at is not None


def test_staff_cannot_decide_their_own_request(db: Any, secretariat: User, admin: User, login: Any) -> None:
    _ask(secretariat)
    client = login(secretariat)
    page = text_of(client.get(f"/admin/deletions/{secretariat.id}"))
    assert "another member of the secretariat must decide it" in page
    assert submit(client, f"/admin/deletions/{secretariat.id}", {}, form_url="/account/delete").status_code == 403
    assert client.get(f"/admin/deletions/{secretariat.id}/decline").status_code == 403
    assert _fresh(secretariat).deleted_at is None
    assert submit(login(admin), f"/admin/deletions/{secretariat.id}", {}).status_code == 303
    assert _fresh(secretariat).deleted_at is not None and not _fresh(secretariat).is_secretariat


def test_only_an_admin_deletes_an_admin(db: Any, secretariat: User, admin: User, login: Any) -> None:
    other_admin = make_user("owner2@zones.example", "industrial-strategy-zones-secretariat", is_admin=True)
    _ask(admin)
    assert submit(login(secretariat), f"/admin/deletions/{admin.id}", {},
                  form_url="/account/delete").status_code == 403
    assert _fresh(admin).deleted_at is None
    assert submit(login(other_admin), f"/admin/deletions/{admin.id}", {}).status_code == 303
    assert _fresh(admin).deleted_at is not None


def test_a_deleted_person_cannot_be_deleted_again(db: Any, member: User, secretariat: User, login: Any) -> None:
    _ask(member)
    deletion.confirm_deletion(secretariat, _fresh(member))
    assert login(secretariat).get(f"/admin/deletions/{member.id}").status_code == 404
    with pytest.raises(deletion.DeletionError):
        deletion.confirm_deletion(secretariat, _fresh(member))


# Declining ---------------------------------------------------------------------------------------------

def test_declining_needs_a_reason(db: Any, member: User, secretariat: User, login: Any) -> None:
    _ask(member)
    response = submit(login(secretariat), f"/admin/deletions/{member.id}/decline", {"reason": "  "})
    assert response.status_code == 400
    assert "Enter the reason you are declining the request" in text_of(response)
    assert _fresh(member).deletion_requested_at is not None and _events("person.deletion_declined") == []


def test_declining_keeps_the_account_audits_and_tells_the_person(db: Any, member: User, secretariat: User,
                                                                 login: Any, outbox: Any) -> None:
    _ask(member)
    response = submit(login(secretariat), f"/admin/deletions/{member.id}/decline",
                      {"reason": "You chair the forum until March."}, follow_redirects=True)
    assert "The request has been declined" in text_of(response)
    person = _fresh(member)
    assert person.deletion_requested_at is None and person.deleted_at is None and person.name == "Mina Member"
    [event] = _events("person.deletion_declined")
    assert event.actor_id == secretariat.id and event.details["reason"] == "You chair the forum until March."
    [email] = [m for m in outbox() if m["To"] == member.email]
    assert "You chair the forum until March." in email.get_content()
