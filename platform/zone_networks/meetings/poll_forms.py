"""Forms for date polls: propose 2 to 20 options, answer every option, and choose the time to schedule.

The proposal form has one row per option (a GOV.UK date input and two time
boxes, as on the meeting form). It starts with a few rows and an "Add another
option" button adds one more (up to 20) without JavaScript; blank rows are
ignored. `poll_form(rows)` builds the form class with that many rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zone_networks.core.clock import as_utc, utcnow
from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import GovDateField, GovTimeField, add_error, london_datetime
from zone_networks.meetings.forms import DESCRIPTION_MAX, DESCRIPTION_TOO_LONG, TIMING_CHOICES, PlaceFields
from zone_networks.meetings.labels import meeting_when
from zone_networks.meetings.poll_models import PollOption
from zone_networks.meetings.poll_services import MAX_OPTIONS, MIN_OPTIONS, PollDetails, Slot
from zone_networks.meetings.times import all_day_bounds, london_to_utc, london_today

FIRST_ROWS = 3  # option rows on a new form
ANSWER_CHOICES = [
    SelectChoice("yes", _l("Yes")),
    SelectChoice("if_need_be", _l("If need be")),
    SelectChoice("no", _l("No")),
]


def row_count(value: Any, *, add: bool = False) -> int:
    """The number of option rows a posted form had (plus one for "Add another option"), kept within 2 to 20."""
    text = str(value or "")
    rows = int(text) if text.isdigit() and len(text) <= 2 else FIRST_ROWS
    if add:
        rows += 1
    return max(MIN_OPTIONS, min(MAX_OPTIONS, rows))


@dataclass(frozen=True)
class OptionRow:
    """The three fields of one option row, and its number (1-based)."""

    number: int
    date: GovDateField
    start: GovTimeField
    end: GovTimeField


class PollForm(PlaceFields):
    """Propose a meeting and the options for it (the option rows are added by `poll_form`)."""

    rows = 0

    title = StringField(
        _l("Title of the meeting"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=200, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    description = TextAreaField(
        _l("Description (optional)"),
        description=_l("What the meeting is for and who should come. You can use Markdown: **bold**, lists, links."),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=DESCRIPTION_MAX, message=DESCRIPTION_TOO_LONG)],
        widget=GovTextArea(),
    )
    answer_by = GovDateField(_l("Ask people to answer by (optional)"), description=_l("For example, 12 3 2027"),
                             name_in_messages=_l("The answer-by date"))
    timing = RadioField(
        _l("Times"), choices=TIMING_CHOICES, default="timed",
        validators=[InputRequired(message=_l("Choose whether the meeting has set times or is all day"))],
        invalid_choice_message=_l("Choose whether the meeting has set times or is all day"), widget=GovRadioInput(),
    )
    option_count = HiddenField()
    add_option = SubmitField(_l("Add another option"), widget=GovSubmitInput())
    submit = SubmitField(_l("Start the poll"), widget=GovSubmitInput())

    _details: PollDetails | None = None

    def option_rows(self) -> Iterator[OptionRow]:
        """The option rows, in order."""
        for number in range(1, self.rows + 1):
            yield OptionRow(number, getattr(self, f"option{number}_date"), getattr(self, f"option{number}_start"),
                            getattr(self, f"option{number}_end"))

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the options and the rules that need several fields."""
        valid = super().validate(extra_validators)
        slots = self._slots()
        place_ok = self.check_place()
        answer_by = self._answer_by(slots)
        if not (valid and slots is not None and place_ok and answer_by is not False):
            return False
        self._details = PollDetails(
            title=self.title.data or "", description=self.description.data or "", slots=slots,
            answer_by=answer_by if isinstance(answer_by, datetime) else None, format=self.format.data or "in_person",
            venue=self.venue.data or "", join_link=self.join_link.data or "", capacity=self.capacity_value(),
            is_public=self.visibility.data == "public",
        )
        return True

    def details(self) -> PollDetails:
        """The validated poll (call only after a successful validate)."""
        assert self._details is not None
        return self._details

    def _slots(self) -> list[Slot] | None:
        """Every filled-in row as a slot; None (with errors on the rows) if any row is wrong or too few are filled."""
        all_day = self.timing.data == "all_day"
        now = utcnow()
        ok = True
        slots: list[Slot] = []
        seen: dict[tuple[datetime, datetime], int] = {}
        first_blank: OptionRow | None = None
        for row in self.option_rows():
            if row.date.errors or (not all_day and (row.start.errors or row.end.errors)):
                ok = False
                continue
            if row.date.data is None:
                if not all_day and (row.start.data is not None or row.end.data is not None):
                    add_error(row.date, _("Enter the date of option %(number)d", number=row.number))
                    ok = False
                elif first_blank is None:
                    first_blank = row
                continue
            slot = _all_day_slot(row.date.data) if all_day else _timed_slot(row)
            if slot is None:
                ok = False
                continue
            if slot.starts_at <= now:
                add_error(row.date, _("Option %(number)d must be in the future", number=row.number))
                ok = False
                continue
            key = (slot.starts_at, slot.ends_at)
            if key in seen:
                add_error(row.date, _("Option %(number)d is the same as option %(other)d", number=row.number,
                                      other=seen[key]))
                ok = False
                continue
            seen[key] = row.number
            slots.append(slot)
        if ok and len(slots) < MIN_OPTIONS:
            target = first_blank or next(self.option_rows())
            add_error(target.date, _("Enter at least %(num)d options", num=MIN_OPTIONS))
            ok = False
        return slots if ok else None

    def _answer_by(self, slots: list[Slot] | None) -> datetime | bool | None:
        """The answer-by guidance as the end of that UK day; False (with an error) if it is wrong."""
        if self.answer_by.errors:
            return False
        day = self.answer_by.data
        if day is None:
            return None
        if day < london_today():
            add_error(self.answer_by, _("The answer-by date must be today or in the future"))
            return False
        if slots and any(day > slot.first_day for slot in slots):
            add_error(self.answer_by, _("The answer-by date must be on or before the date of the earliest option"))
            return False
        return london_to_utc(day, time(23, 59))


def _all_day_slot(day: date) -> Slot:
    starts_at, ends_at = all_day_bounds(day, day)
    return Slot(starts_at, ends_at, all_day=True)


def _timed_slot(row: OptionRow) -> Slot | None:
    """A timed slot from a row; None with an error on the row if a time is missing, impossible or backwards."""
    if row.start.data is None:
        add_error(row.start, _("Enter the start time of option %(number)d", number=row.number))
    if row.end.data is None:
        add_error(row.end, _("Enter the end time of option %(number)d", number=row.number))
    starts_at = london_datetime(row.date, row.start)
    ends_at = london_datetime(row.date, row.end)
    if starts_at is None or ends_at is None:
        return None
    if ends_at <= starts_at:
        add_error(row.end, _("Option %(number)d must end after it starts", number=row.number))
        return None
    return Slot(starts_at, ends_at)


@lru_cache(maxsize=MAX_OPTIONS)
def poll_form(rows: int) -> type[PollForm]:
    """The proposal form class with `rows` option rows (2 to 20)."""
    fields: dict[str, Any] = {"rows": rows}
    for number in range(1, rows + 1):
        fields[f"option{number}_date"] = GovDateField(
            _l("Date"), name_in_messages=_l("The date of option %(number)d", number=number))
        fields[f"option{number}_start"] = GovTimeField(
            _l("Start time (UK time)"), description="",
            invalid_message=_l("Enter the start time of option %(number)d like 14:30 or 2:30pm", number=number))
        fields[f"option{number}_end"] = GovTimeField(
            _l("End time (UK time)"), description="",
            invalid_message=_l("Enter the end time of option %(number)d like 16:00 or 4pm", number=number))
    return type(f"PollForm{rows}", (PollForm,), fields)


class VoteForm(FlaskForm):
    """Yes, if need be or no for every option (the fields are added by `vote_form`)."""

    submit = SubmitField(_l("Save your answers"), widget=GovSubmitInput())
    option_ids: tuple[int, ...] = ()

    def answers(self) -> dict[int, str]:
        """The answer given for each option id."""
        return {option_id: getattr(self, f"option_{option_id}").data for option_id in self.option_ids}

    def answer_fields(self) -> list[Any]:
        """The question for each option, in the options' order."""
        return [getattr(self, f"option_{option_id}") for option_id in self.option_ids]


def vote_form(options: Sequence[PollOption], answers: dict[int, str] | None = None) -> VoteForm:
    """A form asking about each option; on GET it shows `answers` (the viewer's answers so far)."""
    fields: dict[str, Any] = {"option_ids": tuple(option.id for option in options)}
    for option in options:
        when = meeting_when(option)
        message = _("Choose yes, if need be or no for %(when)s", when=when)
        fields[f"option_{option.id}"] = RadioField(
            when, choices=ANSWER_CHOICES, validators=[InputRequired(message=message)],
            invalid_choice_message=message, widget=GovRadioInput(),
        )
    form_class = type("PollVoteForm", (VoteForm,), fields)
    if answers is None:
        return form_class()
    data = {f"option_{option_id}": answer for option_id, answer in answers.items()}
    return form_class(formdata=None, data=data)


CHOOSE_MESSAGE = _l("Choose the option to schedule the meeting for")


class ChooseForm(FlaskForm):
    """Which option becomes the meeting (the route sets the choices with `choose_form`)."""

    option = RadioField(
        _l("Which option do you want to schedule?"), validators=[InputRequired(message=CHOOSE_MESSAGE)],
        invalid_choice_message=CHOOSE_MESSAGE, widget=GovRadioInput(),
    )
    choose_submit = SubmitField(_l("Schedule the meeting"), widget=GovSubmitInput())


def choose_form(options: Sequence[PollOption], *, suggested: int | None = None, post: bool = True) -> ChooseForm:
    """The choose form for the options that have not started yet, with `suggested` selected on GET."""
    now = utcnow()
    form = ChooseForm() if post else ChooseForm(formdata=None, data={"option": str(suggested) if suggested else None})
    form.option.choices = [SelectChoice(str(option.id), meeting_when(option)) for option in options
                           if as_utc(option.starts_at) > now]
    return form
