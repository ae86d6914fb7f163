"""The full-text engine's interface: keep entries, and search them with visibility applied in SQL.

Features do not call `upsert`/`remove` themselves: search.indexer keeps the
index in step inside every flush. Pages call `search` (the /search page) or
`matching_ids` (to narrow their own lists by a search box).

Matching rules (see fulltext.terms): the query is folded (case and accents
ignored), cut into at most 8 words of letters and digits, every word must
match, words of 3 letters or more also match as prefixes, English stemming on
both databases. An empty query (or one with no letters or digits) matches
nothing. `search` runs at most 2 queries, whatever the number of hits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import Select, delete, false, func, literal, select
from sqlalchemy.orm import Session

from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db
from zone_networks.fulltext.highlight import highlight, snippet
from zone_networks.fulltext.matching import match_parts
from zone_networks.fulltext.models import AUDIENCES, KINDS, SearchEntry
from zone_networks.fulltext.terms import BODY_CAP, TITLE_CAP, index_fold, query_terms
from zone_networks.fulltext.visibility import visible_to

__all__ = ["EntryData", "Hit", "Results", "highlight", "matching_ids", "ranked_matches", "remove", "remove_many",
           "search", "snippet", "upsert", "upsert_many"]

MAX_PER_PAGE = 100
_UPDATED = ("title", "body", "folded_title", "folded_body", "audience", "network_id", "owner_id", "zone_ids",
            "sector_ids", "updated_at")


@dataclass(frozen=True)
class EntryData:
    """What a kind's adapter produces for one searchable object."""

    kind: str
    object_id: int
    title: str
    body: str
    audience: str  # one of fulltext.models.AUDIENCES
    network_id: int | None = None
    owner_id: int | None = None
    zone_ids: Sequence[int] = ()
    sector_ids: Sequence[int] = ()
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Hit:
    """One search result: `title` is plain text (mark it with `highlight`), `snippet` is marked-up body text."""

    kind: str
    object_id: int
    title: str
    snippet: Markup
    rank: float
    network_id: int | None
    updated_at: datetime


@dataclass(frozen=True)
class Results:
    """A page of hits, how many match in the chosen kinds, and how many match in each kind.

    `kind_counts` ignores the `kinds` filter (so a page can offer the other kinds
    with their numbers) but applies every other filter; `total` is the sum over
    the chosen kinds (all kinds when none were chosen).
    """

    hits: list[Hit]
    total: int
    kind_counts: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)


def _ids_text(ids: Iterable[int]) -> str:
    """Ids as the space-padded list the filters match (" 3 12 ")."""
    unique = sorted({int(value) for value in ids})
    return " " + "".join(f"{value} " for value in unique)


def _row(entry: EntryData) -> dict[str, Any]:
    if entry.kind not in KINDS:
        raise ValueError(f"not a search kind: {entry.kind}")
    if entry.audience not in AUDIENCES:
        raise ValueError(f"not a search audience: {entry.audience}")
    if entry.audience in ("network", "convenors") and entry.network_id is None:
        raise ValueError(f"a {entry.audience} entry needs its network")
    title = " ".join((entry.title or "").split())[:TITLE_CAP]
    body = (entry.body or "")[:BODY_CAP]
    return {
        "kind": entry.kind, "object_id": entry.object_id, "title": title, "body": body,
        "folded_title": index_fold(title)[:TITLE_CAP], "folded_body": index_fold(body),
        "audience": entry.audience, "network_id": entry.network_id, "owner_id": entry.owner_id,
        "zone_ids": _ids_text(entry.zone_ids), "sector_ids": _ids_text(entry.sector_ids),
        "updated_at": entry.updated_at or utcnow(),
    }


def _dialect(session: Any) -> str:
    return session.get_bind().dialect.name


def upsert_many(entries: Iterable[EntryData], session: Session | None = None) -> int:
    """Add or update `entries` in the index in the current transaction (the caller commits); returns how many."""
    current = session or db.session
    rows = list({(row["kind"], row["object_id"]): row for row in map(_row, entries)}.values())
    if not rows:
        return 0
    dialect = _dialect(current)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    statement = insert(SearchEntry.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["kind", "object_id"], set_={name: statement.excluded[name] for name in _UPDATED})
    current.connection().execute(statement, rows)
    return len(rows)


def upsert(entry: EntryData, session: Session | None = None) -> None:
    """Add or update `entry` in the index within the current transaction (the caller commits)."""
    upsert_many([entry], session)


def remove_many(kind: str, object_ids: Iterable[int], session: Session | None = None) -> None:
    """Remove the entries of `kind` for `object_ids` (missing ones are ignored; the caller commits)."""
    ids = sorted(set(object_ids))
    if ids:
        current = session or db.session
        current.connection().execute(
            delete(SearchEntry.__table__).where(SearchEntry.kind == kind, SearchEntry.object_id.in_(ids)))


def remove(kind: str, object_id: int, session: Session | None = None) -> None:
    """Remove the entry for (kind, object_id) from the index, if any (the caller commits)."""
    remove_many(kind, [object_id], session)


def _filters(network_id: int | None, zone_id: int | None, sector_id: int | None) -> list[Any]:
    conditions: list[Any] = []
    if network_id is not None:
        conditions.append(SearchEntry.network_id == int(network_id))
    if zone_id is not None:
        conditions.append(SearchEntry.zone_ids.like(f"% {int(zone_id)} %"))
    if sector_id is not None:
        conditions.append(SearchEntry.sector_ids.like(f"% {int(sector_id)} %"))
    return conditions


def search(viewer: Any, q: str, *, kinds: Sequence[str] = (), network_id: int | None = None,
           zone_id: int | None = None, sector_id: int | None = None, page: int = 1, per_page: int = 20) -> Results:
    """Search the entries `viewer` may see for `q`: best first, at most 2 queries."""
    terms = query_terms(q)
    if not terms:
        return Results(hits=[], total=0, kind_counts={}, terms=[])
    page = max(1, int(page))
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    source, matched, score = match_parts(_dialect(db.session()), terms)
    conditions = [matched, visible_to(viewer), *_filters(network_id, zone_id, sector_id)]
    counting = select(SearchEntry.kind, func.count()).select_from(source).where(*conditions).group_by(SearchEntry.kind)
    kind_counts = {kind: int(count) for kind, count in db.session.execute(counting)}
    chosen = list(dict.fromkeys(kinds))
    total = sum(count for kind, count in kind_counts.items() if not chosen or kind in chosen)
    offset = (page - 1) * per_page
    if offset >= total:
        return Results(hits=[], total=total, kind_counts=kind_counts, terms=terms)
    if chosen:
        conditions.append(SearchEntry.kind.in_(chosen))
    labelled = score.label("score")
    query = (
        select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.title, SearchEntry.body,
               SearchEntry.network_id, SearchEntry.updated_at, labelled)
        .select_from(source).where(*conditions)
        .order_by(labelled.desc(), SearchEntry.updated_at.desc(), SearchEntry.id.desc())
        .limit(per_page).offset(offset)
    )
    hits = [
        Hit(kind=row.kind, object_id=row.object_id, title=row.title, snippet=snippet(row.body, terms),
            rank=float(row.score), network_id=row.network_id, updated_at=as_utc(row.updated_at))
        for row in db.session.execute(query)
    ]
    return Results(hits=hits, total=total, kind_counts=kind_counts, terms=terms)


def ranked_matches(viewer: Any, q: str, kind: str) -> Select[int, float]:
    """(object_id, score) of the `kind` entries matching `q` that `viewer` may see (higher score: better)."""
    terms = query_terms(q)
    if not terms:
        return select(SearchEntry.object_id, literal(0.0).label("score")).where(false())
    source, matched, score = match_parts(_dialect(db.session()), terms)
    return (select(SearchEntry.object_id, score.label("score")).select_from(source)
            .where(matched, visible_to(viewer), SearchEntry.kind == kind))


def matching_ids(viewer: Any, q: str, kind: str) -> Select[int]:
    """Object ids of `kind` that match `q` and that `viewer` may see (none for an empty query).

    Use it to narrow a list: `select(Document).where(Document.id.in_(matching_ids(user, q, "document")))`.
    """
    terms = query_terms(q)
    if not terms:
        return select(SearchEntry.object_id).where(false())
    source, matched, _score = match_parts(_dialect(db.session()), terms)
    return (select(SearchEntry.object_id).select_from(source)
            .where(matched, visible_to(viewer), SearchEntry.kind == kind))
