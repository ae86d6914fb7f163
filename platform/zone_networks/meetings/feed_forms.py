"""The form on the Calendar page: make a feed link, choosing whether it adds an alarm to each meeting."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

ALARM_CHOICES = [
    SelectChoice("yes", _l("Yes, 1 day before each meeting")),
    SelectChoice("no", _l("No")),
]
ALARM_MISSING = _l("Select whether you want your calendar to remind you before each meeting")


class FeedLinkForm(FlaskForm):
    """Create (or replace) a personal calendar feed link."""

    alarm = RadioField(
        _l("Do you want your calendar to remind you before each meeting?"), choices=ALARM_CHOICES,
        description=_l("The reminder goes on meetings you said yes or maybe to."),
        validators=[InputRequired(message=ALARM_MISSING)], invalid_choice_message=ALARM_MISSING,
        widget=GovRadioInput(),
    )

    @property
    def with_alarm(self) -> bool:
        """Whether the person asked for an alarm."""
        return self.alarm.data == "yes"
