"""Fixtures shared by the meetings tests (every issue-4 helper uses these)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, add_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return _db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def at_london(day: date, hour: int, minute: int = 0) -> datetime:
    """A UK date and time as UTC."""
    return london_to_utc(day, time(hour, minute))


@pytest.fixture()
def make_meeting(db: Any, secretariat: User) -> Callable[..., Meeting]:
    """Create a committed meeting (fields override the defaults), as the secretariat.

    Defaults: the Skills Forum, scheduled, members-only, in person at a venue, 10:00 to 12:00 UK time
    7 days from today. Pass `days=-7` for a past meeting, `network_slug=...`, or any MeetingDetails
    field (title, starts_at, ends_at, all_day, format, venue, join_link, capacity, is_public, status,
    papers_deadline, description).
    """

    secretariat_id = secretariat.id

    def _make(network_slug: str = "skills-forum", *, days: int = 7, **fields: Any) -> Meeting:
        day = london_today() + timedelta(days=days)
        values: dict[str, Any] = {
            "title": "Skills Forum meeting", "starts_at": at_london(day, 10), "ends_at": at_london(day, 12),
            "format": "in_person", "venue": "1 Victoria Street\nLondon", "status": "scheduled",
        }
        values.update(fields)
        actor = _db.session.get(User, secretariat_id)  # the test may have ended the session since
        meeting = add_meeting(actor, network(network_slug), MeetingDetails(**values))
        _db.session.commit()
        return meeting

    return _make
