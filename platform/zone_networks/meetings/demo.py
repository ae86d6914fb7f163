"""Demo meetings: a living forum cycle for the demo data (idempotent: run it twice, nothing changes).

- The Skills Forum meets every six months (a public, hybrid series): the last
  forum was held, with attendance, published minutes and action items (one
  overdue); the next one is scheduled and people have said they will come.
- The Innovation Leads Network calls monthly on the same weekday (online).
- The Net Zero Network has a past meeting, an upcoming one and a draft.

Call `build_demo_meetings()` after the demo people exist (it does nothing
without the demo secretariat account). Every demo meeting is found again by
its UID ("demo-...@zone-networks"), which is what makes a second run a no-op.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.demo import demo_email
from zone_networks.extensions import db
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.minutes_models import Minutes, MinutesVersion
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.recurrence import nth_weekday_code
from zone_networks.meetings.rsvp_models import Attendance, Rsvp
from zone_networks.meetings.series_services import SeriesDetails, create_series
from zone_networks.meetings.services import MeetingDetails, add_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Membership, Network

FORUM_UID = "demo-skills-forum@zone-networks"
INNOVATION_UID = "demo-innovation-leads@zone-networks"
NET_ZERO_UIDS = ("demo-net-zero-past@zone-networks", "demo-net-zero-next@zone-networks",
                 "demo-net-zero-draft@zone-networks")

FORUM_MINUTES = """## Present

Skills leads from the zones listed in the attendance record, with officials from the UK, Scottish and Welsh
governments, and the secretariat.

## 1. Welcome and matters arising

The chair welcomed new members. There were no matters arising.

## 2. Skills pipelines for the growth-driving sectors

Zones shared how they match training places to investors' hiring plans. Several zones use employer-led
skills boards; others work through their further education colleges.

## 3. Next steps

Actions are recorded below. The next forum meets in six months.
"""


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _user(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == email)).first()


def _network(slug: str) -> Network:
    return db.session.scalars(select(Network).where(Network.slug == slug)).one()


def _active_members(network: Network, limit: int) -> list[User]:
    query = (
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.network_id == network.id, Membership.status == "active", User.active.is_(True))
        .order_by(User.id).limit(limit)
    )
    return list(db.session.scalars(query).unique())


def _mark_past_held(series: MeetingSeries, now: datetime) -> list[Meeting]:
    query = select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.original_start)
    occurrences = list(db.session.scalars(query).unique())
    for meeting in occurrences:
        if meeting.has_ended(now) and meeting.status == "scheduled":
            meeting.status = "held"
    return occurrences


def _forum(actor: User, now: datetime) -> int:
    if db.session.scalars(select(MeetingSeries.id).where(MeetingSeries.uid == FORUM_UID)).first() is not None:
        return 0
    network = _network("skills-forum")
    held_on = _weekday_on_or_after(london_today(now) - timedelta(days=160), 3)  # a Thursday about 5 months ago
    starts_at = london_to_utc(held_on, time(10))
    series, _made = create_series(actor, network, SeriesDetails(
        title="Industrial Strategy Zones Skills Forum", rrule="FREQ=MONTHLY;INTERVAL=6", starts_at=starts_at,
        duration_minutes=6 * 60, format="hybrid", venue="1 Victoria Street\nLondon\nSW1H 0ET",
        join_link="https://meet.example.gov.uk/skills-forum", capacity=60, is_public=True, papers_days_before=14,
        description="The twice-yearly forum of the zones' skills leads, with UK, Scottish and Welsh government "
                    "officials. We share what works in building skills pipelines for the growth-driving sectors.",
    ), now=now)
    series.uid = FORUM_UID
    occurrences = _mark_past_held(series, now)
    past, upcoming = occurrences[0], occurrences[1]
    members = _active_members(network, 12)
    for person in members[:8]:
        db.session.add(Attendance(meeting_id=past.id, user_id=person.id, zone_id=person.organisation.zone_id,
                                  organisation_id=person.organisation_id, recorded_by_id=actor.id))
    minutes = Minutes(meeting_id=past.id, status="published", circulated_at=past.ends_at + timedelta(days=3),
                      agreed_at=past.ends_at + timedelta(days=10), agreed_by_id=actor.id,
                      published_at=past.ends_at + timedelta(days=11))
    db.session.add(minutes)
    db.session.flush()
    db.session.add(MinutesVersion(minutes_id=minutes.id, number=1, body=FORUM_MINUTES, author_id=actor.id,
                                  note="First draft", created_at=past.ends_at + timedelta(days=2)))
    zone_leads = [person for person in members if person.organisation.zone_id is not None]
    actions = [
        ("Share the employer-led skills board terms of reference with all zones", 14, "open"),
        ("Map training places against investors' hiring plans for clean energy", 120, "open"),
        ("Circulate the list of further education contacts in each zone", 7, "done"),
    ]
    for (text, due_days, status), owner in zip(actions, zone_leads, strict=False):
        db.session.add(ActionItem(
            meeting_id=past.id, network_id=network.id, description=text, owner_id=owner.id,
            owner_zone_id=owner.organisation.zone_id, due_date=past.first_day + timedelta(days=due_days),
            status=status, created_by_id=actor.id, completed_at=now if status == "done" else None,
        ))
    for person in members[:6]:
        db.session.add(Rsvp(meeting_id=upcoming.id, user_id=person.id, response="yes", status="confirmed"))
    upcoming.seats_taken = min(6, len(members))
    for person in members[6:8]:
        db.session.add(Rsvp(meeting_id=upcoming.id, user_id=person.id, response="maybe"))
    db.session.commit()
    return len(occurrences)


def _innovation(actor: User, now: datetime) -> int:
    if db.session.scalars(select(MeetingSeries.id).where(MeetingSeries.uid == INNOVATION_UID)).first() is not None:
        return 0
    first_month = (london_today(now).replace(day=1) - timedelta(days=45)).replace(day=1)
    first_day = _weekday_on_or_after(first_month + timedelta(days=7), 1)  # the 2nd Tuesday of that month
    series, _made = create_series(actor, _network("innovation-leads"), SeriesDetails(
        title="Innovation leads monthly call", rrule=f"FREQ=MONTHLY;BYDAY={nth_weekday_code(first_day)};COUNT=12",
        starts_at=london_to_utc(first_day, time(10)), duration_minutes=60, format="online",
        join_link="https://meet.example.gov.uk/innovation-leads", papers_days_before=3,
        description="A short monthly call: one zone presents a challenge, everyone shares what has worked.",
    ), now=now)
    series.uid = INNOVATION_UID
    made = _mark_past_held(series, now)
    db.session.commit()
    return len(made)


def _net_zero(actor: User, now: datetime) -> int:
    existing = set(db.session.scalars(select(Meeting.uid).where(Meeting.uid.in_(NET_ZERO_UIDS))))
    network = _network("net-zero")
    today = london_today(now)
    plans = [
        (NET_ZERO_UIDS[0], "Grid connections: what the zones have learned", today - timedelta(days=40), "held"),
        (NET_ZERO_UIDS[1], "Hydrogen and the ports: a workshop", today + timedelta(days=20), "scheduled"),
        (NET_ZERO_UIDS[2], "Net Zero Network annual review", today + timedelta(days=90), "draft"),
    ]
    made = 0
    for uid, title, day, status in plans:
        if uid in existing:
            continue
        meeting = add_meeting(actor, network, MeetingDetails(
            title=title, starts_at=london_to_utc(day, time(14)), ends_at=london_to_utc(day, time(16)),
            format="hybrid", venue="Humber Freeport offices\nHull", join_link="https://meet.example.gov.uk/net-zero",
            capacity=25, status=status, description="For the zones whose sectors include clean energy industries.",
        ))
        meeting.uid = uid
        made += 1
    db.session.commit()
    return made


def build_demo_meetings(now: datetime | None = None) -> int:
    """Add the demo meetings that are missing; returns how many meetings were made (0 on a second run)."""
    actor = _user(demo_email("secretariat"))
    if actor is None:
        return 0
    moment = now or utcnow()
    return _forum(actor, moment) + _innovation(actor, moment) + _net_zero(actor, moment)
