"""Meeting series: set one up, make its occurrences as real meetings, change it, keep it topped up.

Occurrences are made up to HORIZON ahead (at most BATCH at a time) and again by
`flask meetings extend-series`. UNIQUE(series_id, original_start) makes this
idempotent even when two processes extend the same series: the loser's insert
fails, it rolls back, and the rows are there anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db
from zone_networks.meetings.models import OCCURRENCE_STATUSES, Meeting, MeetingSeries
from zone_networks.meetings.recurrence import (
    RecurrenceError,
    check_first_start_fits,
    normalise_rule,
    occurrences,
)
from zone_networks.meetings.services import MeetingDetails, MeetingRuleError, add_meeting, new_uid, validate
from zone_networks.meetings.times import london_midnight, london_wall, wall_to_utc
from zone_networks.networks.models import Network

HORIZON = timedelta(days=2 * 366)
BATCH = 24
DAY_MINUTES = 24 * 60


@dataclass
class SeriesDetails:
    """A new series: its rule, its first start (UTC), and what each occurrence starts with."""

    title: str
    rrule: str
    starts_at: datetime
    duration_minutes: int
    description: str = ""
    all_day: bool = False
    format: str = "in_person"
    venue: str = ""
    join_link: str = ""
    capacity: int | None = None
    is_public: bool = False
    occurrence_status: str = "scheduled"
    papers_days_before: int | None = None


def occurrence_end(series: MeetingSeries, start: datetime) -> datetime:
    """When the occurrence starting at `start` ends: same length; all-day ones a whole number of UK days later."""
    if series.all_day:
        days = max(1, series.duration_minutes // DAY_MINUTES)
        return london_midnight(london_wall(start).date() + timedelta(days=days))
    return as_utc(start) + timedelta(minutes=series.duration_minutes)


def papers_deadline(series: MeetingSeries, start: datetime) -> datetime | None:
    """The papers deadline for an occurrence: `papers_days_before` UK days before, at the same time of day."""
    if series.papers_days_before is None:
        return None
    return wall_to_utc(london_wall(start) - timedelta(days=series.papers_days_before))


def _first_details(series: MeetingSeries, start: datetime, status: str) -> MeetingDetails:
    return MeetingDetails(
        title=series.title, description=series.description, starts_at=start, ends_at=occurrence_end(series, start),
        all_day=series.all_day, format=series.format, venue=series.venue, join_link=series.join_link,
        capacity=series.capacity, is_public=series.is_public, status=status,
        papers_deadline=papers_deadline(series, start),
    )


def materialise(series: MeetingSeries, actor: User | None = None, now: datetime | None = None) -> list[Meeting]:
    """Add the series' next occurrences (up to HORIZON ahead, at most BATCH) to the session; no commit."""
    moment = now or utcnow()
    before = max(moment, as_utc(series.starts_at)) + HORIZON
    after = as_utc(series.materialised_until) if series.materialised_until is not None else None
    starts = occurrences(series.rrule, as_utc(series.starts_at), after=after, before=before, limit=BATCH)
    made = []
    for start in starts:
        details = _first_details(series, start, series.occurrence_status)
        made.append(add_meeting(actor, series.network, details, series=series, original_start=start))
    if starts:
        series.materialised_until = starts[-1]
    return made


def create_series(actor: User, network: Network, details: SeriesDetails,
                  now: datetime | None = None) -> tuple[MeetingSeries, list[Meeting]]:
    """Set up a series and make its first occurrences; commit."""
    try:
        rule = normalise_rule(details.rrule)
        check_first_start_fits(rule, details.starts_at)
    except RecurrenceError as error:
        raise MeetingRuleError("custom_rule", str(error)) from error
    if details.occurrence_status not in OCCURRENCE_STATUSES:
        raise MeetingRuleError("status", _("Choose a status"))
    if details.duration_minutes <= 0:
        raise MeetingRuleError("end_time", _("The meeting must end after it starts"))
    series = MeetingSeries(
        network_id=network.id, network=network, uid=new_uid(), ical_sequence=0, title=details.title.strip(),
        description=details.description.strip(), rrule=rule, starts_at=details.starts_at,
        duration_minutes=details.duration_minutes, all_day=details.all_day, format=details.format,
        venue=details.venue.strip() if details.format != "online" else "",
        join_link=details.join_link.strip() if details.format != "in_person" else "",
        capacity=details.capacity, is_public=details.is_public, occurrence_status=details.occurrence_status,
        papers_days_before=details.papers_days_before, created_by_id=actor.id,
    )
    validate(_first_details(series, details.starts_at, details.occurrence_status), now=now)
    db.session.add(series)
    db.session.flush()
    made = materialise(series, actor, now)
    record(actor, "series.created", "meeting_series", series.id, network=network.slug, title=series.title,
           rule=rule, occurrences=len(made))
    db.session.commit()
    return series, made


def update_series(actor: User, series: MeetingSeries, title: str, description: str,
                  now: datetime | None = None) -> int:
    """Change the series' title and description, and those of its occurrences still to come; commit.

    Returns how many occurrences changed. Past, held and cancelled ones keep what they had.
    """
    title, description = title.strip(), description.strip()
    if not title:
        raise MeetingRuleError("title", _("Enter a title"))
    if len(title) > 200:
        raise MeetingRuleError("title", _("Title must be 200 characters or fewer"))
    if (title, description) == (series.title, series.description):
        return 0
    series.title, series.description = title, description
    series.ical_sequence += 1
    query = select(Meeting).where(
        Meeting.series_id == series.id, Meeting.starts_at > (now or utcnow()),
        Meeting.status.in_(("draft", "scheduled")),
    )
    future = list(db.session.scalars(query).unique())
    for meeting in future:
        if (meeting.title, meeting.description) != (title, description):
            meeting.title, meeting.description = title, description
            if meeting.status != "draft":
                meeting.ical_sequence += 1
    record(actor, "series.updated", "meeting_series", series.id, network=series.network.slug, title=title,
           occurrences=len(future))
    db.session.commit()
    return len(future)


def extend_all_series(now: datetime | None = None) -> int:
    """Top up every series' occurrences to the horizon; returns how many meetings were made (idempotent)."""
    made = 0
    for series_id in list(db.session.scalars(select(MeetingSeries.id).order_by(MeetingSeries.id))):
        series = db.session.get(MeetingSeries, series_id)
        if series is None:
            continue
        try:
            made += len(materialise(series, None, now))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another process made the same occurrences first
    return made
