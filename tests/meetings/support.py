"""Helpers for the meetings-core tests: form data for the meeting and series forms, and reading rows back."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from zone_networks.core.audit import AuditEvent
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.rsvp_models import Rsvp


def date_parts(day: date | None) -> list[str]:
    """A date as the three boxes of the GOV.UK date input."""
    return ["", "", ""] if day is None else [str(day.day), str(day.month), str(day.year)]


def meeting_form(day: date, **overrides: Any) -> dict[str, Any]:
    """A valid meeting form post for `day`, 10:00 to 12:00, in person; override any field."""
    data: dict[str, Any] = {
        "title": "Spring Skills Forum", "description": "We will **plan** the year.", "timing": "timed",
        "start_date": date_parts(day), "start_time": "10:00", "end_date": date_parts(None), "end_time": "12:00",
        "format": "in_person", "venue": "1 Victoria Street\nLondon SW1H 0ET", "join_link": "", "capacity": "",
        "visibility": "members", "papers_date": date_parts(None), "papers_time": "", "status": "scheduled",
    }
    for key, value in overrides.items():
        data[key] = date_parts(value) if key.endswith("_date") and (value is None or isinstance(value, date)) \
            else value
    return data


def series_form(first: date, **overrides: Any) -> dict[str, Any]:
    """A valid series form post: monthly on the same weekday from `first`, 10:00 to 12:00, online."""
    data: dict[str, Any] = {
        "title": "Innovation leads monthly call", "description": "", "recurrence": "monthly_weekday",
        "custom_rule": "", "timing": "timed", "first_date": date_parts(first), "start_time": "10:00",
        "end_time": "12:00", "count": "", "until_date": date_parts(None), "format": "online", "venue": "",
        "join_link": "https://meet.example.gov.uk/innovation", "capacity": "", "visibility": "members",
        "papers_days": "", "status": "scheduled",
    }
    for key, value in overrides.items():
        data[key] = date_parts(value) if key.endswith("_date") and (value is None or isinstance(value, date)) \
            else value
    return data


def meetings() -> list[Meeting]:
    """Every meeting, oldest id first, read fresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(Meeting).order_by(Meeting.id)).unique())


def series_rows() -> list[MeetingSeries]:
    """Every series, read fresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(MeetingSeries).order_by(MeetingSeries.id)).unique())


def count(model: Any) -> int:
    """How many rows `model` has."""
    db.session.expire_all()
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def audit_actions() -> list[str]:
    """The audit actions recorded, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def say_yes(meeting: Meeting, *people: Any, status: str = "confirmed") -> None:
    """Record a yes RSVP for each person (as the RSVP service would), for tests of change notices."""
    for person in people:
        db.session.add(Rsvp(meeting_id=meeting.id, user_id=person.id, response="yes", status=status))
        if status == "confirmed":
            meeting.seats_taken += 1
    db.session.commit()
