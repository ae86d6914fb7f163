"""Factories for test data (call inside an app context; the caller commits)."""

from __future__ import annotations

from functools import cache
from typing import Any

from werkzeug.security import generate_password_hash

from zone_networks.accounts.models import PASSWORD_METHOD, User
from zone_networks.extensions import db
from zone_networks.zones.models import Organisation

TEST_PASSWORD = "correct horse battery staple 42"


def organisation(slug: str) -> Organisation:
    """Look up a seeded organisation by slug."""
    return db.session.execute(db.select(Organisation).filter_by(slug=slug)).scalar_one()


@cache
def password_hash(password: str) -> str:
    """The stored hash of `password`, computed once per run: the real (slow) method, without the wait per user."""
    return generate_password_hash(password, method=PASSWORD_METHOD)


def make_user(email: str, organisation_slug: str, password: str = TEST_PASSWORD, **fields: Any) -> User:
    """Create a user in a seeded organisation with a known password, flushed so it has an id."""
    fields.setdefault("name", email.split("@")[0].title())
    fields.setdefault("job_title", "Lead")
    user = User(email=email, organisation=organisation(organisation_slug), **fields)
    user.password_hash = password_hash(password)
    db.session.add(user)
    db.session.flush()
    return user
