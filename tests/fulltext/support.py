"""Helpers for engine tests: index entries written straight through the engine (no real objects behind them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from zone_networks.extensions import db
from zone_networks.fulltext import engine
from zone_networks.fulltext.engine import EntryData, Results
from zone_networks.networks.models import Network

_next_id = [10_000]


def network_id(slug: str) -> int:
    """A seeded network's id."""
    return db.session.execute(select(Network.id).filter_by(slug=slug)).scalar_one()


def put(title: str, body: str = "", *, kind: str = "document", audience: str = "public", object_id: int | None = None,
        network: str | None = None, owner_id: int | None = None, zone_ids: Sequence[int] = (),
        sector_ids: Sequence[int] = ()) -> int:
    """Index one entry and commit; returns its object id."""
    if object_id is None:
        _next_id[0] += 1
        object_id = _next_id[0]
    engine.upsert(EntryData(kind=kind, object_id=object_id, title=title, body=body, audience=audience,
                            network_id=network_id(network) if network else None, owner_id=owner_id,
                            zone_ids=zone_ids, sector_ids=sector_ids))
    db.session.commit()
    return object_id


def titles(results: Results) -> list[str]:
    """The titles of the hits, best first."""
    return [hit.title for hit in results.hits]


def found(viewer: Any, q: str, **options: Any) -> set[str]:
    """The titles `viewer` finds for `q` (first 100)."""
    return {hit.title for hit in engine.search(viewer, q, per_page=100, **options).hits}
