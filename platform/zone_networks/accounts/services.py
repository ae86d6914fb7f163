"""Every write the accounts feature makes: signing in and out, details, passwords, admins.

Services validate what the forms cannot, write, and commit; email goes out only
after the commit. Routes and commands call exactly one of them.
"""

from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from zone_networks.accounts.models import LANGUAGES, PASSWORD_METHOD, PasswordResetToken, User
from zone_networks.accounts.passwords import validate_password
from zone_networks.core import audit
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.core.mail import send_email
from zone_networks.core.tokens import hash_token, new_token
from zone_networks.core.urls import absolute_url
from zone_networks.extensions import db
from zone_networks.zones.models import Organisation


@cache
def _timing_decoy_hash() -> str:
    """A hash to check when no account matches, so a wrong email takes as long as a wrong password."""
    return generate_password_hash(secrets.token_urlsafe(16), method=PASSWORD_METHOD)


class AccountError(ValueError):
    """A request the service refused; the message is safe to show to the person.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def normalise_email(email: str) -> str:
    """Email addresses are stored and compared trimmed and in lower case."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The account with this email address, if there is one."""
    return db.session.scalars(select(User).where(User.email == normalise_email(email))).first()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials and record the sign-in, or None.

    The caller cannot tell an unknown email from a wrong password or an inactive
    account, and each takes about as long (one password hash check).
    """
    user = find_user_by_email(email) if email.strip() else None
    if user is None:
        check_password_hash(_timing_decoy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def sign_out(user: User) -> None:
    """End every session this person has: copies of the session cookie stop working too."""
    user.end_sessions()
    db.session.commit()


def change_details(user: User, *, name: str, job_title: str, language: str) -> None:
    """Save the details a person may change about themselves."""
    name, job_title = name.strip(), job_title.strip()
    if not name:
        raise AccountError(_("Enter your full name"), "name")
    if language not in LANGUAGES:
        raise AccountError(_("Select the language for the service"), "language")
    user.name = name[:200]
    user.job_title = job_title[:200]
    user.language = language
    db.session.commit()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Replace a password after checking the current one; every session of the person ends.

    The caller signs the current session in again with the new session version.
    """
    if not user.check_password(current_password):
        raise AccountError(_("Your current password is incorrect"), "current_password")
    problem = validate_password(new_password, email=user.email, name=user.name)
    if problem:
        raise AccountError(problem, "new_password")
    user.set_password(new_password)
    user.end_sessions()
    db.session.commit()


def request_password_reset(email: str) -> bool:
    """Email a single-use reset link if an active account has this address; return whether one was sent.

    The caller must show the same page either way.
    """
    user = find_user_by_email(email)
    if user is None or not user.active:
        return False
    raw, token_hash = new_token()
    hours = int(current_app.config["PASSWORD_RESET_HOURS"])
    expires_at = utcnow() + timedelta(hours=hours)
    db.session.add(PasswordResetToken(user_id=user.id, token_hash=token_hash, expires_at=expires_at))
    db.session.commit()
    try:
        _send_reset_email(user, raw, hours)
    except (OSError, smtplib.SMTPException):
        # The page must look the same whatever happened; the person can ask again.
        current_app.logger.exception("Could not send a password reset email")
        return False
    return True


def _send_reset_email(user: User, raw_token: str, hours: int) -> None:
    """Write the reset email in the person's own language."""
    link = absolute_url("accounts.password_reset", token=raw_token)
    with force_locale(user.language or "en"):
        subject = _("Reset your Zone Networks password")
        body = _(
            "Hello %(name)s,\n\n"
            "Someone asked to reset the password for your Zone Networks account. "
            "To choose a new password, open this link:\n\n%(link)s\n\n"
            "The link works once and stops working after %(hours)d hours.\n\n"
            "If you did not ask for this, you can ignore this email: your password has not changed.\n\n"
            "Zone Networks",
            name=user.name,
            link=link,
            hours=hours,
        )
    send_email(user.email, subject, body)


@dataclass(frozen=True)
class UsableResetToken:
    """A reset token that may still be used, with the person it belongs to."""

    token: PasswordResetToken
    user: User


def find_reset_token(raw_token: str) -> UsableResetToken | None:
    """The unexpired, unused token for this link whose person is still active, or None."""
    if not raw_token or len(raw_token) > 128:
        return None
    token = db.session.scalars(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_token(raw_token))
    ).first()
    if token is None or token.used_at is not None or as_utc(token.expires_at) <= utcnow():
        return None
    if not token.user.active:
        return None
    return UsableResetToken(token=token, user=token.user)


def reset_password(raw_token: str, new_password: str) -> User:
    """Set a new password from a reset link: the link and every other outstanding link stop working,
    and every session of the person ends. Nobody is signed in.
    """
    usable = find_reset_token(raw_token)
    if usable is None:
        raise AccountError(_("This link has expired or has already been used"))
    user = usable.user
    problem = validate_password(new_password, email=user.email, name=user.name)
    if problem:
        raise AccountError(problem, "new_password")
    now = utcnow()
    # Claim the token with a conditional update so two simultaneous uses cannot both succeed.
    claimed = db.session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.id == usable.token.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise AccountError(_("This link has expired or has already been used"))
    db.session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    user.set_password(new_password)
    user.end_sessions()
    db.session.commit()
    return user


@dataclass(frozen=True)
class AdminResult:
    """What create_admin did."""

    user: User
    created: bool


def secretariat_organisation() -> Organisation | None:
    """The secretariat's organisation (from the reference data)."""
    return db.session.scalars(
        select(Organisation).where(Organisation.kind == "secretariat").order_by(Organisation.id)
    ).first()


def create_admin(email: str, *, name: str = "", password: str | None = None) -> AdminResult:
    """Create an admin in the secretariat organisation, or make an existing person an admin.

    A new admin needs a name and a password that meets the policy; an existing
    person keeps their password. Either way the change is audited (no actor:
    it comes from the command line).
    """
    from email_validator import EmailNotValidError, validate_email

    email = normalise_email(email)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise AccountError(f"{email!r} is not a valid email address: {error}") from error
    existing = find_user_by_email(email)
    if existing is not None:
        if existing.is_admin:
            raise AccountError(f"{email} is already an admin.")
        existing.is_admin = True
        db.session.flush()
        audit.record(None, "admin.created", "user", existing.id, email=email, promoted=True)
        db.session.commit()
        return AdminResult(user=existing, created=False)

    name = name.strip()
    if not name:
        raise AccountError("Give the admin's name (--name).")
    problem = validate_password(password or "", email=email, name=name)
    if problem:
        raise AccountError(problem)
    organisation = secretariat_organisation()
    if organisation is None:
        raise AccountError("There is no secretariat organisation: load the reference data first (seed).")
    user = User(email=email, name=name[:200], job_title="", organisation=organisation, is_admin=True)
    user.set_password(password or "")
    db.session.add(user)
    db.session.flush()
    audit.record(None, "admin.created", "user", user.id, email=email, promoted=False)
    db.session.commit()
    return AdminResult(user=user, created=True)
