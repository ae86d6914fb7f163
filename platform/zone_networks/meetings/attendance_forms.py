"""The attendance form: tick who came, from those who said yes and the rest of the network."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectChoice, SelectMultipleField, SubmitField

from zone_networks.accounts.models import User
from zone_networks.meetings.attendance_queries import Candidates
from zone_networks.meetings.rsvp_models import Rsvp

CHOOSE_FROM_LIST = _l("Choose people from the list")


class AttendanceForm(FlaskForm):
    """Who came: two groups of checkboxes (the route sets the choices with `set_choices`)."""

    said_yes = SelectMultipleField(
        _l("People who said they would come"), description=_l("Select everyone who came."),
        invalid_choice_message=CHOOSE_FROM_LIST, widget=GovCheckboxesInput(),
    )
    others = SelectMultipleField(
        _l("Other members of the network"), description=_l("Select anyone else who came."),
        invalid_choice_message=CHOOSE_FROM_LIST, widget=GovCheckboxesInput(),
    )
    submit = SubmitField(_l("Save attendance"), widget=GovSubmitInput())

    def set_choices(self, candidates: Candidates) -> None:
        """List the candidates as checkboxes."""
        self.said_yes.choices = [SelectChoice(str(rsvp.user_id), _yes_label(rsvp)) for rsvp in candidates.said_yes]
        self.others.choices = [SelectChoice(str(person.id), _person_label(person)) for person in candidates.others]

    def attended(self) -> set[int]:
        """The ids of everyone ticked."""
        return {int(value) for value in [*(self.said_yes.data or []), *(self.others.data or [])]}


def _person_label(person: User) -> str:
    return f"{person.name} ({person.organisation.name})"


def _yes_label(rsvp: Rsvp) -> str:
    label = _person_label(rsvp.user)
    if rsvp.is_waitlisted:
        return _("%(person)s, on the waiting list", person=label)
    return label


def initial_data(candidates: Candidates) -> dict[str, list[str]]:
    """The form as last saved: everyone already recorded is ticked."""
    yes_ids = {rsvp.user_id for rsvp in candidates.said_yes}
    return {
        "said_yes": [str(user_id) for user_id in candidates.recorded_ids if user_id in yes_ids],
        "others": [str(user_id) for user_id in candidates.recorded_ids if user_id not in yes_ids],
    }
