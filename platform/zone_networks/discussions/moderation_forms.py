"""Forms for moderators and reporters: hide a post (with a reason), report a post, and bare confirmation buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from zone_networks.core.forms import strip_whitespace
from zone_networks.discussions.moderation import REASON_MAX

REASON_TOO_LONG = _l("Reason must be 1,000 characters or fewer")


class HideForm(FlaskForm):
    """Hide a post: the reason is kept in the audit log and shown to the network's moderators."""

    reason = TextAreaField(
        _l("Why are you hiding this message?"),
        description=_l("Only the network's convenors and the secretariat will see this."),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter why you are hiding this message")),
                    Length(max=REASON_MAX, message=REASON_TOO_LONG)],
        widget=GovCharacterCount(),
    )
    submit = SubmitField(_l("Hide message"), widget=GovSubmitInput())


class ReportForm(FlaskForm):
    """Report a post to the network's convenors and the secretariat."""

    reason = TextAreaField(
        _l("Why are you reporting this message?"),
        description=_l("For example, it is offensive, shares personal information or is not about the network's "
                       "work. The convenors and the secretariat will see your name and your reason."),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter why you are reporting this message")),
                    Length(max=REASON_MAX, message=REASON_TOO_LONG)],
        widget=GovCharacterCount(),
    )
    submit = SubmitField(_l("Send report"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """Only a CSRF token: for the show, lock, unlock, pin, unpin and dismiss buttons."""
