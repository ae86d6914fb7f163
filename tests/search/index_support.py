"""Helpers for the index-in-step tests: read an entry straight from search_entries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from zone_networks.extensions import db
from zone_networks.fulltext.models import SearchEntry
from zone_networks.networks.models import Network
from zone_networks.zones.models import Organisation, Sector, Zone


@dataclass(frozen=True)
class Indexed:
    """An index entry as stored."""

    title: str
    body: str
    audience: str
    network_id: int | None
    owner_id: int | None
    zone_ids: list[int]
    sector_ids: list[int]


def entry(kind: str, object_id: int) -> Indexed | None:
    """The stored entry for (kind, object_id), or None."""
    db.session.expire_all()
    row = db.session.execute(select(SearchEntry).where(SearchEntry.kind == kind,
                                                       SearchEntry.object_id == object_id)).scalar_one_or_none()
    if row is None:
        return None
    return Indexed(title=row.title, body=row.body, audience=row.audience, network_id=row.network_id,
                   owner_id=row.owner_id, zone_ids=[int(part) for part in row.zone_ids.split()],
                   sector_ids=[int(part) for part in row.sector_ids.split()])


def stored_title(kind: str, object_id: int) -> str | None:
    """The entry's title as the current transaction sees it (nothing expired, nothing committed)."""
    return db.session.scalar(select(SearchEntry.title).where(SearchEntry.kind == kind,
                                                             SearchEntry.object_id == object_id))


def entry_count(kind: str | None = None) -> int:
    """How many entries there are (of one kind)."""
    query = select(func.count(SearchEntry.id))
    if kind is not None:
        query = query.where(SearchEntry.kind == kind)
    return int(db.session.scalar(query) or 0)


def network(slug: str) -> Network:
    """A seeded network."""
    return db.session.scalars(select(Network).where(Network.slug == slug)).one()


def sector(slug: str) -> Sector:
    """A seeded sector."""
    return db.session.scalars(select(Sector).where(Sector.slug == slug)).one()


def zone(slug: str) -> Zone:
    """A seeded zone."""
    return db.session.scalars(select(Zone).where(Zone.slug == slug)).one()


def organisation(slug: str) -> Organisation:
    """A seeded organisation."""
    return db.session.scalars(select(Organisation).where(Organisation.slug == slug)).one()
