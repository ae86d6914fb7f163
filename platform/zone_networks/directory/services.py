"""Every write a person makes to their own profile: details, expertise, contact settings, photo.

Services check again what the forms check (a service may be called from
elsewhere), write, keep the search text in step and commit. Photo files are
written before the row points at them and removed only after the commit, and
only when nobody else's profile uses the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import CONTACT_VISIBILITIES, LANGUAGES, User
from zone_networks.directory import photos
from zone_networks.directory.models import ZONE_ROLES, ExpertiseTag, PersonZoneRole
from zone_networks.directory.profile_queries import person_for_profile, photo_in_use
from zone_networks.directory.search import refresh_person
from zone_networks.directory.tags import free_tags_problem, tag_slug, tags_by_slug
from zone_networks.extensions import db

BIO_MAX = 2000


class ProfileError(ValueError):
    """A change the service refused; the message is safe to show, `field` names the form field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ProfileChanges:
    """Everything the profile form saves, already trimmed."""

    name: str
    job_title: str
    zone_roles: tuple[str, ...]
    managed_tags: tuple[str, ...]  # slugs of managed tags chosen
    free_tags: tuple[str, ...]  # names typed, already split and de-duplicated
    bio: str
    language: str
    phone: str
    other_contact: str
    email_visibility: str
    phone_visibility: str
    other_contact_visibility: str


def _check(changes: ProfileChanges) -> None:
    """Refuse what the form should already have refused."""
    if not changes.name.strip():
        raise ProfileError(_("Enter your full name"), "name")
    if len(changes.bio) > BIO_MAX:
        raise ProfileError(_("About you must be 2,000 characters or fewer"), "bio")
    if changes.language not in LANGUAGES:
        raise ProfileError(_("Select the language for the service"), "language")
    problem = free_tags_problem(list(changes.free_tags))
    if problem:
        raise ProfileError(problem, "other_expertise")
    for field in ("email_visibility", "phone_visibility", "other_contact_visibility"):
        if getattr(changes, field) not in CONTACT_VISIBILITIES:
            raise ProfileError(_("Select who can see this"), field)


def _set_zone_roles(person: User, roles: tuple[str, ...]) -> None:
    """Keep the roles still chosen, drop the others, add the new ones (no delete-and-reinsert)."""
    wanted = [role for role in ZONE_ROLES if role in roles]
    person.zone_roles = [held for held in person.zone_roles if held.role in wanted]
    held_roles = {held.role for held in person.zone_roles}
    person.zone_roles.extend(PersonZoneRole(role=role) for role in wanted if role not in held_roles)


def _resolve_tags(managed_slugs: tuple[str, ...], free_names: tuple[str, ...]) -> list[ExpertiseTag]:
    """The tags chosen: managed ones by slug, free ones matched by folded name or created."""
    free = {tag_slug(name): name for name in free_names if tag_slug(name)}
    existing = tags_by_slug([*managed_slugs, *free])
    chosen = {slug: existing[slug] for slug in managed_slugs if slug in existing and existing[slug].managed}
    for slug, name in free.items():
        if slug in chosen:
            continue
        tag = existing.get(slug)
        if tag is None:
            tag = ExpertiseTag(name=name, slug=slug, managed=False)
            db.session.add(tag)
        chosen[slug] = tag
    return list(chosen.values())


def _apply(person: User, changes: ProfileChanges) -> None:
    person.name = changes.name.strip()[:200]
    person.job_title = changes.job_title.strip()[:200]
    _set_zone_roles(person, changes.zone_roles)
    person.expertise = _resolve_tags(changes.managed_tags, changes.free_tags)
    person.bio = changes.bio.strip()
    person.language = changes.language
    person.phone = changes.phone.strip()[:40]
    person.other_contact = changes.other_contact.strip()[:300]
    person.email_visibility = changes.email_visibility
    person.phone_visibility = changes.phone_visibility
    person.other_contact_visibility = changes.other_contact_visibility
    refresh_person(person)


def update_profile(person: User, changes: ProfileChanges) -> None:
    """Save a person's own profile and refresh their search text; nothing is written if a check fails.

    `person` must have its zone roles and expertise loaded (profile_queries.person_for_profile).
    """
    _check(changes)
    _apply(person, changes)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone else created one of the same new free tags at the same moment: use theirs.
        db.session.rollback()
        reloaded = person_for_profile(person.id)
        if reloaded is None:
            raise
        _apply(reloaded, changes)
        db.session.commit()


def _discard_if_unused(key: str | None) -> None:
    if key and not photo_in_use(key):
        photos.delete_photo(key)


def set_photo(person: User, upload: IO[bytes]) -> None:
    """Check, re-encode and store an uploaded photo, then point the profile at it (raises PhotoError)."""
    jpeg = photos.normalise_photo(photos.read_upload(upload, photos.max_bytes()))
    key = photos.store_photo(jpeg)
    previous = person.photo_key
    person.photo_key = key
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        _discard_if_unused(key)
        raise
    if previous != key:
        _discard_if_unused(previous)


def remove_photo(person: User) -> None:
    """Take the photo off a profile, deleting the file if nobody else uses it."""
    previous = person.photo_key
    if previous is None:
        return
    person.photo_key = None
    db.session.commit()
    _discard_if_unused(previous)
