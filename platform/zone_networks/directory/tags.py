"""Expertise tags: the managed list people choose from, and matching the free tags they type.

Tags are matched by their slug, which is made from the folded name
(`core.text.fold`), so "Hydrogen", "hydrogen" and "HYDROGEN" are one tag
and "Ynys Môn" matches "ynys mon".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.core.text import fold
from zone_networks.directory.models import ExpertiseTag
from zone_networks.extensions import db

# The managed list: areas of work that come up across the zones' skills,
# innovation and net zero work. Names are stored as written here.
MANAGED_TAGS = (
    "Advanced manufacturing",
    "Apprenticeships",
    "Carbon capture and storage",
    "Customs and tax sites",
    "Defence",
    "Digital skills",
    "Further education",
    "Higher education partnerships",
    "Hydrogen",
    "Innovation funding",
    "Inward investment",
    "Life sciences",
    "Local skills improvement plans",
    "Net zero transition",
    "Nuclear",
    "Offshore wind",
    "Planning and consenting",
    "Port operations",
    "Skills bootcamps",
    "Supply chain development",
)

FREE_TAG_MIN = 2
FREE_TAG_MAX = 40
FREE_TAGS_MAX = 10

_NOT_WORD = re.compile(r"[\W_]+")
# Letters (any alphabet, with accents), numbers, spaces, and & - ' (or a typographic apostrophe).
_FREE_TAG = re.compile(r"^(?:[^\W_]|[ &'\u2019-])+$")
_SPACES = re.compile(r"\s+")


def tag_slug(name: str) -> str:
    """The slug that identifies a tag: its folded words joined by hyphens."""
    return _NOT_WORD.sub("-", fold(name)).strip("-")[:80]


def split_free_tags(text: str) -> list[str]:
    """The free tags typed into a comma-separated field: trimmed, spaces collapsed, one per slug."""
    names: list[str] = []
    seen: set[str] = set()
    for part in (text or "").split(","):
        name = _SPACES.sub(" ", part).strip().replace("\u2019", "'")
        slug = tag_slug(name)
        if not name:
            continue
        if slug and slug in seen:
            continue
        seen.add(slug)
        names.append(name)
    return names


def free_tags_problem(names: list[str]) -> str | None:
    """Why these free tags cannot be saved, in words for the person, or None if they are fine."""
    if len(names) > FREE_TAGS_MAX:
        return _("Enter %(count)d other areas of expertise or fewer", count=FREE_TAGS_MAX)
    for name in names:
        if not FREE_TAG_MIN <= len(name) <= FREE_TAG_MAX:
            return _(
                "Each area of expertise must be between %(min)d and %(max)d characters",
                min=FREE_TAG_MIN, max=FREE_TAG_MAX,
            )
        if not _FREE_TAG.match(name) or not tag_slug(name):
            return _(
                "Areas of expertise must only include letters, numbers, spaces, ampersands, hyphens and apostrophes"
            )
    return None


def managed_tags() -> list[ExpertiseTag]:
    """The managed expertise tags, by name."""
    query = select(ExpertiseTag).where(ExpertiseTag.managed.is_(True)).order_by(ExpertiseTag.name)
    return list(db.session.scalars(query))


def tags_by_slug(slugs: Iterable[str]) -> dict[str, ExpertiseTag]:
    """The existing tags with these slugs, keyed by slug (one query)."""
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    return {tag.slug: tag for tag in db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug.in_(wanted)))}


def seed_expertise_tags() -> int:
    """Create the managed tags, or mark existing same-named tags as managed; returns how many changed.

    Safe to run repeatedly; commits. Tags no longer in the list are left alone
    (people may still use them); they simply stop being offered as checkboxes.
    """
    existing = tags_by_slug(tag_slug(name) for name in MANAGED_TAGS)
    changed = 0
    for name in MANAGED_TAGS:
        tag = existing.get(tag_slug(name))
        if tag is None:
            db.session.add(ExpertiseTag(name=name, slug=tag_slug(name), managed=True))
            changed += 1
        elif not tag.managed or tag.name != name:
            tag.managed = True
            tag.name = name
            changed += 1
    db.session.commit()
    return changed
