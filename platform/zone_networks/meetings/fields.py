"""Form fields for UK dates and times: the GOV.UK date input and a one-box time, with GOV.UK error messages.

`london_datetime()` turns a date field and a time field into a UTC instant, or
puts the clock-change message on the time field (see meetings/times.py).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextInput
from wtforms import Field, Form
from wtforms.validators import StopValidation, ValidationError

from zone_networks.meetings.times import LocalTimeError, format_time_input, london_to_utc, parse_time


class LondonDateInput(GovDateInput):
    """GOV.UK date input whose Day / Month / Year labels are translated."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        """The package's parameters with our labels and the numeric keyboard."""
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        for item, label in zip(params["items"], (_("Day"), _("Month"), _("Year")), strict=True):
            item["label"] = label
            item["inputmode"] = "numeric"
        return params


class GovDateField(Field):
    """A date typed into three boxes. `missing_message` makes it required; `name` starts the other messages."""

    widget = LondonDateInput()

    def __init__(self, label: Any = None, validators: Any = None, *, name_in_messages: Any = None,
                 missing_message: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.name_in_messages = name_in_messages or label
        self.missing_message = missing_message
        self.data: date | None = None
        self._problem: str | None = None

    def process_formdata(self, valuelist: list[str]) -> None:
        """Read day, month and year; remember what is wrong for pre_validate."""
        parts = [value.strip() for value in valuelist[:3]] + [""] * (3 - len(valuelist[:3]))
        self.raw_data = parts
        self.data = None
        self._problem = None
        if not any(parts):
            return
        missing = [word for word, part in zip((_("a day"), _("a month"), _("a year")), parts, strict=True)
                   if not part]
        name = str(self.name_in_messages)
        if missing:
            self._problem = _("%(name)s must include %(part)s", name=name, part=missing[0])
            return
        if not all(part.isdigit() for part in parts):
            self._problem = _("%(name)s must be a real date", name=name)
            return
        if len(parts[2]) != 4:
            self._problem = _("Year must include 4 numbers")
            return
        try:
            self.data = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self._problem = _("%(name)s must be a real date", name=name)

    def pre_validate(self, form: Form) -> None:
        """Report a half-typed or impossible date, or a missing required one."""
        if self._problem:
            raise StopValidation(self._problem)
        if self.data is None and self.missing_message:
            raise StopValidation(str(self.missing_message))

    def _value(self) -> str:
        return self.data.strftime("%d %m %Y") if self.data else ""


class GovTimeField(Field):
    """A time of day in one text box ("14:30", "2:30pm"). `missing_message` makes it required."""

    widget = GovTextInput()

    def __init__(self, label: Any = None, validators: Any = None, *, missing_message: Any = None,
                 invalid_message: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("description", _l("Use the 24-hour clock or am and pm, for example 14:30 or 2:30pm"))
        super().__init__(label, validators, **kwargs)
        self.missing_message = missing_message
        self.invalid_message = invalid_message or _l("Enter a time like 14:30 or 2:30pm")
        self.data: time | None = None
        self._raw = ""

    def process_formdata(self, valuelist: list[str]) -> None:
        """Read the typed time."""
        self._raw = (valuelist[0] if valuelist else "").strip()
        self.data = parse_time(self._raw) if self._raw else None

    def pre_validate(self, form: Form) -> None:
        """Report an unreadable or missing time."""
        if self._raw and self.data is None:
            raise StopValidation(str(self.invalid_message))
        if not self._raw and self.missing_message:
            raise StopValidation(str(self.missing_message))

    def _value(self) -> str:
        if self._raw:
            return self._raw
        return format_time_input(self.data) if self.data is not None else ""


def london_datetime(date_field: GovDateField, time_field: GovTimeField) -> datetime | None:
    """The UTC instant of a UK date and time typed into two fields; None (with an error on the time) if impossible."""
    if date_field.data is None or time_field.data is None:
        return None
    try:
        return london_to_utc(date_field.data, time_field.data)
    except LocalTimeError as error:
        time_field.errors = [*time_field.errors, str(error)]
        return None


def add_error(field: Field, message: str) -> None:
    """Attach a form-level finding to a field (shown inline and in the error summary)."""
    field.errors = [*field.errors, message]


__all__ = ["GovDateField", "GovTimeField", "ValidationError", "add_error", "london_datetime"]
