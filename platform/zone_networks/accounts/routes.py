"""Sign in, sign out, your account, and password changes and resets."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from zone_networks.accounts import bp, services
from zone_networks.accounts.forms import (
    ChangePasswordForm,
    DetailsForm,
    LoginForm,
    LogoutForm,
    PasswordResetForm,
    PasswordResetRequestForm,
)
from zone_networks.accounts.labels import LANGUAGE_NAMES, membership_role_label, user_role_label
from zone_networks.accounts.models import User
from zone_networks.accounts.queries import own_memberships
from zone_networks.core.security import is_safe_next
from zone_networks.extensions import db, limiter

Page = str | tuple[str, int] | Response


# Rate limits (Flask-Limiter). Sign-in counts failed attempts twice over: per
# client address and per submitted email, so neither rotating emails from one
# address nor rotating addresses against one email gets many guesses.
def _attempt_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _client_key() -> str:
    return f"ip:{get_remote_address() or 'unknown'}"


def _email_key() -> str:
    return f"email:{services.normalise_email(request.form.get('email', ''))[:254]}"


def _user_key() -> str:
    return f"user:{current_user.get_id() if current_user.is_authenticated else 'anonymous'}"


def _failed(response: Response) -> bool:
    """Only failures count: every success ends in a redirect."""
    return response.status_code != 302


def _start_session(user: User) -> None:
    """Sign `user` in on a fresh session (nothing from before survives but the visit's language)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(user)


def _end_session() -> None:
    """Forget who is signed in, and everything else in the session but the language."""
    language = session.get("lang")
    logout_user()
    session.clear()
    if language:
        session["lang"] = language


def _form_page(template: str, form: FlaskForm, **context: object) -> tuple[str, int]:
    """Render a form page: 400 when the submission had errors, 200 otherwise."""
    return render_template(template, form=form, **context), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_attempt_limit, methods=["POST"], key_func=_client_key, deduct_when=_failed)
@limiter.limit(_attempt_limit, methods=["POST"], key_func=_email_key, deduct_when=_failed)
def login() -> Page:
    """Sign in with an email address and password."""
    if current_user.is_authenticated:
        return redirect(url_for("networks.home"))
    next_url = request.args.get("next")
    safe_next = next_url if is_safe_next(next_url) else None
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            _start_session(user)
            return redirect(safe_next or url_for("networks.home"))
        # The same words whether the email is unknown, the password wrong or the account inactive.
        form.email.errors = [_("Enter a correct email address and password")]
    return _form_page("accounts/login.html", form, next_url=safe_next)


@bp.route("/logout", methods=["GET", "POST"])
def logout() -> Page:
    """Sign out: a button for GET (signing out must be a POST), the sign-out itself for POST."""
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login"))
        return render_template("accounts/logout.html", form=LogoutForm())
    # CSRFProtect has already refused a POST without a valid token.
    if current_user.is_authenticated:
        services.sign_out(current_user._get_current_object())
    _end_session()
    flash(_("You have signed out"), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Page:
    """Your details, your networks, and a form to change your details."""
    user: User = current_user._get_current_object()
    form = DetailsForm(obj=user)
    if form.validate_on_submit():
        try:
            services.change_details(
                user, name=form.name.data or "", job_title=form.job_title.data or "", language=form.language.data or ""
            )
        except services.AccountError as error:
            form[error.field or "name"].errors = [error.message]
        else:
            # The saved preference now decides the language, not an earlier choice in this visit.
            session.pop("lang", None)
            flash(_("Your details have been saved"), "success")
            return redirect(url_for("accounts.account"))
    memberships = db.session.scalars(own_memberships(user)).all()
    return _form_page(
        "accounts/account.html",
        form,
        user=user,
        memberships=memberships,
        role_label=user_role_label(user.role),
        language_name=LANGUAGE_NAMES.get(user.language, user.language),
        membership_role_label=membership_role_label,
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(_attempt_limit, methods=["POST"], key_func=_user_key, deduct_when=_failed)
def change_password() -> Page:
    """Change your password; your other sessions end, this one continues."""
    user: User = current_user._get_current_object()
    form = ChangePasswordForm()
    form.account_email, form.account_name = user.email, user.name
    if form.validate_on_submit():
        try:
            services.change_password(user, form.current_password.data or "", form.new_password.data or "")
        except services.AccountError as error:
            form[error.field or "new_password"].errors = [error.message]
        else:
            _start_session(user)
            flash(_("Your password has been changed. You have been signed out everywhere else."), "success")
            return redirect(url_for("accounts.account"))
    return _form_page("accounts/change_password.html", form)


@bp.route("/password-reset", methods=["GET", "POST"])
@limiter.limit(_attempt_limit, methods=["POST"], key_func=_client_key)
@limiter.limit(_attempt_limit, methods=["POST"], key_func=_email_key)
def password_reset_request() -> Page:
    """Ask for a password reset link; the answer is the same whether or not the account exists."""
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data or "")
        return render_template(
            "accounts/password_reset_sent.html",
            hours=current_app.config["PASSWORD_RESET_HOURS"],
        )
    return _form_page("accounts/password_reset_request.html", form)


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
def password_reset(token: str) -> Page:
    """Choose a new password from an emailed link."""
    usable = services.find_reset_token(token)
    if usable is None:
        return render_template("accounts/password_reset_invalid.html"), 404
    form = PasswordResetForm()
    form.account_email, form.account_name = usable.user.email, usable.user.name
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.new_password.data or "")
        except services.AccountError as error:
            if error.field is None:
                return render_template("accounts/password_reset_invalid.html"), 404
            form[error.field].errors = [error.message]
        else:
            if current_user.is_authenticated:
                _end_session()
            flash(_("Your password has been changed. Sign in with your new password."), "success")
            return redirect(url_for("accounts.login"))
    return _form_page("accounts/password_reset.html", form)
