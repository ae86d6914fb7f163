"""Forms of the discussion pages: a new thread, a reply, an edit, a reaction and the delete confirmation.

The services check everything again (the socket path has no form); the forms
only give the GOV.UK messages for the page. A reply and a new thread carry a
`client_id` made when the form is shown, so submitting the same form twice
(a double click, a resend after a timeout) stores one post.
"""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from zone_networks.core.forms import strip_whitespace
from zone_networks.discussions.models import BODY_MAX, CLIENT_ID_MAX, TITLE_MAX

MESSAGE_HINT = _l("You can use Markdown: **bold**, > at the start of a line to quote, and "
                  "[link text](https://www.gov.uk) for a link.")
BODY_TOO_LONG = _l("Message must be 10,000 characters or fewer")


def new_client_id() -> str:
    """A fresh id for one send of a form."""
    return uuid.uuid4().hex


def _body_field(label: object) -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        validators=[DataRequired(message=_l("Enter a message")), Length(max=BODY_MAX, message=BODY_TOO_LONG)],
    )


def _client_id_field() -> HiddenField:
    return HiddenField(validators=[Optional(), Length(max=CLIENT_ID_MAX)])


class NewThreadForm(FlaskForm):
    """Start a thread: a title and the first message."""

    title = StringField(
        _l("Title"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=TITLE_MAX, message=_l("Title must be 200 characters or fewer"))],
    )
    body = _body_field(_l("Message"))
    client_id = _client_id_field()
    submit = SubmitField(_l("Start thread"), widget=GovSubmitInput())


class ReplyForm(FlaskForm):
    """Reply to a thread (optionally quoting a post of it)."""

    body = _body_field(_l("Your reply"))
    quote_of = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,12}$")])
    client_id = _client_id_field()
    submit = SubmitField(_l("Send reply"), widget=GovSubmitInput())


class EditForm(FlaskForm):
    """Change the text of one's own post."""

    body = _body_field(_l("Message"))
    submit = SubmitField(_l("Save changes"), widget=GovSubmitInput())


class ReactionForm(FlaskForm):
    """Add or take away one reaction (the emoji comes from the pressed button)."""

    emoji = StringField(validators=[DataRequired()])


class ConfirmDeleteForm(FlaskForm):
    """Confirm deleting one's own post."""

    submit = SubmitField(_l("Delete message"), widget=GovSubmitInput())
