"""Index entries for case studies: title; summary, challenge, approach, partners, lessons and zone names.

Audience follows `CaseStudy.can_view` exactly: published and public ->
"public"; published -> "members"; a draft -> "staff" with its author as owner
(drafts are for their author and the secretariat).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zone_networks.casestudies.models import CaseStudy, case_study_sectors, case_study_zones
from zone_networks.fulltext.engine import EntryData
from zone_networks.search.adapters._text import joined, plain
from zone_networks.zones.models import Zone

KIND = "case_study"


def all_ids() -> Select[int]:
    """Every case study's id."""
    return select(CaseStudy.id)


def _audience(status: str, is_public: bool) -> str:
    if status == "published":
        return "public" if is_public else "members"
    return "staff"


def entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each id (None: no such case study any more). Three queries."""
    rows = session.execute(
        select(CaseStudy.id, CaseStudy.title, CaseStudy.summary, CaseStudy.challenge, CaseStudy.approach,
               CaseStudy.partners, CaseStudy.lessons, CaseStudy.status, CaseStudy.is_public,
               CaseStudy.author_id, CaseStudy.updated_at)
        .where(CaseStudy.id.in_(ids))).all()
    zones: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    sectors: dict[int, list[int]] = defaultdict(list)
    found = [row.id for row in rows]
    if found:
        for case_id, zone_id, name, aliases in session.execute(
                select(case_study_zones.c.case_study_id, Zone.id, Zone.name, Zone.aliases)
                .join(Zone, Zone.id == case_study_zones.c.zone_id)
                .where(case_study_zones.c.case_study_id.in_(found)).order_by(Zone.name)):
            zones[case_id].append((zone_id, name, aliases or ""))
        for case_id, sector_id in session.execute(
                select(case_study_sectors.c.case_study_id, case_study_sectors.c.sector_id)
                .where(case_study_sectors.c.case_study_id.in_(found))):
            sectors[case_id].append(sector_id)
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        places = [f"{name} {aliases.replace(',', ' ')}".strip() for _id, name, aliases in zones[row.id]]
        body = joined([row.summary, plain(row.challenge), plain(row.approach), plain(row.partners),
                       plain(row.lessons), ", ".join(places)])
        audience = _audience(row.status, row.is_public)
        result[row.id] = EntryData(
            kind=KIND, object_id=row.id, title=row.title, body=body, audience=audience,
            owner_id=row.author_id if audience == "staff" else None,
            zone_ids=[zone_id for zone_id, _name, _aliases in zones[row.id]], sector_ids=sectors[row.id],
            updated_at=row.updated_at)
    return result
