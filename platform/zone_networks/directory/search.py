"""Keeping each person's folded search text and sort name in step with their profile.

Directory services call `refresh_person` before they commit. Lower layers
(accounts' own details form, accepting an invitation, `create-admin`) cannot
import the directory, so a `before_flush` listener also refreshes every new
person and every person whose searched fields changed: the derived columns can
never go stale, like a database trigger. Contact details are deliberately left
out: they have their own visibility and must never be findable by search.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, selectinload

from zone_networks.accounts.models import User
from zone_networks.core.text import fold
from zone_networks.directory.models import ExpertiseTag, person_tags
from zone_networks.extensions import db
from zone_networks.zones.models import Organisation

# The attributes whose change makes a person's search text stale.
SEARCHED_ATTRIBUTES = ("name", "job_title", "organisation_id", "organisation", "bio", "expertise")


def _tag_names(person: User) -> list[str]:
    """The person's expertise names, without tripping the relationship's lazy="raise"."""
    if "expertise" in person.__dict__:
        return [tag.name for tag in person.expertise]
    if person.id is None:
        return []
    query = (
        select(ExpertiseTag.name)
        .join(person_tags, person_tags.c.tag_id == ExpertiseTag.id)
        .where(person_tags.c.user_id == person.id)
    )
    return list(db.session.scalars(query))


def _organisation(person: User) -> Organisation | None:
    """The person's organisation as it will be after this flush (the relationship or the id may have changed)."""
    state: Any = inspect(person)
    if state.attrs.organisation.history.has_changes():
        return person.organisation
    if person.organisation_id is None:
        return None
    loaded = person.__dict__.get("organisation")
    if loaded is not None and loaded.id == person.organisation_id:
        return loaded
    return db.session.get(Organisation, person.organisation_id)


def search_document(person: User) -> str:
    """The folded text that free-text search matches for `person`."""
    parts = [person.name, person.job_title, person.bio]
    organisation = _organisation(person)
    if organisation is not None:
        parts.append(organisation.name)
        if organisation.zone is not None:
            parts += [organisation.zone.name, organisation.zone.aliases]
    parts += _tag_names(person)
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


def _searched_fields_changed(person: User) -> bool:
    state: Any = inspect(person)
    return any(state.attrs[name].history.has_changes() for name in SEARCHED_ATTRIBUTES)


@event.listens_for(Session, "before_flush")
def _keep_search_fields_in_step(session: Session, flush_context: Any, instances: Any) -> None:
    """Refresh the derived search fields of new people and of people whose searched fields changed."""
    stale = [obj for obj in session.new if isinstance(obj, User)]
    stale += [obj for obj in session.dirty if isinstance(obj, User) and _searched_fields_changed(obj)]
    if not stale:
        return
    with session.no_autoflush:
        for person in stale:
            refresh_person(person)
