"""Forms for action items: recording one with the minutes, changing its status, and the action log's filters."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import Form, RadioField, SelectChoice, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from zone_networks.accounts.models import User
from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import GovDateField, add_error

STATUS_CHOICES = [
    SelectChoice("open", _l("Open")),
    SelectChoice("done", _l("Done")),
    SelectChoice("dropped", _l("Dropped")),
]
CHOOSE_STATUS = _l("Select the status of the action")


class ActionForm(FlaskForm):
    """What must be done, by whom and by when."""

    description = TextAreaField(
        _l("What needs to be done"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter what needs to be done")),
                    Length(max=2000, message=_l("Action must be 2,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    owner = SelectField(_l("Who will do it"), choices=[], validate_choice=False, widget=GovSelect())
    due = GovDateField(_l("Due date"), name_in_messages=_l("Due date"),
                       missing_message=_l("Enter the due date"))
    save = SubmitField(_l("Record the action"), widget=GovSubmitInput())

    def set_people(self, people: list[User]) -> None:
        """The people who may own the action."""
        self.owner.choices = [SelectChoice("", _l("Choose a person"))] + [
            SelectChoice(str(p.id), p.name) for p in people]

    def validate(self, extra_validators: Any = None) -> bool:
        """The owner must be one of the choices."""
        ok = super().validate(extra_validators)
        ids = {choice.value for choice in self.owner.choices if choice.value}
        if self.owner.data not in ids:
            add_error(self.owner, str(_l("Choose who will do it")))
            ok = False
        return ok


class ActionStatusForm(FlaskForm):
    """Open, done or dropped."""

    status = RadioField(_l("Status"), choices=STATUS_CHOICES, validators=[InputRequired(message=CHOOSE_STATUS)],
                        invalid_choice_message=CHOOSE_STATUS, widget=GovRadioInput())
    save = SubmitField(_l("Save status"), widget=GovSubmitInput())


class LogFilterForm(Form):
    """The action log's filters, read from the query string (a GET form: shareable URLs)."""

    zone = SelectField(_l("Zone"), choices=[], validate_choice=False, widget=GovSelect())
    status = SelectField(_l("Status"), choices=[SelectChoice("", _l("Any status")), *STATUS_CHOICES],
                         validate_choice=False, widget=GovSelect())
    meeting = SelectField(_l("Meeting"), choices=[], validate_choice=False, widget=GovSelect())
