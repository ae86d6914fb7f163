"""Index entries for challenges: the title (its thread's); the problem, what was tried, the help wanted, the zone.

Audience follows the challenge's thread (`Thread.can_view`): "network", the
active members of the thread's network and the staff. The owner gets no
special access (as for posts). The challenge's zone is its zone filter (and
its name and other names are in the text, so "Wrecsam" finds Wrexham's); its
sectors are its sector filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zone_networks.challenges.models import Challenge, challenge_sectors
from zone_networks.discussions.models import Thread
from zone_networks.fulltext.engine import EntryData
from zone_networks.search.adapters._text import joined, plain
from zone_networks.zones.models import Zone

KIND = "challenge"


def all_ids() -> Select[int]:
    """Every challenge's id."""
    return select(Challenge.id)


def challenges_of(session: Session, thread_ids: Sequence[int] = (), zone_ids: Sequence[int] = ()) -> list[int]:
    """The ids of the challenges of these threads, or in these zones."""
    if thread_ids:
        condition = Challenge.thread_id.in_(thread_ids)
    elif zone_ids:
        condition = Challenge.zone_id.in_(zone_ids)
    else:
        return []
    return list(session.scalars(select(Challenge.id).where(condition)))


def entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each id (None: no such challenge any more). Two queries."""
    rows = session.execute(
        select(Challenge.id, Challenge.problem, Challenge.tried, Challenge.help_wanted, Challenge.zone_id,
               Challenge.updated_at, Thread.title, Thread.network_id, Zone.name.label("zone"), Zone.aliases)
        .join(Thread, Thread.id == Challenge.thread_id)
        .join(Zone, Zone.id == Challenge.zone_id)
        .where(Challenge.id.in_(ids))).all()
    sectors: dict[int, list[int]] = defaultdict(list)
    found = [row.id for row in rows]
    if found:
        for challenge_id, sector_id in session.execute(
                select(challenge_sectors.c.challenge_id, challenge_sectors.c.sector_id)
                .where(challenge_sectors.c.challenge_id.in_(found))):
            sectors[challenge_id].append(sector_id)
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        place = f"{row.zone} {(row.aliases or '').replace(',', ' ')}".strip()
        body = joined([plain(row.problem), plain(row.tried), plain(row.help_wanted), place])
        result[row.id] = EntryData(
            kind=KIND, object_id=row.id, title=row.title, body=body, audience="network",
            network_id=row.network_id, zone_ids=[row.zone_id], sector_ids=sectors[row.id],
            updated_at=row.updated_at)
    return result
