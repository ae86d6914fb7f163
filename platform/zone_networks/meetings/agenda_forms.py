"""Forms for the agenda: proposing an item, and timing an accepted one."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import IntegerField, RadioField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from zone_networks.accounts.models import User
from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import add_error

PRESENTER_CHOICES = [
    SelectChoice("me", _l("I will present it")),
    SelectChoice("member", _l("Another member of the network")),
    SelectChoice("other", _l("Someone else (for example a guest speaker)")),
]
CHOOSE_PRESENTER = _l("Select who will present the item")


class AgendaItemForm(FlaskForm):
    """Propose an item for a meeting's agenda."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=200, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    summary = TextAreaField(
        _l("Summary"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a summary of the item")),
                    Length(max=5000, message=_l("Summary must be 5,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    presenter = RadioField(_l("Who will present it?"), choices=PRESENTER_CHOICES,
                           validators=[InputRequired(message=CHOOSE_PRESENTER)],
                           invalid_choice_message=CHOOSE_PRESENTER, widget=GovRadioInput())
    presenter_member = SelectField(_l("Member"), choices=[], validate_choice=False, widget=GovSelect())
    presenter_name = StringField(_l("Their name and organisation"), filters=[strip_whitespace],
                                 validators=[Optional(), Length(max=200, message=_l(
                                     "Name must be 200 characters or fewer"))], widget=GovTextInput())
    paper = FileField(_l("Paper (optional)"), widget=GovFileInput())
    submit = SubmitField(_l("Propose the item"), widget=GovSubmitInput())

    def set_members(self, people: list[User]) -> None:
        """The members who may be named as presenter."""
        self.presenter_member.choices = [SelectChoice("", _l("Choose a member"))] + [
            SelectChoice(str(p.id), p.name) for p in people]

    def validate(self, extra_validators: Any = None) -> bool:
        """The presenter's details must match the choice."""
        ok = super().validate(extra_validators)
        if self.presenter.data == "member":
            ids = {choice.value for choice in self.presenter_member.choices if choice.value}
            if self.presenter_member.data not in ids:
                add_error(self.presenter_member, str(_l("Choose the member who will present the item")))
                ok = False
        if self.presenter.data == "other" and not self.presenter_name.data:
            add_error(self.presenter_name, str(_l("Enter the name of the person who will present the item")))
            ok = False
        return ok


class DurationForm(FlaskForm):
    """How many minutes an accepted item gets."""

    minutes = IntegerField(
        _l("Minutes"),
        validators=[InputRequired(message=_l("Enter the number of minutes")),
                    NumberRange(min=1, max=600, message=_l("Minutes must be between 1 and 600"))],
        widget=GovTextInput(),
    )
    save = SubmitField(_l("Save time"), widget=GovSubmitInput())
