"""The meeting form: what, when (UK time; timed, all-day or several days), how and where, who, and status.

`MeetingForm.details()` returns the validated MeetingDetails (UTC times) after
`validate_on_submit()`; cross-field rules (end after start, venue or link for
the format, the clock-change hour) are checked in `validate()` and put on the
field they concern, so the error summary links to it.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zone_networks.core.clock import to_london
from zone_networks.core.forms import strip_whitespace
from zone_networks.meetings.fields import GovDateField, GovTimeField, add_error, london_datetime
from zone_networks.meetings.labels import FORMAT_LABELS, STATUS_LABELS
from zone_networks.meetings.services import LINK_MAX, MAX_CAPACITY, MeetingDetails, is_web_link
from zone_networks.meetings.times import LocalTimeError, all_day_bounds, london_to_utc

DESCRIPTION_MAX = 20_000
VENUE_MAX = 1_000
DESCRIPTION_TOO_LONG = _l("Description must be 20,000 characters or fewer")
TIMING_CHOICES = [
    SelectChoice("timed", _l("It starts and ends at set times")),
    SelectChoice("all_day", _l("All day")),
]
VISIBILITY_CHOICES = [
    SelectChoice("members", _l("Members only: the network's members and the secretariat")),
    SelectChoice("public", _l("Public: anyone can see the meeting's page (the joining link stays for members)")),
]


def status_choices(codes: tuple[str, ...]) -> list[SelectChoice]:
    """Radio choices for the given meeting statuses."""
    return [SelectChoice(code, STATUS_LABELS[code]) for code in codes]


class ConfirmForm(FlaskForm):
    """A form with only a CSRF token, for confirmation buttons."""


class PlaceFields(FlaskForm):
    """How people attend, where, how many, and who can see it (shared by meetings and series)."""

    format = RadioField(
        _l("How will people attend?"), choices=[SelectChoice(code, label) for code, label in FORMAT_LABELS.items()],
        default="in_person",
        validators=[InputRequired(message=_l("Choose how people will attend"))],
        invalid_choice_message=_l("Choose how people will attend"), widget=GovRadioInput(),
    )
    venue = TextAreaField(
        _l("Venue address (for in-person and hybrid meetings)"), filters=[strip_whitespace],
        validators=[Optional(), Length(max=VENUE_MAX, message=_l("Venue address must be 1,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    join_link = StringField(
        _l("Link to join online (for online and hybrid meetings)"),
        description=_l("Only the network's members and the secretariat will see it."),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=LINK_MAX, message=_l("The link must be 500 characters or fewer"))],
        widget=GovTextInput(),
    )
    capacity = StringField(
        _l("Number of places (optional)"), description=_l("Leave blank if there is no limit."),
        filters=[strip_whitespace], widget=GovTextInput(),
    )
    visibility = RadioField(
        _l("Who can see this meeting?"), choices=VISIBILITY_CHOICES, default="members",
        validators=[InputRequired(message=_l("Choose who can see this meeting"))],
        invalid_choice_message=_l("Choose who can see this meeting"), widget=GovRadioInput(),
    )

    def check_place(self) -> bool:
        """Venue and link as the format needs; a whole-number capacity. Errors go on the fields."""
        ok = True
        if self.format.data in ("in_person", "hybrid") and not self.venue.data and not self.venue.errors:
            add_error(self.venue, str(_l("Enter the venue address")))
            ok = False
        if self.format.data in ("online", "hybrid") and not self.join_link.data and not self.join_link.errors:
            add_error(self.join_link, str(_l("Enter the link to join the meeting online")))
            ok = False
        if self.join_link.data and not self.join_link.errors and not is_web_link(self.join_link.data):
            add_error(self.join_link,
                      str(_l("Enter a link that starts with https://, like https://meet.example.gov.uk/abc")))
            ok = False
        if self.capacity.data and self.capacity_value() is None:
            add_error(self.capacity, str(_l("Number of places must be a whole number between 1 and 10,000")))
            ok = False
        return ok

    def capacity_value(self) -> int | None:
        """The capacity as a number, or None when blank or not a valid one."""
        text = (self.capacity.data or "").replace(",", "")
        if not text.isdigit():
            return None
        value = int(text)
        return value if 1 <= value <= MAX_CAPACITY else None


class MeetingForm(PlaceFields):
    """Create or edit a meeting (status choices are set by the route)."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
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
    timing = RadioField(
        _l("Times"), choices=TIMING_CHOICES, default="timed",
        validators=[InputRequired(message=_l("Choose whether the meeting has set times or is all day"))],
        invalid_choice_message=_l("Choose whether the meeting has set times or is all day"), widget=GovRadioInput(),
    )
    start_date = GovDateField(_l("Start date"), description=_l("For example, 27 3 2027"),
                              missing_message=_l("Enter the date the meeting starts"))
    start_time = GovTimeField(_l("Start time (UK time)"), invalid_message=_l("Enter a start time like 14:30 or 2:30pm"))
    end_date = GovDateField(_l("End date (if not the same day)"),
                            description=_l("Leave blank if the meeting ends on the day it starts."))
    end_time = GovTimeField(_l("End time (UK time)"), invalid_message=_l("Enter an end time like 16:00 or 4pm"))
    papers_date = GovDateField(_l("Deadline for agenda items and papers (optional)"),
                               description=_l("Members can propose agenda items until then."))
    papers_time = GovTimeField(_l("Deadline time (optional)"),
                               description=_l("Leave blank for the end of the day (11:59pm)."),
                               invalid_message=_l("Enter a deadline time like 17:00 or 5pm"))
    status = RadioField(
        _l("Status"), default="scheduled", validators=[InputRequired(message=_l("Choose a status"))],
        invalid_choice_message=_l("Choose a status"), widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Save meeting"), widget=GovSubmitInput())

    _details: MeetingDetails | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the rules that need several fields."""
        valid = super().validate(extra_validators)
        when = self._when()
        place_ok = self.check_place()
        deadline, deadline_ok = self._deadline(when)
        if not (valid and when and place_ok and deadline_ok):
            return False
        starts_at, ends_at = when
        self._details = MeetingDetails(
            title=self.title.data or "", description=self.description.data or "", starts_at=starts_at,
            ends_at=ends_at, all_day=self.timing.data == "all_day", format=self.format.data or "in_person",
            venue=self.venue.data or "", join_link=self.join_link.data or "", capacity=self.capacity_value(),
            is_public=self.visibility.data == "public", status=self.status.data or "draft", papers_deadline=deadline,
        )
        return True

    def _when(self) -> tuple[datetime, datetime] | None:
        first = self.start_date.data
        if first is None:
            return None
        last = self.end_date.data or first
        if self.end_date.errors:
            return None
        if last < first:
            add_error(self.end_date, str(_l("End date must be the same as or after the start date")))
            return None
        if self.timing.data == "all_day":
            return all_day_bounds(first, last)
        if self.start_time.data is None and not self.start_time.errors:
            add_error(self.start_time, str(_l("Enter the time the meeting starts")))
        if self.end_time.data is None and not self.end_time.errors:
            add_error(self.end_time, str(_l("Enter the time the meeting ends")))
        starts_at = london_datetime(self.start_date, self.start_time)
        ends_at = _combine(last, self.end_time)
        if starts_at is None or ends_at is None:
            return None
        if ends_at <= starts_at:
            add_error(self.end_time, str(_l("The meeting must end after it starts")))
            return None
        return starts_at, ends_at

    def _deadline(self, when: tuple[datetime, datetime] | None) -> tuple[datetime | None, bool]:
        if self.papers_date.errors or self.papers_time.errors:
            return None, False
        if self.papers_date.data is None:
            if self.papers_time.data is not None:
                add_error(self.papers_date, str(_l("Enter the date of the deadline, or clear the deadline time")))
                return None, False
            return None, True
        deadline = _combine(self.papers_date.data, self.papers_time, default=time(23, 59))
        if deadline is None:
            return None, False
        if when is not None and deadline > when[0]:
            add_error(self.papers_date, str(_l("The papers deadline must be before the meeting starts")))
            return None, False
        return deadline, True

    def details(self) -> MeetingDetails:
        """The validated details (call only after a successful validate)."""
        assert self._details is not None
        return self._details


def _combine(day: Any, time_field: GovTimeField, default: time | None = None) -> datetime | None:
    """A UK date plus the time in `time_field` (or `default`) as UTC; clock-change problems go on the field."""
    at = time_field.data or default
    if day is None or at is None:
        return None
    try:
        return london_to_utc(day, at)
    except LocalTimeError as error:
        add_error(time_field, str(error))
        return None


def meeting_form_data(meeting: Any) -> dict[str, Any]:
    """What the edit form shows for an existing meeting (UK dates and times)."""
    start, end = meeting.starts_local, meeting.ends_local
    multi_day = meeting.is_multi_day
    deadline = meeting.papers_deadline
    data: dict[str, Any] = {
        "title": meeting.title, "description": meeting.description,
        "timing": "all_day" if meeting.all_day else "timed",
        "start_date": start.date(), "start_time": None if meeting.all_day else start.time(),
        "end_date": meeting.last_day if multi_day else None, "end_time": None if meeting.all_day else end.time(),
        "format": meeting.format, "venue": meeting.venue, "join_link": meeting.join_link,
        "capacity": "" if meeting.capacity is None else str(meeting.capacity),
        "visibility": "public" if meeting.is_public else "members", "status": meeting.status,
        "papers_date": None, "papers_time": None,
    }
    if deadline is not None:
        local = to_london(deadline)
        data["papers_date"], data["papers_time"] = local.date(), local.time()
    return data
