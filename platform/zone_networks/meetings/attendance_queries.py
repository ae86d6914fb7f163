"""Reads for attendance: who came to a meeting, who could be ticked, and attendance by zone and nation.

Counts use the zone and organisation recorded with each attendance (a snapshot
taken when it was recorded), so they stay true when people change jobs. People
who are not from a zone (government officials, the secretariat) are counted by
the kind of organisation they came from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.queries import visible_to
from zone_networks.meetings.rsvp_models import Attendance, Rsvp
from zone_networks.meetings.rsvp_queries import people_without_sectors
from zone_networks.networks.models import Membership
from zone_networks.zones.labels import NATION_LABELS, nation_label
from zone_networks.zones.models import Organisation, Zone

MAX_COLUMNS = 12  # occurrences shown side by side on a series page (the most recent)
# Meetings whose attendance can be recorded and counted: they happened (or are happening).
RECORDABLE_STATUSES = ("scheduled", "held")


def other_label(kind: str | None) -> str:
    """The row label for people not from a zone, by the kind of organisation they came from."""
    if kind == "government":
        return _("Government")
    if kind == "secretariat":
        return _("Secretariat")
    return _("Other organisations")


def recorded(meeting_id: int) -> list[Attendance]:
    """Everyone recorded as having come, with the zone and organisation recorded for them."""
    query = (
        select(Attendance)
        .where(Attendance.meeting_id == meeting_id)
        .options(joinedload(Attendance.zone).lazyload(Zone.sectors), joinedload(Attendance.organisation)
                 .defaultload(Organisation.zone).lazyload(Zone.sectors), people_without_sectors(Attendance.user))
    )
    rows = list(db.session.scalars(query).unique())
    return sorted(rows, key=lambda row: (row.user.sort_name or row.user.name.casefold(), row.user_id))


@dataclass
class Candidates:
    """The people on the attendance form: those who said yes, then the rest of the network (and anyone recorded)."""

    said_yes: list[Rsvp]
    others: list[User]
    recorded_ids: set[int]

    @property
    def allowed_ids(self) -> set[int]:
        """Every person who may be ticked."""
        return {rsvp.user_id for rsvp in self.said_yes} | {person.id for person in self.others}


def candidates(meeting: Meeting) -> Candidates:
    """Who the attendance form lists (three queries, whatever the size of the network)."""
    yes_query = (
        select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.response == "yes")
        .order_by(Rsvp.status, Rsvp.waitlisted_at, Rsvp.id)
        .options(people_without_sectors(Rsvp.user))
    )
    said_yes = list(db.session.scalars(yes_query).unique())
    yes_ids = {rsvp.user_id for rsvp in said_yes}
    came = recorded(meeting.id)
    recorded_ids = {row.user_id for row in came}
    member_query = (
        select(User)
        .join(Membership, and_(Membership.user_id == User.id, Membership.network_id == meeting.network_id))
        .where(Membership.status == "active", User.active.is_(True), User.deleted_at.is_(None))
        .options(people_without_sectors())
    )
    others = {person.id: person for person in db.session.scalars(member_query).unique() if person.id not in yes_ids}
    for row in came:
        if row.user_id not in yes_ids:
            others.setdefault(row.user_id, row.user)
    ordered = sorted(others.values(), key=lambda person: (person.sort_name or person.name.casefold(), person.id))
    return Candidates(said_yes=said_yes, others=ordered, recorded_ids=recorded_ids)


@dataclass
class MeetingAttendance:
    """Attendance at one meeting: the total, by zone, by nation, and the rest by kind of organisation."""

    people: list[Attendance]
    zones: list[tuple[str, str, int]] = field(default_factory=list)  # zone name, nation, people
    nations: list[tuple[str, int]] = field(default_factory=list)
    others: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many people came."""
        return len(self.people)


def meeting_attendance(meeting_id: int) -> MeetingAttendance:
    """Attendance at one meeting, summed by zone and nation (one query)."""
    people = recorded(meeting_id)
    zones: dict[tuple[str, str], int] = defaultdict(int)
    nations: dict[str, int] = defaultdict(int)
    others: dict[str, int] = defaultdict(int)
    for row in people:
        if row.zone is not None:
            zones[(row.zone.name, row.zone.nation)] += 1
            nations[row.zone.nation] += 1
        else:
            others[other_label(row.organisation.kind if row.organisation else None)] += 1
    return MeetingAttendance(
        people=people,
        zones=[(name, nation_label(nation), count) for (name, nation), count in sorted(zones.items())],
        nations=[(nation_label(nation), nations[nation]) for nation in _nation_order(nations)],
        others=sorted(others.items()),
    )


def _nation_order(nations: Any) -> list[str]:
    known = [nation for nation in NATION_LABELS if nation in nations]
    return known + sorted(nation for nation in nations if nation not in NATION_LABELS)


@dataclass
class SeriesRow:
    """One row of the series table: a zone, nation or kind of organisation, and its count per occurrence."""

    label: str
    counts: list[int | None]
    nation: str = ""


@dataclass
class SeriesAttendance:
    """Attendance across a series' occurrences (columns, oldest first), by zone and by nation."""

    columns: list[Meeting]
    zones: list[SeriesRow]
    others: list[SeriesRow]
    nations: list[SeriesRow]
    totals: list[int | None]
    older: bool  # more occurrences happened before the first column

    @property
    def labels(self) -> list[str]:
        """Column headings: each occurrence's UK date, short ("9 Mar 2027")."""
        return [str(format_date(meeting.first_day, "d MMM yyyy")) for meeting in self.columns]


def series_attendance(series: MeetingSeries, viewer: Any, now: datetime | None = None) -> SeriesAttendance:
    """Attendance by zone and nation across the recent occurrences `viewer` may see (two queries)."""
    moment = now or utcnow()
    occurrence_query = (
        select(Meeting)
        .where(Meeting.series_id == series.id, visible_to(viewer), Meeting.status.in_(RECORDABLE_STATUSES),
               Meeting.starts_at <= moment)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(MAX_COLUMNS + 1)
    )
    recent = list(db.session.scalars(occurrence_query).unique())
    columns = list(reversed(recent[:MAX_COLUMNS]))
    position = {meeting.id: index for index, meeting in enumerate(columns)}
    width = len(columns)
    zones: dict[tuple[str, str], list[int]] = {}
    nations: dict[str, list[int]] = {}
    others: dict[str, list[int]] = {}
    totals: list[int | None] = [None] * width
    if columns:
        count_query = (
            select(Attendance.meeting_id, Zone.name, Zone.nation, Organisation.kind, func.count(Attendance.id))
            .outerjoin(Zone, Attendance.zone_id == Zone.id)
            .outerjoin(Organisation, Attendance.organisation_id == Organisation.id)
            .where(Attendance.meeting_id.in_(list(position)))
            .group_by(Attendance.meeting_id, Zone.name, Zone.nation, Organisation.kind)
        )
        for meeting_id, zone_name, nation, kind, count in db.session.execute(count_query):
            column = position[meeting_id]
            totals[column] = (totals[column] or 0) + count
            if zone_name is not None:
                zones.setdefault((zone_name, nation), [0] * width)[column] += count
                nations.setdefault(nation, [0] * width)[column] += count
            else:
                others.setdefault(other_label(kind), [0] * width)[column] += count

    def cells(values: list[int]) -> list[int | None]:
        # An occurrence with nothing recorded shows as "not recorded", not as a row of noughts.
        return [value if totals[index] is not None else None for index, value in enumerate(values)]

    return SeriesAttendance(
        columns=columns,
        zones=[SeriesRow(name, cells(values), nation_label(nation))
               for (name, nation), values in sorted(zones.items())],
        others=[SeriesRow(label, cells(values)) for label, values in sorted(others.items())],
        nations=[SeriesRow(nation_label(nation), cells(nations[nation])) for nation in _nation_order(nations)],
        totals=totals,
        older=len(recent) > MAX_COLUMNS,
    )
