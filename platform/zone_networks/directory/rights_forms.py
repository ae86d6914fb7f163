"""Forms for data rights: downloading your data and asking for (or deciding on) account deletion."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextArea
from wtforms import PasswordField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from zone_networks.accounts.passwords import MAX_LENGTH
from zone_networks.core.forms import strip_whitespace
from zone_networks.directory.deletion import REASON_MAX_LENGTH


class DownloadForm(FlaskForm):
    """Only the CSRF token: the download is a POST from this site."""

    submit = SubmitField(_l("Download your data"), widget=GovSubmitInput())


class DeletionRequestForm(FlaskForm):
    """The person's password, to show it is really them asking."""

    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=MAX_LENGTH)],
    )
    submit = SubmitField(_l("Ask to delete your account"), widget=GovSubmitInput())


class CancelDeletionForm(FlaskForm):
    """Only the CSRF token: withdrawing the request."""

    submit = SubmitField(_l("Cancel your request"), widget=GovSubmitInput())


class ConfirmDeletionForm(FlaskForm):
    """Only the CSRF token: the secretariat confirms the deletion."""

    submit = SubmitField(_l("Delete this account"), widget=GovSubmitInput())


class DeclineDeletionForm(FlaskForm):
    """Why the secretariat declines the request (sent to the person)."""

    reason = TextAreaField(
        _l("Why are you declining the request?"),
        description=_l("We will email this to the person. Say what they can do next."),
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter the reason you are declining the request")),
            Length(max=REASON_MAX_LENGTH,
                   message=_l("The reason must be %(max)d characters or fewer", max=REASON_MAX_LENGTH)),
        ],
    )
    submit = SubmitField(_l("Decline the request"), widget=GovSubmitInput())
