"""Deleting an account: the person asks, the secretariat confirms or declines, the row is anonymised.

The person's row is kept, anonymised, rather than deleted: what they wrote
(and the audit log's record of what they did) still points at it and is shown
as "Former member". Only the secretariat's decisions are audited (the
person's own request and cancellation are not secretariat actions). Emails
go out only after the commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, CursorResult, and_, delete, func, select, update
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import FORMER_MEMBER_NAME, PasswordResetToken, User
from zone_networks.core.audit import record
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.directory import photos
from zone_networks.directory.deletion_discussions import forget_discussions
from zone_networks.directory.deletion_library import forget_contact
from zone_networks.directory.profile_queries import photo_in_use
from zone_networks.directory.search import refresh_person
from zone_networks.extensions import db
from zone_networks.meetings.rsvp_services import withdraw_from_upcoming
from zone_networks.networks.emails import deliver
from zone_networks.networks.models import Invitation, Membership

DELETED_EMAIL_DOMAIN = "invalid.zone-networks"  # .invalid-style: never deliverable (RFC 2606 spirit)
REASON_MAX_LENGTH = 1000


class DeletionError(Exception):
    """A deletion step the rules do not allow; the message is safe to show.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def deletion_days() -> int:
    """How many days the secretariat has to act on a request (config DELETION_DAYS, default 30)."""
    return int(current_app.config.get("DELETION_DAYS", 30))


def due_by(person: User) -> datetime | None:
    """When the secretariat should have acted on `person`'s pending request."""
    if person.deletion_requested_at is None:
        return None
    return as_utc(person.deletion_requested_at) + timedelta(days=deletion_days())


def is_pending(person: User) -> bool:
    """Whether `person` has asked to be deleted and nobody has decided yet."""
    return person.deletion_requested_at is not None and person.deleted_at is None


def may_decide(actor: Any, person: User) -> bool:
    """Whether `actor` may confirm or decline `person`'s request.

    Signed-in staff only; never their own request (a second member of staff
    always checks a deletion), and only an admin may delete an admin (as
    only an admin may deactivate one).
    """
    signed_in = bool(getattr(actor, "is_authenticated", False) and actor.is_active)
    if not signed_in or not actor.is_staff or not is_pending(person):
        return False
    if actor.id == person.id:
        return False
    return bool(actor.is_admin or not person.is_admin)


def deleted_email(person_id: int) -> str:
    """The address a deleted account gets: unique, and never deliverable."""
    return f"deleted-{person_id}@{DELETED_EMAIL_DOMAIN}"


def _pending() -> ColumnElement[bool]:
    return and_(User.deletion_requested_at.is_not(None), User.deleted_at.is_(None))


def pending_requests() -> list[User]:
    """People waiting for a decision on their request, oldest request first (one query)."""
    query = select(User).where(_pending()).order_by(User.deletion_requested_at, User.id)
    return list(db.session.scalars(query))


def pending_count() -> int:
    """How many requests wait for a decision (one query)."""
    return int(db.session.scalar(select(func.count(User.id)).where(_pending())) or 0)


def _update_if_pending(person: User, **values: Any) -> bool:
    """Write `values` to `person` only while their request is pending; whether it was.

    A conditional UPDATE, so a cancellation and a decision (or two decisions)
    arriving together cannot both take effect.
    """
    result = cast("CursorResult[Any]", db.session.execute(
        update(User).where(User.id == person.id, _pending()).values(**values)
        .execution_options(synchronize_session="fetch")
    ))
    return result.rowcount == 1


# The person -------------------------------------------------------------------------------------

def request_deletion(person: User, password: str) -> None:
    """Record that `person` asks to be deleted, after checking their password."""
    if person.deleted_at is not None:
        raise DeletionError(_("This account has already been deleted"))
    if not person.check_password(password):
        raise DeletionError(_("Your password is incorrect"), "password")
    if person.deletion_requested_at is None:
        person.deletion_requested_at = utcnow()
        db.session.commit()


def cancel_deletion(person: User) -> bool:
    """Withdraw `person`'s pending request; False if there was none (or it was decided meanwhile)."""
    cancelled = _update_if_pending(person, deletion_requested_at=None)
    db.session.commit()
    return cancelled


# The secretariat ----------------------------------------------------------------------------------



def _anonymise(person: User, now: datetime) -> dict[str, int]:
    """Strip `person`'s row and everything hanging off it (in the caller's transaction).

    Memberships are kept with status "removed" and their note cleared rather
    than deleted: the audit log refers to memberships by id, SQLite may reuse
    the id of a deleted row (so an old record could point at someone else's
    new membership), and a network's history of decisions stays checkable.
    Invitations sent to the person keep their row but lose the address.
    Secrets go: password reset links and calendar feed addresses are deleted.
    """
    old_email, old_name = person.email, person.name
    person.name = FORMER_MEMBER_NAME
    person.email = deleted_email(person.id)
    person.job_title = person.bio = person.phone = person.other_contact = ""
    # The narrowest rule: nothing of a deleted person is shown to anyone anyway.
    person.email_visibility = person.phone_visibility = person.other_contact_visibility = "only_me"
    person.photo_key = None
    person.password_hash = None
    person.is_secretariat = person.is_admin = False
    person.active = False
    person.last_login_at = None
    person.deleted_at = now
    person.end_sessions()
    person.zone_roles = []
    person.expertise = []
    memberships = cast("CursorResult[Any]", db.session.execute(
        update(Membership)
        .where(Membership.user_id == person.id)
        .values(status="removed", request_note="")
        .execution_options(synchronize_session="fetch")
    ))
    revoked = cast("CursorResult[Any]", db.session.execute(
        update(Invitation)
        .where(Invitation.email == old_email, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    ))
    db.session.execute(
        update(Invitation).where(Invitation.email == old_email).values(email=person.email)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(delete(PasswordResetToken).where(PasswordResetToken.user_id == person.id))
    # Calendar feed addresses are credentials too (named, not imported: the meetings feature may be absent).
    feeds = db.metadata.tables.get("calendar_tokens")
    if feeds is not None:
        db.session.execute(delete(feeds).where(feeds.c.user_id == person.id))
    contact_removed = forget_contact(person.id)  # their documents and case studies stay, as "Former member"'s
    discussions = forget_discussions(person.id, old_name)  # their posts stay; mentions, reactions, follows go
    refresh_person(person)
    return {"memberships_removed": memberships.rowcount, "invitations_revoked": revoked.rowcount,
            "case_studies_contact_removed": contact_removed, **discussions}


def _load(person: User) -> User:
    """`person` with the lists the anonymisation empties loaded."""
    return db.session.scalars(
        select(User).where(User.id == person.id).options(selectinload(User.zone_roles), selectinload(User.expertise))
    ).one()


def confirm_deletion(actor: User, person: User) -> bool:
    """Anonymise `person` in one transaction, audit it, then remove the photo and tell them.

    False if the request was cancelled or decided by someone else meanwhile.
    """
    if not may_decide(actor, person):
        raise DeletionError(_("You cannot delete this account"))
    person = _load(person)
    old_email, old_name, language, photo_key = person.email, person.name, person.language, person.photo_key
    requested_at = person.deletion_requested_at
    now = utcnow()
    if not _update_if_pending(person, deleted_at=now):
        db.session.rollback()
        return False
    counts = _anonymise(person, now)
    record(actor, "person.deletion_confirmed", "user", person.id,
           requested_at=as_utc(requested_at).isoformat() if requested_at else None, **counts)
    db.session.commit()
    withdraw_from_upcoming(person.id)  # their seats at meetings to come pass to those waiting
    if photo_key and not photo_in_use(photo_key):  # photos are stored by content: others may share the file
        photos.delete_photo(photo_key)
    _send_deleted(old_email, old_name, language)
    return True


def decline_deletion(actor: User, person: User, reason: str) -> bool:
    """Refuse `person`'s request with a reason, audit it and email them; False if decided meanwhile."""
    reason = (reason or "").strip()
    if not reason:
        raise DeletionError(_("Enter the reason you are declining the request"), "reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise DeletionError(_("The reason must be %(max)d characters or fewer", max=REASON_MAX_LENGTH), "reason")
    if not may_decide(actor, person):
        raise DeletionError(_("You cannot decide this request"))
    requested_at = person.deletion_requested_at
    if not _update_if_pending(person, deletion_requested_at=None):
        db.session.rollback()
        return False
    record(actor, "person.deletion_declined", "user", person.id, user_name=person.name, user_email=person.email,
           requested_at=as_utc(requested_at).isoformat() if requested_at else None, reason=reason)
    db.session.commit()
    _send_declined(person, reason)
    return True


# Emails --------------------------------------------------------------------------------------------

def _send_deleted(email: str, name: str, language: str) -> bool:
    """Tell the person, at the address they had, that their account is gone."""
    with force_locale(language or "en"):
        body = _(
            "Hello %(name)s,\n\n"
            "Your Zone Networks account has been deleted, as you asked. Your profile and contact details "
            "have been removed and you can no longer sign in. Anything you wrote in the networks is kept "
            "and shown as written by a former member.\n\n"
            "This is the last email we will send to this address.\n\n"
            "Zone Networks",
            name=name,
        )
        return deliver(email, _("Your Zone Networks account has been deleted"), body)


def _send_declined(person: User, reason: str) -> bool:
    """Tell the person why their request was declined."""
    with force_locale(person.language or "en"):
        body = _(
            "Hello %(name)s,\n\n"
            "The Industrial Strategy Zones secretariat has declined your request to delete your Zone "
            "Networks account. They gave this reason:\n\n%(reason)s\n\n"
            "Your account has not changed. You can ask again from your account page, or contact the "
            "secretariat if you have questions.\n\n"
            "Zone Networks",
            name=person.name,
            reason=reason,
        )
        return deliver(person.email, _("Your request to delete your Zone Networks account"), body)
