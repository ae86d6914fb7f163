"""Many people at once, for tests of long lists (call inside the `db` fixture's app context).

No password hashing (slow and irrelevant here): these accounts cannot sign in.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from tests.factories import organisation
from zone_networks.accounts.models import User
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network


def add_people(count: int, *, org_slug: str = "humber-freeport", networks: Iterable[str] = (), start: int = 0,
               role: str = "member", status: str = "active") -> None:
    """Add people named "Person 000", "Person 001", ... at `org_slug`, each in `networks` with `role`, and commit."""
    org = organisation(org_slug)
    targets = [db.session.execute(select(Network).filter_by(slug=slug)).scalar_one() for slug in networks]
    users = [
        User(email=f"person{number:04d}@{org_slug}.example", name=f"Person {number:03d}", job_title="Lead",
             organisation=org, password_hash="not-a-real-hash")
        for number in range(start, start + count)
    ]
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all(
        Membership(user_id=user.id, network_id=network.id, role=role, status=status)
        for user in users for network in targets
    )
    db.session.commit()
