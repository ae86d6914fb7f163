"""Forms for signing in, your details, and changing or resetting a password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from zone_networks.accounts.labels import LANGUAGE_NAMES
from zone_networks.accounts.models import LANGUAGES
from zone_networks.accounts.passwords import MAX_LENGTH, StrongPassword
from zone_networks.core.forms import email_field, strip_whitespace

NEW_PASSWORD_HINT = _l("Must be 12 characters or more. You could use 3 random words together. You can paste it.")


class LoginForm(FlaskForm):
    """Email address and password."""

    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter your email address")), Length(max=254)],
    )
    # InputRequired, not DataRequired: a password of spaces is still a password to check.
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=MAX_LENGTH)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class LogoutForm(FlaskForm):
    """Only the CSRF token: signing out must be a POST from this site."""

    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())


class DetailsForm(FlaskForm):
    """The details a person may change about themselves."""

    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter your full name")),
            Length(max=200, message=_l("Full name must be 200 characters or fewer")),
        ],
    )
    job_title = StringField(
        _l("Job title"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Job title must be 200 characters or fewer"))],
    )
    language = RadioField(
        _l("Language for the service"),
        widget=GovRadioInput(),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        validators=[InputRequired(message=_l("Select the language for the service"))],
    )
    submit = SubmitField(_l("Save your details"), widget=GovSubmitInput())


def new_password_field() -> PasswordField:
    """A new password field checked against the policy (the form must say whose password it is)."""
    return PasswordField(
        _l("New password"),
        description=NEW_PASSWORD_HINT,
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter a new password")), StrongPassword()],
    )


def confirm_password_field() -> PasswordField:
    """The new password again."""
    return PasswordField(
        _l("Confirm new password"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Confirm your new password")),
            EqualTo("new_password", message=_l("The passwords you entered do not match")),
        ],
    )


class ChangePasswordForm(FlaskForm):
    """Current password, then the new one twice."""

    # Whose password this is, for StrongPassword (set by the route).
    account_email: str = ""
    account_name: str = ""

    current_password = PasswordField(
        _l("Current password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your current password")), Length(max=MAX_LENGTH)],
    )
    new_password = new_password_field()
    confirm_password = confirm_password_field()
    submit = SubmitField(_l("Change password"), widget=GovSubmitInput())


class PasswordResetRequestForm(FlaskForm):
    """The email address to send a reset link to."""

    email = email_field(_l("Enter your email address"))
    submit = SubmitField(_l("Send the link"), widget=GovSubmitInput())


class PasswordResetForm(FlaskForm):
    """A new password, twice."""

    # Whose password this is, for StrongPassword (set by the route).
    account_email: str = ""
    account_name: str = ""

    new_password = new_password_field()
    confirm_password = confirm_password_field()
    submit = SubmitField(_l("Set new password"), widget=GovSubmitInput())
