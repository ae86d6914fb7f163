"""Form pieces every feature uses: trimming typed text and the email address question."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import DataRequired, Email, Length

EMAIL_MAX_LENGTH = 254


def strip_whitespace(value: object) -> object:
    """Remove spaces around text people typed or pasted (never used on passwords)."""
    return value.strip() if isinstance(value, str) else value


def email_field(missing_message: Any, label: Any = None) -> StringField:
    """An email address question with GOV.UK error messages; `missing_message` says what to enter."""
    return StringField(
        label or _l("Email address"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=missing_message),
            Length(max=EMAIL_MAX_LENGTH, message=_l("Email address must be 254 characters or fewer")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.gov.uk"),
                check_deliverability=False,
            ),
        ],
    )
