"""The case study form: one page in sections, and the small confirmation forms for publishing and visibility.

`CaseStudyForm.details()` returns the validated CaseStudyDetails after
`validate_on_submit()`. The choices (zones, sectors, contact people,
documents, meetings) are set by `set_choices()` before validating, from what
the editor may see. Figures are typed as whole numbers with optional commas
(and a £ for money); each needs a source when given.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zone_networks.casestudies.labels import FIGURE_LABELS, THEME_LABELS
from zone_networks.casestudies.models import FIGURES, THEMES, CaseStudy
from zone_networks.casestudies.services import (
    NOTE_MAX,
    SOURCE_MAX,
    SUMMARY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CaseStudyDetails,
    figure_limit,
)
from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import GovDateField, add_error

MARKDOWN_HINT = _l("You can use Markdown: **bold**, a dash and a space to start each item of a list, "
                   "and [link text](https://www.gov.uk) for a link.")
TEXT_TOO_LONG = _l("This must be 20,000 characters or fewer")
CHOOSE_FROM_LIST = _l("Select from the list")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}(,[0-9]{3})*|[0-9]+")


def _ids(value: Any) -> int:
    """Coerce a checkbox or select value to an id; anything else becomes -1 (never a real id)."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) <= 12 else -1


def parse_figure(text: str, *, money: bool = False) -> int | None:
    """A typed figure as a whole number: digits with optional commas (and a leading £ for money); None if not."""
    cleaned = text.strip().replace(" ", "")
    if money and cleaned.startswith("£"):
        cleaned = cleaned[1:]
    if not _WHOLE_NUMBER.fullmatch(cleaned):
        return None
    return int(cleaned.replace(",", ""))


def _text_area(label: Any, hint: Any = MARKDOWN_HINT) -> TextAreaField:
    return TextAreaField(label, description=hint, filters=[strip_whitespace],
                         validators=[Optional(), Length(max=TEXT_MAX, message=TEXT_TOO_LONG)], widget=GovTextArea())


def _figure(name: str) -> StringField:
    hint = (_l("In whole pounds, for example 186,000,000 for £186 million.") if name == "investment_gbp"
            else _l("A whole number, for example 1,200."))
    return StringField(FIGURE_LABELS[name], description=hint, filters=[strip_whitespace], widget=GovTextInput())


def _source(name: str) -> StringField:
    return StringField(
        _l("Source of the figure"),
        description=_l("Where the figure comes from, for example the zone's annual report 2025."),
        filters=[strip_whitespace],
        validators=[Length(max=SOURCE_MAX, message=_l("Source must be 300 characters or fewer"))],
        widget=GovTextInput(),
    )


class ConfirmForm(FlaskForm):
    """A form with only a CSRF token, for the publish, withdraw and visibility buttons."""


class CaseStudyForm(FlaskForm):
    """Create or edit a case study."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=TITLE_MAX, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    summary = TextAreaField(
        _l("Summary"), description=_l("One or two plain sentences saying what was done and what came of it."),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a summary")),
                    Length(max=SUMMARY_MAX, message=_l("Summary must be 500 characters or fewer"))],
        widget=GovCharacterCount(),
    )
    zones = SelectMultipleField(
        _l("Zones"), description=_l("Select every zone that took part."), coerce=_ids, validate_choice=False,
        widget=GovCheckboxesInput(),
    )
    sectors = SelectMultipleField(
        _l("Sectors (optional)"), description=_l("Select all that apply."), coerce=_ids, validate_choice=False,
        widget=GovCheckboxesInput(),
    )
    theme = RadioField(
        _l("Theme"), choices=[SelectChoice(code, THEME_LABELS[code]) for code in THEMES],
        validators=[InputRequired(message=_l("Select a theme"))], invalid_choice_message=_l("Select a theme"),
        widget=GovRadioInput(),
    )
    challenge = _text_area(_l("The challenge (optional until you publish)"))
    approach = _text_area(_l("What was done (optional until you publish)"))
    partners = _text_area(_l("Partners (optional)"), _l("The organisations that worked on it, and what each did."))
    started_on = GovDateField(_l("Start date (optional)"), name_in_messages=_l("Start date"),
                              description=_l("For example, 27 3 2024"))
    ended_on = GovDateField(_l("End date (optional)"), name_in_messages=_l("End date"),
                            description=_l("Leave blank if the work is still going on."))
    jobs_created = _figure("jobs_created")
    jobs_created_source = _source("jobs_created")
    investment_gbp = _figure("investment_gbp")
    investment_gbp_source = _source("investment_gbp")
    people_trained = _figure("people_trained")
    people_trained_source = _source("people_trained")
    businesses_supported = _figure("businesses_supported")
    businesses_supported_source = _source("businesses_supported")
    lessons = _text_area(_l("Lessons for other zones (optional)"))
    contact_id = SelectField(
        _l("Contact person (optional)"), description=_l("Someone other zones can ask about this work."),
        validate_choice=False, widget=GovSelect(),
    )
    documents = SelectMultipleField(
        _l("Attached documents (optional)"), coerce=_ids, validate_choice=False, widget=GovCheckboxesInput(),
        description=_l("The newest documents you can see. People who cannot see a document will not see it listed."),
    )
    meetings = SelectMultipleField(
        _l("Linked meetings (optional)"), coerce=_ids, validate_choice=False, widget=GovCheckboxesInput(),
        description=_l("Meetings from the last 2 years that you can see."),
    )
    note = StringField(
        _l("What did you change? (optional)"), description=_l("This note is kept in the case study's history."),
        filters=[strip_whitespace],
        validators=[Length(max=NOTE_MAX, message=_l("The note must be 300 characters or fewer"))],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Save case study"), widget=GovSubmitInput())

    _details: CaseStudyDetails | None = None

    def set_choices(self, *, zones: list[tuple[int, str]], sectors: list[tuple[int, str]],
                    contacts: list[tuple[int, str]], documents: list[tuple[int, str]],
                    meetings: list[tuple[int, str]]) -> None:
        """The checkboxes and select options the editor may choose from."""
        self.zones.choices = [SelectChoice(str(value), label) for value, label in zones]
        self.sectors.choices = [SelectChoice(str(value), label) for value, label in sectors]
        self.contact_id.choices = [SelectChoice("", _l("No contact person"))] + [
            SelectChoice(str(value), label) for value, label in contacts]
        self.documents.choices = [SelectChoice(str(value), label) for value, label in documents]
        self.meetings.choices = [SelectChoice(str(value), label) for value, label in meetings]

    def _chosen(self, field: SelectMultipleField, required_message: Any = None) -> list[int] | None:
        """The ids ticked in `field`, each one offered; None (with an error on the field) otherwise."""
        values = list(field.data or [])
        offered = {_ids(choice[0]) for choice in field.iter_choices()} if field.choices else set()
        if any(value not in offered for value in values):
            add_error(field, str(CHOOSE_FROM_LIST))
            return None
        if required_message is not None and not values:
            add_error(field, str(required_message))
            return None
        return values

    def _figures(self) -> dict[str, int | None] | None:
        values: dict[str, int | None] = {}
        ok = True
        for name in FIGURES:
            field: Field = getattr(self, name)
            source: Field = getattr(self, f"{name}_source")
            what = str(FIGURE_LABELS[name])
            text = field.data or ""
            value = parse_figure(text, money=name == "investment_gbp") if text else None
            if text and value is None:
                ok = False
                if re.fullmatch(r"-[0-9,]+", text.replace(" ", "")):
                    add_error(field, str(_l("%(figure)s must be 0 or more", figure=what)))
                elif name == "investment_gbp":
                    add_error(field, str(_l("Private investment must be a whole number of pounds, "
                                            "like 186,000,000")))
                else:
                    add_error(field, str(_l("%(figure)s must be a whole number, like 1,200", figure=what)))
            elif value is not None and value > figure_limit(name):
                ok = False
                add_error(field, str(_l("%(figure)s must be %(limit)s or less", figure=what,
                                        limit=f"{figure_limit(name):,}")))
            elif value is not None and not source.data and not source.errors:
                ok = False
                add_error(source, str(_l("Enter where the figure for %(what)s comes from", what=what.lower())))
            elif not text and source.data:
                ok = False
                add_error(field, str(_l("Enter the figure for %(what)s, or remove its source", what=what.lower())))
            values[name] = value
        return values if ok else None

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the rules that need several fields; errors go on the field they concern."""
        valid = super().validate(extra_validators)
        zones = self._chosen(self.zones, _l("Select at least one zone"))
        sectors = self._chosen(self.sectors)
        documents = self._chosen(self.documents)
        meetings = self._chosen(self.meetings)
        contact = _ids(self.contact_id.data) if self.contact_id.data else None
        if contact is not None and str(contact) not in {str(choice[0]) for choice in self.contact_id.iter_choices()}:
            add_error(self.contact_id, str(_l("Select a contact person from the list")))
            valid = False
        figures = self._figures()
        started, ended = self.started_on.data, self.ended_on.data
        if started and ended and ended < started:
            add_error(self.ended_on, str(_l("End date must be the same as or after the start date")))
            valid = False
        if not valid or zones is None or sectors is None or documents is None or meetings is None or figures is None:
            return False
        self._details = CaseStudyDetails(
            title=self.title.data or "", summary=self.summary.data or "", theme=self.theme.data or "other",
            zone_ids=zones, sector_ids=sectors, challenge=self.challenge.data or "",
            approach=self.approach.data or "", partners=self.partners.data or "", lessons=self.lessons.data or "",
            started_on=started, ended_on=ended, contact_id=contact, document_ids=documents, meeting_ids=meetings,
        )
        for name in FIGURES:
            setattr(self._details, name, figures[name])
            setattr(self._details, f"{name}_source", getattr(self, f"{name}_source").data or "")
        return True

    def details(self) -> CaseStudyDetails:
        """The validated details (call only after a successful validate)."""
        assert self._details is not None
        return self._details


def case_study_form_data(case_study: CaseStudy) -> dict[str, Any]:
    """What the edit form shows for an existing case study (its links must be loaded)."""
    data: dict[str, Any] = {
        name: getattr(case_study, name)
        for name in ("title", "summary", "theme", "challenge", "approach", "partners", "lessons",
                     "started_on", "ended_on")
    }
    for name in FIGURES:
        value = getattr(case_study, name)
        data[name] = "" if value is None else f"{value:,}"
        data[f"{name}_source"] = getattr(case_study, f"{name}_source")
    data["contact_id"] = str(case_study.contact_id) if case_study.contact_id else ""
    data["zones"] = [zone.id for zone in case_study.zones]
    data["sectors"] = [sector.id for sector in case_study.sectors]
    data["documents"] = [document.id for document in case_study.documents]
    data["meetings"] = [meeting.id for meeting in case_study.meetings]
    return data
