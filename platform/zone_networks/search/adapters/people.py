"""Index entries for people: name; job title, organisation, zone, zone roles, expertise and bio.

Audience follows `directory.visibility.can_view_person`: an active person ->
"members"; a deactivated one -> "staff"; a deleted (anonymised) one is not
indexed. Contact details (email, phone, other) are never indexed: each has its
own per-viewer visibility. Zone roles are indexed in English and Welsh words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from flask_babel import force_locale
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zone_networks.accounts.models import User
from zone_networks.directory.labels import zone_role_label
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.fulltext.engine import EntryData
from zone_networks.search.adapters._text import joined, plain
from zone_networks.zones.models import Organisation, Zone

KIND = "person"


def all_ids() -> Select[int]:
    """Every person's id."""
    return select(User.id)


def _role_words(role: str) -> str:
    words: list[str] = []
    for locale in ("en", "cy"):
        with force_locale(locale):
            label = zone_role_label(role)
        if label not in words:
            words.append(label)
    return " ".join(words)


def people_with_tags(session: Session, tag_ids: Sequence[int]) -> list[int]:
    """The ids of the people who list any of these expertise tags."""
    if not tag_ids:
        return []
    return list(session.scalars(select(person_tags.c.user_id).where(person_tags.c.tag_id.in_(tag_ids)).distinct()))


def people_in(session: Session, organisation_ids: Sequence[int] = (), zone_ids: Sequence[int] = ()) -> list[int]:
    """The ids of the people in these organisations, or in the organisations of these zones."""
    query = select(User.id).join(Organisation, Organisation.id == User.organisation_id)
    if zone_ids:
        query = query.where(Organisation.zone_id.in_(zone_ids))
    elif organisation_ids:
        query = query.where(Organisation.id.in_(organisation_ids))
    else:
        return []
    return list(session.scalars(query))


def entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each id (None: no such person, or deleted). Three queries."""
    rows = session.execute(
        select(User.id, User.name, User.job_title, User.bio, User.active, User.deleted_at,
               Organisation.name.label("organisation"), Zone.id.label("zone_id"), Zone.name.label("zone"),
               Zone.aliases)
        .join(Organisation, Organisation.id == User.organisation_id)
        .outerjoin(Zone, Zone.id == Organisation.zone_id)
        .where(User.id.in_(ids))).all()
    found = [row.id for row in rows if row.deleted_at is None]
    tags: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    if found:
        for user_id, name in session.execute(
                select(person_tags.c.user_id, ExpertiseTag.name)
                .join(ExpertiseTag, ExpertiseTag.id == person_tags.c.tag_id)
                .where(person_tags.c.user_id.in_(found)).order_by(ExpertiseTag.name)):
            tags[user_id].append(name)
        for user_id, role in session.execute(
                select(PersonZoneRole.user_id, PersonZoneRole.role).where(PersonZoneRole.user_id.in_(found))
                .order_by(PersonZoneRole.role)):
            roles[user_id].append(_role_words(role))
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        if row.deleted_at is not None:
            continue
        zone = f"{row.zone} {(row.aliases or '').replace(',', ' ')}".strip() if row.zone else ""
        body = joined([row.job_title, row.organisation if row.organisation != row.zone else "", zone,
                       ", ".join(roles[row.id]), ", ".join(tags[row.id]), plain(row.bio)])
        result[row.id] = EntryData(kind=KIND, object_id=row.id, title=row.name, body=body,
                                   audience="members" if row.active else "staff",
                                   zone_ids=[row.zone_id] if row.zone_id else [])
    return result
