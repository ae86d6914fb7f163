"""Keeping each person's folded search text and sort name in step with their profile.

Services that change anything the directory searches (name, job title,
organisation, zone roles, expertise, bio) call `refresh_person` before they
commit. Contact details are deliberately left out: they have their own
visibility and must never be findable by search.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.directory.text import fold
from zone_networks.extensions import db


def search_document(person: User) -> str:
    """The folded text that free-text search matches for `person`."""
    organisation = person.organisation
    parts = [person.name, person.job_title, organisation.name, person.bio]
    zone = organisation.zone
    if zone is not None:
        parts += [zone.name, zone.aliases]
    parts += [tag.name for tag in person.expertise]
    return fold(" ".join(part for part in parts if part))


def refresh_person(person: User) -> None:
    """Recompute `person`'s search text and sort name (the caller commits)."""
    person.search_text = search_document(person)
    person.sort_name = fold(person.name)[:200]


def refresh_people(only_missing: bool = True) -> int:
    """Refresh every person (or those never indexed) and commit; returns how many changed."""
    query = select(User).options(selectinload(User.expertise))
    if only_missing:
        query = query.where(User.search_text == "")
    changed = 0
    for person in db.session.scalars(query):
        before = (person.search_text, person.sort_name)
        refresh_person(person)
        changed += (person.search_text, person.sort_name) != before
    db.session.commit()
    return changed
