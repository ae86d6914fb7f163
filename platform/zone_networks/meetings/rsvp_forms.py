"""Forms for answering a meeting (yes / no / maybe) and sending someone from your zone in your place."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired

from zone_networks.accounts.models import User

RESPONSE_CHOICES = [
    SelectChoice("yes", _l("Yes, I will come")),
    SelectChoice("maybe", _l("Maybe")),
    SelectChoice("no", _l("No, I cannot come")),
]
CHOOSE_RESPONSE = _l("Select yes, no or maybe")
CHOOSE_SUBSTITUTE = _l("Choose who will go in your place")


class RsvpForm(FlaskForm):
    """Will you come? Yes / maybe / no."""

    rsvp_response = RadioField(
        _l("Will you come to this meeting?"), choices=RESPONSE_CHOICES,
        validators=[InputRequired(message=CHOOSE_RESPONSE)], invalid_choice_message=CHOOSE_RESPONSE,
        widget=GovRadioInput(),
    )
    rsvp_submit = SubmitField(_l("Save your answer"), widget=GovSubmitInput())


class SubstituteForm(FlaskForm):
    """Who from your zone goes in your place (the route sets the choices with `substitute_options`)."""

    substitute = SelectField(
        _l("Who will go in your place?"),
        description=_l("People from your zone who are members of this network."),
        validators=[InputRequired(message=CHOOSE_SUBSTITUTE)], invalid_choice_message=CHOOSE_SUBSTITUTE,
        widget=GovSelect(),
    )
    submit = SubmitField(_l("Send them in my place"), widget=GovSubmitInput())


def substitute_options(people: list[User]) -> list[SelectChoice]:
    """A blank prompt, then each person as "Name, job title"."""
    choices = [SelectChoice("", _l("Choose a person"))]
    choices += [SelectChoice(str(person.id), f"{person.name}, {person.job_title}" if person.job_title else person.name)
                for person in people]
    return choices
