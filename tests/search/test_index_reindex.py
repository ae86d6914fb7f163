"""Rebuilding the index in bulk (`reindex`, `flask search reindex`) after writes that bypass the session."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, insert, select, update

from tests.search.index_support import entry, entry_count, network
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.fulltext.models import SearchEntry
from zone_networks.search import indexer


def _bulk_documents(count: int, network_slug: str = "skills-forum") -> list[int]:
    rows = [{"title": f"Bulk paper {number}", "description": "Dredging report", "network_id": network(network_slug).id,
             "visibility": "members", "version_count": 0, "is_demo": True, "updated_at": utcnow()}
            for number in range(count)]
    ids = list(db.session.scalars(insert(Document).returning(Document.id, sort_by_parameter_order=True), rows))
    db.session.commit()
    return ids


def test_bulk_inserts_are_indexed_by_reindex(db: Any) -> None:
    ids = _bulk_documents(3)
    assert entry("document", ids[0]) is None  # the insert bypassed the listeners
    counts = indexer.reindex("document")
    assert counts == {"document": 3}
    assert all(entry("document", document_id) is not None for document_id in ids)


def test_reindex_is_idempotent_and_uses_batches(db: Any, member: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "BATCH", 2)
    ids = _bulk_documents(5)
    first = indexer.reindex()
    before = db.session.execute(select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.title)
                                .order_by(SearchEntry.kind, SearchEntry.object_id)).all()
    second = indexer.reindex()
    after = db.session.execute(select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.title)
                               .order_by(SearchEntry.kind, SearchEntry.object_id)).all()
    assert first == second
    assert first["document"] == 5 and first["person"] == 1
    assert before == after
    assert entry_count("document") == len(ids)


def test_reindex_removes_entries_whose_objects_are_gone_and_fixes_stale_ones(db: Any) -> None:
    ids = _bulk_documents(2)
    indexer.reindex("document")
    db.session.execute(delete(Document).where(Document.id == ids[0]))
    db.session.execute(update(Document).where(Document.id == ids[1]).values(title="Renamed in bulk"))
    db.session.commit()
    assert entry("document", ids[0]) is not None
    indexer.reindex("document")
    assert entry("document", ids[0]) is None
    assert entry("document", ids[1]).title == "Renamed in bulk"  # type: ignore[union-attr]


def test_reindex_of_one_kind_leaves_the_others(db: Any, member: Any) -> None:
    db.session.execute(delete(SearchEntry).where(SearchEntry.kind == "person"))
    db.session.commit()
    indexer.reindex("document")
    assert entry("person", member.id) is None
    indexer.reindex("person")
    assert entry("person", member.id) is not None


def test_an_unknown_kind_is_refused(db: Any) -> None:
    with pytest.raises(ValueError):
        indexer.reindex("not-a-kind")


def test_the_command_reindexes(app: Flask, db: Any, member: Any) -> None:
    ids = _bulk_documents(2)
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--kind", "document"])
    assert result.exit_code == 0, result.output
    assert "Indexed 2 document entries." in result.output
    assert entry("document", ids[0]) is not None
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 person entry." in result.output
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--kind", "nonsense"])
    assert result.exit_code != 0
