"""Create the demo data: idempotent by email address, so running it twice changes nothing.

The password hash is computed once and shared by every demo account (hashing
is deliberately slow), and the optional extra people are bulk inserted (people,
zone roles, expertise, then their search text), so thousands of people for the
performance bench take seconds. Every person's directory search text is
written by `directory.search.refresh_person`, the same code profile edits use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import selectinload
from werkzeug.security import generate_password_hash

from zone_networks.accounts.models import PASSWORD_METHOD, User
from zone_networks.casestudies.demo import build_demo_case_studies
from zone_networks.core.clock import utcnow
from zone_networks.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email
from zone_networks.demo.challenges import build_demo_challenges
from zone_networks.demo.discussions import build_demo_discussions
from zone_networks.demo.people import JOB_TITLES, NamePicker
from zone_networks.demo.plan import LEAD_KINDS, PersonPlan, lead_kinds, plan_people
from zone_networks.demo.profiles import KIND_ROLES, ProfilePlan, person_random, plan_profile
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.directory.search import refresh_person
from zone_networks.directory.tags import managed_tags, seed_expertise_tags
from zone_networks.documents.demo import build_demo_documents
from zone_networks.extensions import db
from zone_networks.meetings.demo import build_demo_meetings
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Organisation, Zone

EXTRA_PREFIX = "person-"
# Shares of the generated people in an "other" zone role, and holding a second zone role.
OTHER_SHARE = 0.08
SECOND_ROLE_SHARE = 0.06
SEARCH_BATCH = 1000
# The profile's columns on users, copied from a ProfilePlan (zone roles and expertise are rows elsewhere).
PROFILE_COLUMNS = tuple(f.name for f in fields(ProfilePlan) if f.name not in ("zone_roles", "expertise"))


@dataclass(frozen=True)
class DemoSummary:
    """What a demo run did, and how much demo data there now is."""

    people_created: int
    memberships_created: int
    demo_people: int
    pending_requests: int


def has_users() -> bool:
    """Whether any account exists (demo or real)."""
    return db.session.scalar(select(func.count(User.id))) != 0


def extra_email(number: int) -> str:
    """The email address of the `number`th generated extra demo person."""
    return demo_email(f"{EXTRA_PREFIX}{number:05d}")


def build_demo_data(seed: int, extra_people: int = 0) -> DemoSummary:
    """Create whatever demo people and memberships are missing, then commit."""
    if db.session.scalar(select(func.count(Zone.id))) == 0:
        from zone_networks.zones.seed import seed_reference_data

        seed_reference_data()
    seed_expertise_tags()
    zones = list(db.session.scalars(select(Zone).options(selectinload(Zone.organisation)).order_by(Zone.number)))
    networks = {network.slug: network for network in db.session.scalars(select(Network))}
    tags = {tag.slug: tag for tag in managed_tags()}
    password_hash = generate_password_hash(DEMO_PASSWORD, method=PASSWORD_METHOD)

    people, memberships = _create_planned(plan_people(zones, networks, seed), networks, tags, password_hash)
    if extra_people > 0:
        more_people, more_memberships = _create_extra(extra_people, zones, networks, tags, password_hash, seed)
        people += more_people
        memberships += more_memberships
    db.session.commit()
    build_demo_meetings()  # meetings, replies, minutes and actions for the demo people (idempotent)
    build_demo_documents()  # a dozen real files in the three networks' libraries (idempotent)
    build_demo_case_studies()  # the Action Plan's examples, linked to those documents and meetings (idempotent)
    build_demo_discussions()  # threads in each network, with mentions, reactions and an edit (idempotent)
    build_demo_challenges()  # challenges with endorsements and offers; one matched, one resolved (idempotent)
    return DemoSummary(people, memberships, _count_demo_people(), _count_pending_demo_requests())


def _create_planned(
    plans: list[PersonPlan], networks: dict[str, Network], tags: dict[str, ExpertiseTag], password_hash: str
) -> tuple[int, int]:
    """Add the planned people that do not exist yet, and the memberships they lack."""
    organisations = {org.slug: org for org in db.session.scalars(select(Organisation))}
    emails = [plan.email for plan in plans]
    users = {user.email: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))}
    created = 0
    for plan in plans:
        if plan.email in users:
            continue
        user = User(
            email=plan.email,
            name=plan.name,
            job_title=plan.job_title,
            organisation=organisations[plan.organisation],
            password_hash=password_hash,
            is_secretariat=plan.is_secretariat,
            is_admin=plan.is_admin,
            active=True,
            language="en",
            session_version=1,
        )
        if plan.profile is not None:
            _apply_profile(user, plan.profile, tags)
        else:
            user.expertise = []
        refresh_person(user)
        db.session.add(user)
        users[plan.email] = user
        created += 1
    db.session.flush()

    user_ids = [user.id for user in users.values()]
    rows = db.session.execute(
        select(Membership.user_id, Membership.network_id).where(Membership.user_id.in_(user_ids))
    )
    existing = {(user_id, network_id) for user_id, network_id in rows}
    added = 0
    now = utcnow()
    for plan in plans:
        user = users[plan.email]
        for wanted in plan.memberships:
            network = networks[wanted.network]
            if (user.id, network.id) in existing:
                continue
            db.session.add(
                Membership(
                    user_id=user.id,
                    network_id=network.id,
                    role=wanted.role,
                    status=wanted.status,
                    request_note=wanted.note,
                    decided_at=now if wanted.status == "active" else None,
                )
            )
            existing.add((user.id, network.id))
            added += 1
    db.session.flush()
    return created, added


def _apply_profile(user: User, profile: ProfilePlan, tags: dict[str, ExpertiseTag]) -> None:
    """Give a new (not yet flushed) person the planned profile."""
    for column in PROFILE_COLUMNS:
        setattr(user, column, getattr(profile, column))
    user.zone_roles = [PersonZoneRole(role=role) for role in profile.zone_roles]
    # In the relationship's own order (by name), so the search text is the same as after a reload.
    user.expertise = sorted((tags[slug] for slug in profile.expertise if slug in tags), key=lambda tag: tag.name)


def _extra_profile(seed: int, email: str, kind: str, kinds: list[str], zone: Zone) -> tuple[str, ProfilePlan]:
    """A generated person's job kind (their lead kind, or "other") and profile, fixed by the seed and email."""
    rng = person_random(seed, email)
    draw = rng.random()
    extra_roles: tuple[str, ...] = ()
    if draw < OTHER_SHARE:
        kind = "other"
    elif draw < OTHER_SHARE + SECOND_ROLE_SHARE:
        extra_roles = (rng.choice([KIND_ROLES[other] for other in kinds if other != kind] + ["other"]),)
    profile = plan_profile(
        rng, kind, place=zone.name, nation=zone.nation, sectors=tuple(sector.name for sector in zone.sectors),
        freeport=zone.programme in ("freeport", "both"), extra_roles=extra_roles,
    )  # fmt: skip
    return kind, profile


def _create_extra(
    count: int, zones: list[Zone], networks: dict[str, Network], tags: dict[str, ExpertiseTag], password_hash: str,
    seed: int,
) -> tuple[int, int]:
    """Bulk insert generated members person-00001 ... spread across zones and their networks, with profiles."""
    picker = NamePicker.seeded(seed + 1)
    existing = set(db.session.scalars(select(User.email).where(User.email.like(f"{EXTRA_PREFIX}%@{DEMO_DOMAIN}"))))
    zones = [zone for zone in zones if zone.organisation is not None]
    users: list[dict[str, Any]] = []
    network_for: dict[str, int] = {}
    profiles: dict[str, ProfilePlan] = {}
    for number in range(1, count + 1):
        zone = zones[(number - 1) % len(zones)]
        kinds = lead_kinds(zone, networks)
        kind = kinds[((number - 1) // len(zones)) % len(kinds)]
        # Draw the name even for people who exist, so each number always gets the same name.
        name, job_title = picker.name(zone.nation), picker.job_title(kind)
        email = extra_email(number)
        if email in existing:
            continue
        assert zone.organisation is not None
        job_kind, profile = _extra_profile(seed, email, kind, kinds, zone)
        if job_kind == "other":
            job_title = person_random(seed, email + ":job").choice(JOB_TITLES["other"])
        users.append(
            {
                "email": email,
                "name": name,
                "job_title": job_title,
                "organisation_id": zone.organisation.id,
                "password_hash": password_hash,
                "language": "en",
                "is_secretariat": False,
                "is_admin": False,
                "active": True,
                "session_version": 1,
                **{column: getattr(profile, column) for column in PROFILE_COLUMNS},
            }
        )
        network_for[email] = networks[LEAD_KINDS[kind][1]].id
        profiles[email] = profile
    if not users:
        return 0, 0
    inserted = list(
        db.session.execute(insert(User).returning(User.id, User.email, sort_by_parameter_order=True), users)
    )
    now = utcnow()
    memberships = [
        {
            "user_id": user_id,
            "network_id": network_for[email],
            "role": "member",
            "status": "active",
            "request_note": "",
            "decided_at": now,
        }
        for user_id, email in inserted
    ]
    db.session.execute(insert(Membership), memberships)
    roles = [{"user_id": user_id, "role": role} for user_id, email in inserted for role in profiles[email].zone_roles]
    db.session.execute(insert(PersonZoneRole), roles)
    expertise = [
        {"user_id": user_id, "tag_id": tags[slug].id}
        for user_id, email in inserted
        for slug in profiles[email].expertise
        if slug in tags
    ]
    if expertise:
        db.session.execute(insert(person_tags), expertise)
    _refresh_search([user_id for user_id, _email in inserted])
    return len(users), len(memberships)


def _refresh_search(user_ids: Sequence[int]) -> None:
    """Write the directory search text and the search index entries of the people just inserted (not committed).

    The people were bulk inserted, past the session's index listeners, so their
    entries are built here (the same code the listeners run).
    """
    from zone_networks.search.indexer import refresh

    for start in range(0, len(user_ids), SEARCH_BATCH):
        batch = list(user_ids[start : start + SEARCH_BATCH])
        people = db.session.scalars(select(User).where(User.id.in_(batch)).options(selectinload(User.expertise)))
        for person in people:
            refresh_person(person)
        db.session.flush()
        refresh([("person", user_id) for user_id in batch])


def _count_demo_people() -> int:
    return int(db.session.scalar(select(func.count(User.id)).where(User.email.like(f"%@{DEMO_DOMAIN}"))) or 0)


def _count_pending_demo_requests() -> int:
    query = (
        select(func.count(Membership.id))
        .join(User, Membership.user_id == User.id)
        .where(Membership.status == "requested", User.email.like(f"%@{DEMO_DOMAIN}"))
    )
    return int(db.session.scalar(query) or 0)
