"""One page of search hits turned into what the results list shows: kind, link, marked title, snippet, places.

The engine's hits carry the title, snippet, network and date; the zones of
each result come from the index rows of the page's hits, and the meetings of
any minutes from one more query, so a page of results costs at most two
queries beyond the search itself, however many hits it has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import and_, or_, select

from zone_networks.extensions import db
from zone_networks.fulltext.engine import Hit, highlight
from zone_networks.fulltext.models import SearchEntry
from zone_networks.search.labels import KIND_LABELS, KIND_TAG_CLASSES
from zone_networks.search.links import minutes_meetings, result_url


@dataclass(frozen=True)
class ResultRow:
    """One result as the page shows it."""

    kind: str
    kind_label: str
    tag_class: str
    url: str | None
    title: Markup
    snippet: Markup
    network: str | None
    zones: list[str]
    updated_at: datetime


def _zone_ids(hits: Sequence[Hit]) -> dict[tuple[str, int], list[int]]:
    """The zone ids of each hit, read from its index row (one query)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        by_kind[hit.kind].append(hit.object_id)
    if not by_kind:
        return {}
    wanted = or_(*(and_(SearchEntry.kind == kind, SearchEntry.object_id.in_(ids)) for kind, ids in by_kind.items()))
    rows = db.session.execute(select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.zone_ids).where(wanted))
    return {(kind, object_id): [int(part) for part in (zone_ids or "").split() if part.isdigit()]
            for kind, object_id, zone_ids in rows}


def result_rows(hits: Sequence[Hit], terms: list[str], *, network_names: dict[int, str],
                zone_names: dict[int, str]) -> list[ResultRow]:
    """The rows for a page of hits, titles marked with the search terms."""
    zones_of = _zone_ids(hits)
    meetings = minutes_meetings(hit.object_id for hit in hits if hit.kind == "minutes")
    rows = []
    for hit in hits:
        zone_ids = zones_of.get((hit.kind, hit.object_id), [])
        rows.append(ResultRow(
            kind=hit.kind,
            kind_label=str(KIND_LABELS.get(hit.kind, hit.kind)),
            tag_class=KIND_TAG_CLASSES.get(hit.kind, "govuk-tag--grey"),
            url=result_url(hit.kind, hit.object_id, meetings),
            title=highlight(hit.title, terms),
            snippet=hit.snippet,
            network=network_names.get(hit.network_id) if hit.network_id is not None else None,
            zones=sorted(zone_names[zone_id] for zone_id in zone_ids if zone_id in zone_names),
            updated_at=hit.updated_at,
        ))
    return rows
