"""`flask demo --documents N`: generated demo documents in bulk, idempotent, downloadable and indexed for search."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from flask import Flask
from sqlalchemy import delete, func, select

from zone_networks.core.uploads import upload_path
from zone_networks.demo import DEFAULT_SEED
from zone_networks.demo.documents_scale import build_scale_documents, demo_file_key
from zone_networks.demo.services import build_demo_data
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors
from zone_networks.fulltext.models import SearchEntry
from zone_networks.networks.models import Membership


def _run(app: Flask, *args: str) -> Any:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def _documents(db: Any) -> list[Document]:
    """The generated documents (other demo documents, made from real files, have files of their own)."""
    db.session.expire_all()
    key = demo_file_key()[0]
    generated = select(DocumentVersion.document_id).where(DocumentVersion.blob_key == key)
    return list(db.session.scalars(select(Document).where(Document.id.in_(generated)).order_by(Document.id)))


def _versions(db: Any) -> list[DocumentVersion]:
    key = demo_file_key()[0]
    return list(db.session.scalars(select(DocumentVersion).where(DocumentVersion.blob_key == key)))


def test_demo_command_adds_documents_once(app, db) -> None:
    result = _run(app, "demo", "--documents", "60")
    assert "Generated demo documents: 60 added, 60 in all." in result.output
    result = _run(app, "demo", "--documents", "60")
    assert "Generated demo documents: 0 added, 60 in all." in result.output
    result = _run(app, "demo", "--documents", "75")
    assert "Generated demo documents: 15 added, 75 in all." in result.output
    assert len(_documents(db)) == 75


def test_generated_documents_are_realistic_and_varied(app, db) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    build_scale_documents(90, DEFAULT_SEED)
    documents = _documents(db)
    assert len(documents) == 90
    assert all(document.is_demo and document.version_count == 1 for document in documents)
    assert Counter(document.visibility for document in documents).keys() == {"network", "members", "public"}
    assert len({document.network_id for document in documents}) == 3
    assert len({document.title for document in documents}) > 80
    assert all(document.description.startswith("Prepared for the ") for document in documents)

    versions = _versions(db)
    assert len(versions) == 90
    assert {version.text_status for version in versions} == {"extracted"}
    assert all(len(version.text.split()) > 60 for version in versions)
    assert all(version.original_name.endswith(".txt") for version in versions)
    assert {document.current_version_id for document in documents} == {version.id for version in versions}
    assert db.session.scalar(select(func.count()).select_from(document_sectors)) > 0
    assert db.session.scalar(select(func.count(DocumentTag.slug))) > 0

    active = set(db.session.execute(select(Membership.user_id, Membership.network_id)
                                    .where(Membership.status == "active")))
    assert all((document.owner_id, document.network_id) in active for document in documents)


def test_every_version_shares_one_stored_demo_file(app, db) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    build_scale_documents(20, DEFAULT_SEED)
    key, size, content_type = demo_file_key()
    assert len(_versions(db)) == 20
    assert {version.document_id for version in _versions(db)} == {document.id for document in _documents(db)}
    assert upload_path(key).read_bytes().startswith(b"Zone Networks demo document")
    assert upload_path(key).stat().st_size == size
    assert content_type.startswith("text/plain")


def test_the_same_seed_writes_the_same_documents(app, db) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    build_scale_documents(10, DEFAULT_SEED)
    first = [(d.title, d.visibility, d.network_id) for d in _documents(db)]
    db.session.execute(delete(Document).where(Document.id.in_([d.id for d in _documents(db)])))
    db.session.commit()
    build_scale_documents(10, DEFAULT_SEED)
    assert [(d.title, d.visibility, d.network_id) for d in _documents(db)] == first


def test_generated_documents_are_indexed_and_found(app, db, client) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    build_scale_documents(40, DEFAULT_SEED)
    ids = [document.id for document in _documents(db)]
    entries = db.session.scalar(select(func.count(SearchEntry.id))
                                .where(SearchEntry.kind == "document", SearchEntry.object_id.in_(ids)))
    assert entries == 40
    public = next(d for d in _documents(db) if d.visibility == "public")
    response = client.get("/search", query_string={"q": public.title})
    assert response.status_code == 200
    assert f'href="/documents/{public.id}"' in response.get_data(as_text=True)


def test_bulk_insert_is_fast(app, db) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    started = time.perf_counter()
    build_scale_documents(500, DEFAULT_SEED)
    assert time.perf_counter() - started < 20  # 5,000 take well under a minute on SQLite (bench/search.py)
    assert len(_documents(db)) == 500
