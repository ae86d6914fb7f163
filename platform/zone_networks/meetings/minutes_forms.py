"""Forms for minutes: writing a version, and commenting on circulated minutes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from zone_networks.core.forms import strip_whitespace


class MinutesForm(FlaskForm):
    """The text of the minutes (Markdown) and a note of what changed."""

    body = TextAreaField(
        _l("Minutes"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter the minutes")),
                    Length(max=100_000, message=_l("Minutes must be 100,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    note = StringField(_l("What changed (optional)"), filters=[strip_whitespace],
                       validators=[Length(max=300, message=_l("What changed must be 300 characters or fewer"))],
                       widget=GovTextInput())
    save = SubmitField(_l("Save a new version"), widget=GovSubmitInput())


class CommentForm(FlaskForm):
    """A comment on circulated minutes."""

    comment = TextAreaField(
        _l("Your comment"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter your comment")),
                    Length(max=5000, message=_l("Comment must be 5,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    send = SubmitField(_l("Send comment"), widget=GovSubmitInput())
