"""Reusable reads for RSVPs: one person's answer, the counts, the waiting list, and who may stand in.

Each function is one SQL statement (the RSVP's person comes in by a join:
`Rsvp.user` is lazy="joined", and a person's organisation and zone are too).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import defaultload, joinedload
from sqlalchemy.orm.interfaces import LoaderOption

from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.networks.models import Membership
from zone_networks.zones.models import Organisation, Zone


def people_without_sectors(*path: Any) -> LoaderOption:
    """A loader option: people reached along `path` come with organisation and zone, but not the zone's sectors.

    Zone.sectors is lazy="selectin", so every query that brings people (and so
    zones) would run one more query for sectors nobody here shows.
    """
    start = defaultload(*path) if path else defaultload(User.organisation)
    load = start.defaultload(User.organisation) if path else start
    return load.defaultload(Organisation.zone).lazyload(Zone.sectors)


def _rsvp_people() -> tuple[LoaderOption, ...]:
    """Loader options for answers: the person and the substitute, each with organisation and zone."""
    return (people_without_sectors(Rsvp.user), joinedload(Rsvp.substitute), people_without_sectors(Rsvp.substitute))

# The order people appear in the managers' list: seats first, then the waiting list, then the rest.
_ANSWER_ORDER = {("yes", "confirmed"): 0, ("yes", "waitlisted"): 1, ("maybe", None): 2, ("no", None): 3}


def rsvp_of(meeting_id: int, user_id: int) -> Rsvp | None:
    """`user_id`'s answer to the meeting, with the substitute they named, or None."""
    query = (
        select(Rsvp)
        .where(Rsvp.meeting_id == meeting_id, Rsvp.user_id == user_id)
        .options(*_rsvp_people())
    )
    return db.session.scalars(query).unique().first()


def rsvp_counts(meeting_id: int) -> dict[str, int]:
    """How many said yes (with a seat), are on the waiting list, said maybe and said no."""
    query = (
        select(Rsvp.response, Rsvp.status, func.count(Rsvp.id))
        .where(Rsvp.meeting_id == meeting_id)
        .group_by(Rsvp.response, Rsvp.status)
    )
    counts = {"yes": 0, "waitlisted": 0, "maybe": 0, "no": 0}
    for response, status, number in db.session.execute(query):
        key = "waitlisted" if (response, status) == ("yes", "waitlisted") else response
        if key in counts:
            counts[key] += number
    return counts


def _ahead_of(rsvp: Rsvp) -> Any:
    """A WHERE clause: waiting-list entries of the same meeting that come before `rsvp` (time, then id)."""
    return and_(
        Rsvp.meeting_id == rsvp.meeting_id,
        Rsvp.response == "yes",
        Rsvp.status == "waitlisted",
        or_(Rsvp.waitlisted_at < rsvp.waitlisted_at,
            and_(Rsvp.waitlisted_at == rsvp.waitlisted_at, Rsvp.id < rsvp.id)),
    )


def waitlist_position(rsvp: Rsvp) -> int | None:
    """1 for the first person on the waiting list, and so on; None if `rsvp` is not waiting."""
    if not rsvp.is_waitlisted or rsvp.waitlisted_at is None:
        return None
    ahead = db.session.scalar(select(func.count(Rsvp.id)).where(_ahead_of(rsvp))) or 0
    return int(ahead) + 1


def first_waiting(meeting_id: int) -> Rsvp | None:
    """The person at the head of the waiting list (earliest, then lowest id), or None."""
    query = (
        select(Rsvp)
        .where(Rsvp.meeting_id == meeting_id, Rsvp.response == "yes", Rsvp.status == "waitlisted")
        .order_by(Rsvp.waitlisted_at, Rsvp.id)
        .limit(1)
        .options(people_without_sectors(Rsvp.user))
    )
    return db.session.scalars(query).unique().first()


def answers(meeting_id: int) -> list[Rsvp]:
    """Every answer to the meeting with its person and substitute: seats, waiting list (in order), maybe, no."""
    query = (
        select(Rsvp)
        .where(Rsvp.meeting_id == meeting_id)
        .options(*_rsvp_people())
        .order_by(Rsvp.waitlisted_at, Rsvp.id)
    )
    return sorted(db.session.scalars(query).unique(), key=_list_order)


def _list_order(rsvp: Rsvp) -> tuple[int, str]:
    group = _ANSWER_ORDER.get((rsvp.response, rsvp.status), 4)
    # The waiting list keeps its queue order (the sort is stable); everyone else is by name.
    name = "" if group == 1 else (rsvp.user.sort_name or rsvp.user.name.casefold())
    return group, name


def substitute_choices(meeting: Meeting, person: User) -> list[User]:
    """Who `person` may send in their place: active people from their zone who are invited to the meeting.

    Invitees are the network's active members (any role), so the substitute can
    open the meeting page, see the joining link and change the answer they are
    given. People without a zone (officials, the secretariat) have no one to send.
    """
    zone = person.zone
    if zone is None:
        return []
    query = (
        select(User)
        .join(Organisation, User.organisation_id == Organisation.id)
        .join(Membership, and_(Membership.user_id == User.id, Membership.network_id == meeting.network_id))
        .where(
            Organisation.zone_id == zone.id,
            User.id != person.id,
            User.active.is_(True),
            User.deleted_at.is_(None),
            Membership.status == "active",
        )
        .order_by(User.sort_name, User.name, User.id)
        .options(people_without_sectors())
    )
    return list(db.session.scalars(query).unique())
