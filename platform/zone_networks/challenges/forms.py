"""The challenge forms: post or edit a challenge, offer help, and the CSRF-only button form.

Choices (networks, zones, sectors, people, documents, case studies) are set
by the route before validating, from what the person may choose; a value that
was not offered is refused with "Select ... from the list".
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zone_networks.casestudies.labels import THEME_LABELS
from zone_networks.challenges.models import THEMES
from zone_networks.challenges.services import TEXT_MAX, ChallengeDetails
from zone_networks.core.forms import strip_whitespace
from zone_networks.discussions.models import BODY_MAX, CLIENT_ID_MAX, TITLE_MAX
from zone_networks.meetings.fields import add_error

MARKDOWN_HINT = _l("You can use Markdown: **bold**, a dash and a space to start each item of a list, "
                   "and [link text](https://www.gov.uk) for a link.")
TEXT_TOO_LONG = _l("This must be 5,000 characters or fewer")


def _id(value: Any) -> int:
    """Coerce a checkbox or select value to an id; anything else becomes -1 (never a real id)."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) <= 12 else -1


def _offered(field: SelectField | SelectMultipleField) -> set[str]:
    return {str(choice[0]) for choice in field.iter_choices()} if field.choices else set()


def _text(label: Any, hint: Any, required: Any = None) -> TextAreaField:
    validators: list[Any] = [DataRequired(message=required)] if required else [Optional()]
    return TextAreaField(label, description=hint, filters=[strip_whitespace],
                         validators=[*validators, Length(max=TEXT_MAX, message=TEXT_TOO_LONG)], widget=GovTextArea())


class ConfirmForm(FlaskForm):
    """A form with only a CSRF token, for the buttons (we have this too, this helped, resolve, reopen, write up)."""


class ChallengeForm(FlaskForm):
    """Post or edit a challenge."""

    title = StringField(
        _l("Title"), description=_l("A short line other zones will recognise, for example "
                                    "“Not enough welders for offshore wind”."),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=TITLE_MAX, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    network = SelectField(_l("Network"), description=_l("The members of this network will see the challenge."),
                          validate_choice=False, widget=GovSelect())
    zone = SelectField(_l("Zone"), description=_l("The zone that has this challenge."), validate_choice=False,
                       widget=GovSelect())
    sectors = SelectMultipleField(_l("Sectors (optional)"), description=_l("Select all that apply."), coerce=_id,
                                  validate_choice=False, widget=GovCheckboxesInput())
    theme = RadioField(
        _l("Theme"), choices=[SelectChoice(code, THEME_LABELS[code]) for code in THEMES],
        validators=[InputRequired(message=_l("Select a theme"))], invalid_choice_message=_l("Select a theme"),
        widget=GovRadioInput(),
    )
    problem = _text(_l("The problem"), MARKDOWN_HINT, _l("Enter the problem"))
    tried = _text(_l("What you have tried (optional)"), _l("So that nobody suggests it again."))
    help_wanted = _text(_l("What help you want"), _l("For example, a contact in a zone that solved it, or a "
                                                     "document you could adapt."), _l("Enter the help you want"))
    submit = SubmitField(_l("Post challenge"), widget=GovSubmitInput())

    def set_choices(self, *, networks: list[tuple[int, str]] | None, zones: list[tuple[int, str]] | None,
                    sectors: list[tuple[int, str]]) -> None:
        """The options; None for networks or zones means the question is not asked (it is fixed)."""
        self.network.choices = [SelectChoice(str(value), label) for value, label in networks or []]
        self.zone.choices = [SelectChoice("", _l("Select a zone"))] + [
            SelectChoice(str(value), label) for value, label in zones or []]
        self.sectors.choices = [SelectChoice(str(value), label) for value, label in sectors]
        self._ask_network = networks is not None
        self._ask_zone = zones is not None

    _ask_network = True
    _ask_zone = True

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then that every chosen network, zone and sector was offered."""
        valid = super().validate(extra_validators)
        if self._ask_network and str(self.network.data or "") not in _offered(self.network):
            add_error(self.network, str(_l("Select a network")))
            valid = False
        if self._ask_zone and (not self.zone.data or str(self.zone.data) not in _offered(self.zone)):
            add_error(self.zone, str(_l("Select a zone")))
            valid = False
        offered = _offered(self.sectors)
        if any(str(value) not in offered for value in self.sectors.data or []):
            add_error(self.sectors, str(_l("Select sectors from the list")))
            valid = False
        return valid

    def details(self) -> ChallengeDetails:
        """The validated details (call only after a successful validate)."""
        return ChallengeDetails(
            title=self.title.data or "", theme=self.theme.data or "", problem=self.problem.data or "",
            tried=self.tried.data or "", help_wanted=self.help_wanted.data or "",
            sector_ids=[int(value) for value in self.sectors.data or []],
        )


class OfferForm(FlaskForm):
    """Offer help: a message and, optionally, a person, a document or a case study to point at."""

    body = TextAreaField(
        _l("Your offer of help"), description=MARKDOWN_HINT,
        validators=[DataRequired(message=_l("Enter your offer of help")),
                    Length(max=BODY_MAX, message=_l("Your offer must be 10,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    person = SelectField(_l("Someone to talk to (optional)"),
                         description=_l("A member of this network who knows about this."),
                         validate_choice=False, widget=GovSelect())
    document = SelectField(_l("A document (optional)"), description=_l("The newest documents you can see."),
                           validate_choice=False, widget=GovSelect())
    case_study = SelectField(_l("A case study (optional)"), description=_l("The newest published case studies."),
                             validate_choice=False, widget=GovSelect())
    # Chosen when the form is shown: sending the same form twice stores one offer.
    client_id = HiddenField(validators=[Optional(), Length(max=CLIENT_ID_MAX)])
    submit = SubmitField(_l("Offer help"), widget=GovSubmitInput())

    def set_choices(self, *, people: list[tuple[int, str]], documents: list[tuple[int, str]],
                    case_studies: list[tuple[int, str]]) -> None:
        """The people, documents and case studies the person may link."""
        self.person.choices = [SelectChoice("", _l("No one"))] + [
            SelectChoice(str(value), label) for value, label in people]
        self.document.choices = [SelectChoice("", _l("No document"))] + [
            SelectChoice(str(value), label) for value, label in documents]
        self.case_study.choices = [SelectChoice("", _l("No case study"))] + [
            SelectChoice(str(value), label) for value, label in case_studies]

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then that each chosen link was offered."""
        valid = super().validate(extra_validators)
        for field, message in ((self.person, _l("Select a person from the list")),
                               (self.document, _l("Select a document from the list")),
                               (self.case_study, _l("Select a case study from the list"))):
            if field.data and str(field.data) not in _offered(field):
                add_error(field, str(message))
                valid = False
        return valid

    def chosen(self, name: str) -> int | None:
        """The id chosen in one of the link fields, or None."""
        value = getattr(self, name).data
        return _id(value) if value else None
