"""Keeping the search index in step with the data: inside every flush, and in bulk with `reindex`.

Session listeners (installed once when the search package is imported) look at
what each flush adds, changes and deletes, work out which index entries that
touches (a new document version touches its document; a renamed zone touches
its people and case studies; a meeting's status touches its minutes...), and
rebuild exactly those entries from the rows as flushed, in the same
transaction. So the index is committed, or rolled back, with the change
itself. Where the database cascades a delete the ORM never sees (a meeting's
minutes, an expertise tag's holders), the listener looks the children up
before the flush, while they still exist.

Writes that bypass the ORM's unit of work (`session.execute(insert(...))`,
bulk UPDATE/DELETE statements) are not seen: after them call
`refresh([(kind, id), ...])` for the rows touched (in the same transaction), or
`reindex(kind)` for everything of a kind (it commits).
Network membership changes need nothing: visibility reads live memberships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, event, inspect, select
from sqlalchemy.orm import Session

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy, case_study_zones
from zone_networks.challenges.models import Challenge
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.discussions.models import Post, Thread
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion
from zone_networks.extensions import db
from zone_networks.fulltext.engine import EntryData, remove_many, upsert_many
from zone_networks.fulltext.models import SearchEntry
from zone_networks.meetings.minutes_models import Minutes, MinutesVersion
from zone_networks.meetings.models import Meeting
from zone_networks.search.adapters import ADAPTERS, INDEXED_KINDS, challenges, people, posts
from zone_networks.search.adapters.meetings import minutes_of_meetings
from zone_networks.zones.models import Organisation, Zone

BATCH = 500
_PENDING = "search_index_pending"
Key = tuple[str, int]

# The attributes whose change matters, per class (None: any change, including collections).
_WATCHED: dict[type, tuple[str, ...] | None] = {
    User: ("name", "job_title", "organisation_id", "organisation", "bio", "expertise", "zone_roles", "active",
           "deleted_at"),
    PersonZoneRole: None,
    Document: None,
    DocumentVersion: None,
    DocumentTag: None,
    CaseStudy: None,
    Meeting: ("title", "description", "venue", "status", "is_public", "network_id"),
    Minutes: ("status", "meeting_id"),
    MinutesVersion: None,
    ExpertiseTag: ("name",),
    Organisation: ("name", "zone_id", "zone"),
    Zone: ("name", "aliases"),
    # Not the counters (last_seq...) the sequence rule bumps on every change, nor a post's change_seq.
    Thread: ("title", "network_id", "meeting_id", "kind"),
    Post: ("body", "body_html", "deleted_at", "hidden_at", "thread_id"),
    Challenge: ("problem", "tried", "help_wanted", "zone_id", "zone", "sectors", "thread_id", "updated_at"),
}


def _value(obj: Any, name: str, load: bool) -> Any:
    """An attribute of `obj`: loaded if need be when `load` (its row exists), else only as held (or None)."""
    state: Any = inspect(obj)
    if name in state.dict:
        return state.dict[name]
    if name == "id" and state.identity is not None:
        return state.identity[0]
    return getattr(obj, name) if load else None


def _changed(session: Session, obj: Any) -> bool:
    watched = _WATCHED[type(obj)]
    if watched is None:
        return session.is_modified(obj)
    state: Any = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in watched)


def _direct_keys(obj: Any, load: bool = True) -> list[Key]:
    """The entries an object touches by itself (the ones needing a lookup are added by `_related_keys`)."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(obj, User):
        pairs = [("person", _value(obj, "id", load))]
    elif isinstance(obj, PersonZoneRole):
        pairs = [("person", _value(obj, "user_id", load))]
    elif isinstance(obj, Document):
        pairs = [("document", _value(obj, "id", load))]
    elif isinstance(obj, (DocumentVersion, DocumentTag)):
        pairs = [("document", _value(obj, "document_id", load))]
    elif isinstance(obj, CaseStudy):
        pairs = [("case_study", _value(obj, "id", load))]
    elif isinstance(obj, Meeting):
        pairs = [("meeting", _value(obj, "id", load))]
    elif isinstance(obj, Minutes):
        pairs = [("minutes", _value(obj, "id", load))]
    elif isinstance(obj, MinutesVersion):
        pairs = [("minutes", _value(obj, "minutes_id", load))]
    elif isinstance(obj, Post):
        pairs = [("post", _value(obj, "id", load))]
    elif isinstance(obj, Challenge):
        pairs = [("challenge", _value(obj, "id", load))]
    return [(kind, int(object_id)) for kind, object_id in pairs if object_id is not None]


def _related_keys(session: Session, objects: Iterable[Any]) -> set[Key]:
    """Entries reached through a lookup: a meeting's minutes and room, a tag's, organisation's or zone's people..."""
    meetings: list[int] = []
    threads: list[int] = []
    tags: list[int] = []
    organisations: list[int] = []
    zones: list[int] = []
    for obj in objects:
        object_id = _value(obj, "id", True)
        if object_id is None:
            continue
        if isinstance(obj, Meeting):
            meetings.append(object_id)
        elif isinstance(obj, ExpertiseTag):
            tags.append(object_id)
        elif isinstance(obj, Organisation):
            organisations.append(object_id)
        elif isinstance(obj, Zone):
            zones.append(object_id)
        elif isinstance(obj, Thread):
            threads.append(object_id)
    keys = {("minutes", minutes_id) for minutes_id in minutes_of_meetings(session, meetings)}
    # A meeting's status decides who sees its room; a thread's title is its posts' and challenge's title.
    keys |= {("post", post_id) for post_id in posts.posts_of_meetings(session, meetings)}
    keys |= {("post", post_id) for post_id in posts.posts_of_threads(session, threads)}
    keys |= {("challenge", challenge_id) for challenge_id in challenges.challenges_of(session, thread_ids=threads)}
    person_ids = people.people_with_tags(session, tags) + people.people_in(session, organisation_ids=organisations)
    if zones:
        person_ids += people.people_in(session, zone_ids=zones)
        keys |= {("case_study", case_id) for case_id in session.scalars(
            select(case_study_zones.c.case_study_id).where(case_study_zones.c.zone_id.in_(zones)))}
        keys |= {("challenge", challenge_id) for challenge_id in challenges.challenges_of(session, zone_ids=zones)}
    keys |= {("person", person_id) for person_id in person_ids}
    return keys


def _pending(session: Session) -> set[Key]:
    pending: set[Key] = session.info.setdefault(_PENDING, set())
    return pending


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    """Note what the deletions touch while their rows (and the rows the database will cascade) still exist."""
    deleted = [obj for obj in session.deleted if type(obj) in _WATCHED]
    if not deleted:
        return
    pending = _pending(session)
    with session.no_autoflush:
        for obj in deleted:
            pending.update(_direct_keys(obj))
        pending.update(_related_keys(session, deleted))


def _after_flush(session: Session, flush_context: Any) -> None:
    """Rebuild the entries this flush touched, in its transaction."""
    keys: set[Key] = set(session.info.pop(_PENDING, set()))
    changed = [obj for obj in session.dirty if type(obj) in _WATCHED and _changed(session, obj)]
    touched = [obj for obj in session.new if type(obj) in _WATCHED] + changed
    deleted = [obj for obj in session.deleted if type(obj) in _WATCHED]  # their rows are gone: no loading
    touched += deleted
    gone = {id(obj) for obj in deleted}
    if not touched and not keys:
        return
    for obj in touched:
        keys.update(_direct_keys(obj, load=id(obj) not in gone))
    # New rows have nothing to cascade to yet; deleted ones were looked up before the flush.
    keys |= _related_keys(session, changed)
    refresh(keys, session)


def _forget(session: Session, previous_transaction: Any) -> None:
    """A rolled-back flush leaves nothing pending for the next one."""
    session.info.pop(_PENDING, None)


def refresh(keys: Iterable[Key], session: Session | None = None) -> None:
    """Rebuild the entries for these (kind, object id) pairs from the database (the caller commits)."""
    current: Any = session or db.session
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in keys:
        if kind in ADAPTERS:
            by_kind[kind].add(object_id)
    for kind, ids in by_kind.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), BATCH):
            _refresh_batch(current, kind, ordered[start:start + BATCH])


def _refresh_batch(session: Any, kind: str, ids: Sequence[int]) -> int:
    built = ADAPTERS[kind].entries(session, ids)
    entries: list[EntryData] = [entry for entry in built.values() if entry is not None]
    upsert_many(entries, session)
    remove_many(kind, [object_id for object_id, entry in built.items() if entry is None], session)
    return len(entries)


def reindex(kind: str | None = None) -> dict[str, int]:
    """Rebuild the index (one kind, or all) in batches of BATCH, committing each; returns entries per kind.

    Idempotent: entries are upserted, and entries whose object is gone are removed.
    """
    kinds = INDEXED_KINDS if kind is None else (kind,)
    unknown = [name for name in kinds if name not in ADAPTERS]
    if unknown:
        raise ValueError(f"cannot index: {', '.join(unknown)}")
    session = db.session()
    counts: dict[str, int] = {}
    for name in kinds:
        adapter = ADAPTERS[name]
        ids = list(session.scalars(adapter.all_ids().order_by(None)))
        ids.sort()
        counts[name] = 0
        for start in range(0, len(ids), BATCH):
            counts[name] += _refresh_batch(session, name, ids[start:start + BATCH])
            session.commit()
        session.connection().execute(delete(SearchEntry.__table__).where(
            SearchEntry.kind == name, SearchEntry.object_id.not_in(adapter.all_ids())))
        session.commit()
    return counts


def install() -> None:
    """Register the listeners on every Session (once, however often it is called)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_soft_rollback", _forget)
