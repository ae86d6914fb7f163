"""Many people at once, for tests of long lists (call inside the `db` fixture's app context).

No password hashing (slow and irrelevant here): these accounts cannot sign in.
Each person gets a directory profile like real ones have: one zone role (every
fifth person two), one to three managed expertise tags, a short bio and their
search text, all chosen from their number so the same call always gives the
same people.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from tests.factories import organisation
from zone_networks.accounts.models import User
from zone_networks.directory.models import ZONE_ROLES, PersonZoneRole
from zone_networks.directory.search import refresh_person
from zone_networks.directory.tags import managed_tags, seed_expertise_tags
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network


def zone_roles_for(number: int) -> list[str]:
    """The zone roles person `number` holds: one in turn, and every fifth person a second."""
    first = ZONE_ROLES[number % len(ZONE_ROLES)]
    if number % 5 == 0:
        return [first, ZONE_ROLES[(number + 1) % len(ZONE_ROLES)]]
    return [first]


def add_people(count: int, *, org_slug: str = "humber-freeport", networks: Iterable[str] = (), start: int = 0,
               role: str = "member", status: str = "active", profiles: bool = True) -> None:
    """Add people named "Person 000", "Person 001", ... at `org_slug`, each in `networks` with `role`, and commit.

    With `profiles` (the default) each also gets zone roles, expertise tags, a
    bio and search text; the managed expertise list is loaded if it is missing.
    """
    tags = managed_tags() if profiles else []
    if profiles and not tags:
        seed_expertise_tags()  # commits: before anything else is loaded or added
        tags = managed_tags()
    org = organisation(org_slug)
    targets = [db.session.execute(select(Network).filter_by(slug=slug)).scalar_one() for slug in networks]
    users = []
    for number in range(start, start + count):
        user = User(email=f"person{number:04d}@{org_slug}.example", name=f"Person {number:03d}", job_title="Lead",
                    organisation=org, password_hash="not-a-real-hash")
        db.session.add(user)
        if profiles:
            user.bio = f"Person {number:03d} works at {org.name}."
            user.zone_roles = [PersonZoneRole(role=code) for code in zone_roles_for(number)]
            user.expertise = [tags[(number + step) % len(tags)] for step in range(1 + number % 3)]
            refresh_person(user)
        users.append(user)
    db.session.flush()
    db.session.add_all(
        Membership(user_id=user.id, network_id=network.id, role=role, status=status)
        for user in users for network in targets
    )
    db.session.commit()
