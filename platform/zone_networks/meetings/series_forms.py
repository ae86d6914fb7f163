"""Forms for meeting series: set one up (rule, first meeting, details) and change its title and description."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import GovDateField, GovTimeField, add_error, london_datetime
from zone_networks.meetings.forms import (
    DESCRIPTION_MAX,
    DESCRIPTION_TOO_LONG,
    TIMING_CHOICES,
    PlaceFields,
    status_choices,
)
from zone_networks.meetings.labels import RECURRENCE_LABELS
from zone_networks.meetings.models import OCCURRENCE_STATUSES
from zone_networks.meetings.recurrence import MAX_COUNT, RecurrenceError, normalise_rule, preset_rule, with_end
from zone_networks.meetings.series_services import DAY_MINUTES, SeriesDetails
from zone_networks.meetings.times import all_day_bounds


def _whole_number(text: str | None, low: int, high: int) -> int | None:
    cleaned = (text or "").replace(",", "").strip()
    if not cleaned.isdigit():
        return None
    value = int(cleaned)
    return value if low <= value <= high else None


class SeriesForm(PlaceFields):
    """Set up a series (the route sets the recurrence choices: custom rules are for the secretariat)."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=200, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    description = TextAreaField(
        _l("Description (optional)"), description=_l("You can use Markdown: **bold**, lists, links."),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=DESCRIPTION_MAX, message=DESCRIPTION_TOO_LONG)],
        widget=GovTextArea(),
    )
    recurrence = RadioField(
        _l("How often does it meet?"), default="monthly_weekday",
        validators=[InputRequired(message=_l("Choose how often the series meets"))],
        invalid_choice_message=_l("Choose how often the series meets"), widget=GovRadioInput(),
    )
    custom_rule = StringField(
        _l("Custom rule (only if you chose a custom rule)"),
        description=_l("An RFC 5545 RRULE, for example FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE"),
        filters=[strip_whitespace], widget=GovTextInput(),
    )
    timing = RadioField(
        _l("Times"), choices=TIMING_CHOICES, default="timed",
        validators=[InputRequired(message=_l("Choose whether the meetings have set times or are all day"))],
        invalid_choice_message=_l("Choose whether the meetings have set times or are all day"),
        widget=GovRadioInput(),
    )
    first_date = GovDateField(_l("Date of the first meeting"), description=_l("For example, 9 3 2027"),
                              missing_message=_l("Enter the date of the first meeting"))
    start_time = GovTimeField(_l("Start time (UK time)"), invalid_message=_l("Enter a start time like 10:00 or 10am"))
    end_time = GovTimeField(_l("End time (UK time)"), invalid_message=_l("Enter an end time like 12:00 or 12pm"))
    count = StringField(_l("Number of meetings (optional)"), filters=[strip_whitespace], widget=GovTextInput())
    until_date = GovDateField(_l("Last date (optional)"),
                              description=_l("Leave this and the number of meetings blank for a series with no end."))
    papers_days = StringField(_l("Deadline for agenda items, in days before each meeting (optional)"),
                              filters=[strip_whitespace], widget=GovTextInput())
    status = RadioField(
        _l("Status of the meetings"), choices=status_choices(OCCURRENCE_STATUSES), default="scheduled",
        validators=[InputRequired(message=_l("Choose a status"))], invalid_choice_message=_l("Choose a status"),
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Set up series"), widget=GovSubmitInput())

    _details: SeriesDetails | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the rule, the times and the ending."""
        valid = super().validate(extra_validators)
        when = self._first_meeting()
        rule = self._rule()
        place_ok = self.check_place()
        papers = _whole_number(self.papers_days.data, 0, 365)
        if self.papers_days.data and papers is None:
            add_error(self.papers_days, str(_l("Enter the number of days as a whole number between 0 and 365")))
            return False
        if not (valid and when and rule and place_ok):
            return False
        starts_at, ends_at = when
        self._details = SeriesDetails(
            title=self.title.data or "", description=self.description.data or "", rrule=rule, starts_at=starts_at,
            duration_minutes=int((ends_at - starts_at).total_seconds() // 60) if self.timing.data == "timed"
            else DAY_MINUTES,
            all_day=self.timing.data == "all_day", format=self.format.data or "in_person",
            venue=self.venue.data or "", join_link=self.join_link.data or "", capacity=self.capacity_value(),
            is_public=self.visibility.data == "public", occurrence_status=self.status.data or "scheduled",
            papers_days_before=papers,
        )
        return True

    def _first_meeting(self) -> tuple[datetime, datetime] | None:
        day = self.first_date.data
        if day is None:
            return None
        if self.timing.data == "all_day":
            return all_day_bounds(day, day)
        if self.start_time.data is None and not self.start_time.errors:
            add_error(self.start_time, str(_l("Enter the time the meetings start")))
        if self.end_time.data is None and not self.end_time.errors:
            add_error(self.end_time, str(_l("Enter the time the meetings end")))
        starts_at = london_datetime(self.first_date, self.start_time)
        ends_at = london_datetime(self.first_date, self.end_time)
        if starts_at is None or ends_at is None:
            return None
        if ends_at <= starts_at:
            add_error(self.end_time, str(_l("The meetings must end after they start")))
            return None
        return starts_at, ends_at

    def _rule(self) -> str | None:
        count = _whole_number(self.count.data, 1, MAX_COUNT)
        if self.count.data and count is None:
            add_error(self.count, str(_l("Enter the number of meetings as a whole number between 1 and 500")))
            return None
        if count is not None and self.until_date.data is not None:
            add_error(self.until_date, str(_l("Enter a number of meetings or a last date, not both")))
            return None
        if self.until_date.errors or self.first_date.data is None:
            return None
        if self.until_date.data is not None and self.until_date.data < self.first_date.data:
            add_error(self.until_date, str(_l("The last date must be on or after the date of the first meeting")))
            return None
        choice = self.recurrence.data
        if choice not in RECURRENCE_LABELS or self.recurrence.errors:
            return None
        try:
            if choice == "custom":
                if not self.custom_rule.data:
                    add_error(self.custom_rule, str(_l("Enter a recurrence rule, like FREQ=MONTHLY;BYDAY=2TU")))
                    return None
                rule = normalise_rule(self.custom_rule.data)
            else:
                rule = preset_rule(choice, self.first_date.data)
            if count is not None or self.until_date.data is not None:
                rule = with_end(rule, count=count, until_day=self.until_date.data)
        except RecurrenceError as error:
            add_error(self.custom_rule, str(error))
            return None
        return rule

    def details(self) -> SeriesDetails:
        """The validated series (call only after a successful validate)."""
        assert self._details is not None
        return self._details


class SeriesEditForm(FlaskForm):
    """Change a series' title and description (its future meetings change too)."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=200, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    description = TextAreaField(
        _l("Description (optional)"), filters=[strip_whitespace],
        validators=[Optional(), Length(max=DESCRIPTION_MAX, message=DESCRIPTION_TOO_LONG)],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Save changes"), widget=GovSubmitInput())


def recurrence_choices(staff: bool) -> list[SelectChoice]:
    """The recurrence presets; the custom rule only for the secretariat."""
    return [SelectChoice(code, label) for code, label in RECURRENCE_LABELS.items() if staff or code != "custom"]
