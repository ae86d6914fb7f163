"""Helpers for the date-poll tests (no tests here): form posts, a poll made through the service, rows read back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from tests.meetings.conftest import at_london, network
from tests.meetings.support import date_parts
from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.meetings.poll_models import DatePoll, PollOption, PollVote
from zone_networks.meetings.poll_services import PollDetails, Slot, create_poll
from zone_networks.meetings.times import london_today


def future(days: int = 30) -> date:
    """A UK date `days` from today."""
    return london_today() + timedelta(days=days)


def poll_form(days: Sequence[date | None], times: list[tuple[str, str]] | None = None,
              **overrides: Any) -> dict[str, Any]:
    """A valid poll form post with one row per day (10:00 to 12:00 unless `times` says), in person."""
    data: dict[str, Any] = {
        "title": "Autumn Skills Forum", "description": "Plan the **year**.", "timing": "timed",
        "option_count": str(max(3, len(days))), "answer_by": date_parts(None), "format": "in_person",
        "venue": "1 Victoria Street\nLondon", "join_link": "", "capacity": "", "visibility": "members",
    }
    for number, day in enumerate(days, start=1):
        start, end = (times[number - 1] if times else ("10:00", "12:00"))
        data[f"option{number}_date"] = date_parts(day)
        data[f"option{number}_start"] = start if day else ""
        data[f"option{number}_end"] = end if day else ""
    for key, value in overrides.items():
        data[key] = date_parts(value) if isinstance(value, date) else value
    return data


def make_poll(actor: User, network_slug: str = "skills-forum", *, options: int = 3, **fields: Any) -> DatePoll:
    """A committed open poll with `options` options, 10:00 to 12:00 UK time on the days 10, 11, 12... from today."""
    slots = [Slot(at_london(future(10 + n), 10), at_london(future(10 + n), 12)) for n in range(options)]
    values: dict[str, Any] = {"title": "Autumn Skills Forum", "description": "Plan the **year**.",
                              "format": "in_person", "venue": "1 Victoria Street\nLondon"}
    values.update(fields)
    return create_poll(actor, network(network_slug), PollDetails(slots=slots, **values))


def options_of(poll: DatePoll | int) -> list[PollOption]:
    """The poll's options as stored now, earliest first."""
    db.session.expire_all()
    poll_id = poll if isinstance(poll, int) else poll.id
    query = select(PollOption).where(PollOption.poll_id == poll_id).order_by(PollOption.starts_at)
    return list(db.session.scalars(query))


def votes_of(user: User | None = None) -> list[tuple[int, int, str]]:
    """Stored answers as (option id, user id, answer), optionally for one person."""
    db.session.expire_all()
    query = select(PollVote.option_id, PollVote.user_id, PollVote.answer).order_by(PollVote.option_id,
                                                                                    PollVote.user_id)
    if user is not None:
        query = query.where(PollVote.user_id == user.id)
    return [tuple(row) for row in db.session.execute(query)]  # type: ignore[misc]


def answer_data(poll: DatePoll | int, *answers: str) -> dict[str, str]:
    """The vote form post: one answer per option, in the options' order."""
    return {f"option_{option.id}": answer for option, answer in zip(options_of(poll), answers, strict=True)}


def fresh_poll(poll: DatePoll | int) -> DatePoll:
    """The poll as stored now."""
    db.session.expire_all()
    found = db.session.get(DatePoll, poll if isinstance(poll, int) else poll.id)
    assert found is not None
    return found
