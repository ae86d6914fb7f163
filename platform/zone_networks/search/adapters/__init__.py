"""One adapter per searchable kind: from object ids to the index entries that describe them.

Each adapter builds the entries of a batch of ids in a fixed, small number of
queries, reading the rows as they are in the database (inside a flush, as
they are about to be committed), never through lazy relationships. An id
whose object is gone, or is not to be indexed, maps to None (its entry is
removed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import Session

from zone_networks.fulltext.engine import EntryData
from zone_networks.search.adapters import case_studies, challenges, documents, meetings, people, posts


@dataclass(frozen=True)
class Adapter:
    """How to index one kind: its entries for a batch of ids, and every id it has."""

    kind: str
    entries: Callable[[Session, Sequence[int]], dict[int, EntryData | None]]
    all_ids: Callable[[], Select[int]]


ADAPTERS: dict[str, Adapter] = {
    adapter.kind: adapter
    for adapter in (
        Adapter(documents.KIND, documents.entries, documents.all_ids),
        Adapter(case_studies.KIND, case_studies.entries, case_studies.all_ids),
        Adapter(meetings.MEETING, meetings.meeting_entries, meetings.all_meeting_ids),
        Adapter(meetings.MINUTES, meetings.minutes_entries, meetings.all_minutes_ids),
        Adapter(people.KIND, people.entries, people.all_ids),
        Adapter(posts.KIND, posts.entries, posts.all_ids),
        Adapter(challenges.KIND, challenges.entries, challenges.all_ids),
    )
}
INDEXED_KINDS = tuple(ADAPTERS)
