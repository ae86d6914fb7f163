"""The index follows documents: upload, edit, new version, tags, sectors, visibility, delete, rollback."""

from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from tests.search.index_support import entry, network, sector, stored_title
from zone_networks.core.clock import utcnow
from zone_networks.documents import services
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion
from zone_networks.extensions import db
from zone_networks.fulltext import engine


def _document(title: str = "Skills plan", *, text: str = "Welding apprenticeships in Ynys Môn",
              visibility: str = "network", owner: Any = None) -> Document:
    document = Document(title=title, description="About **bootcamps** and [links](https://example.org/x)",
                        network_id=network("skills-forum").id, visibility=visibility,
                        owner_id=owner.id if owner else None, version_count=1, updated_at=utcnow(),
                        tags=[DocumentTag(slug="green-jobs", name="Green jobs")],
                        sectors=[sector("advanced-manufacturing")])
    version = DocumentVersion(number=1, blob_key="a" * 64, size=10, content_type="text/plain",
                              original_name="plan-2026.txt", text_status="extracted", text=text)
    version.document = document
    document.current_version = version
    db.session.add(document)
    db.session.commit()
    return document


def _loaded(document_id: int) -> Document:
    return db.session.scalars(select(Document).where(Document.id == document_id)
                              .options(selectinload(Document.sectors), selectinload(Document.tags))).one()


def test_a_new_document_is_indexed_with_its_file_text(db: Any, member: Any) -> None:
    document = _document(owner=member)
    indexed = entry("document", document.id)
    assert indexed is not None
    assert indexed.title == "Skills plan"
    assert indexed.audience == "network"
    assert indexed.network_id == network("skills-forum").id
    assert indexed.sector_ids == [sector("advanced-manufacturing").id]
    assert indexed.zone_ids == []
    assert indexed.owner_id is None  # the owner gets no access of their own (Document.can_view)
    for words in ("About bootcamps and links", "Green jobs", "plan-2026.txt", "Welding apprenticeships"):
        assert words in indexed.body
    assert "**" not in indexed.body and "example.org" not in indexed.body


@pytest.mark.parametrize(("visibility", "audience"), [("network", "network"), ("members", "members"),
                                                      ("public", "public")])
def test_the_audience_follows_the_visibility(db: Any, visibility: str, audience: str) -> None:
    document = _document(visibility=visibility)
    assert entry("document", document.id).audience == audience  # type: ignore[union-attr]


def test_edits_to_the_details_are_indexed(db: Any) -> None:
    document = _loaded(_document().id)
    document.title = "Hydrogen plan"
    document.description = "Electrolysers"
    document.visibility = "public"
    document.network_id = network("net-zero").id
    document.sectors = [sector("clean-energy-industries")]
    db.session.commit()
    indexed = entry("document", document.id)
    assert indexed is not None
    assert (indexed.title, indexed.audience, indexed.network_id) == ("Hydrogen plan", "public",
                                                                     network("net-zero").id)
    assert "Electrolysers" in indexed.body and "bootcamps" not in indexed.body
    assert indexed.sector_ids == [sector("clean-energy-industries").id]


def test_tags_added_and_removed_are_indexed(db: Any) -> None:
    document = _loaded(_document().id)
    db.session.add(DocumentTag(document_id=document.id, slug="ports", name="Ports"))
    db.session.commit()
    assert "Ports" in entry("document", document.id).body  # type: ignore[union-attr]
    document = _loaded(document.id)
    document.tags = [tag for tag in document.tags if tag.slug != "green-jobs"]
    db.session.commit()
    body = entry("document", document.id).body  # type: ignore[union-attr]
    assert "Ports" in body and "Green jobs" not in body


def test_a_new_version_replaces_the_text(db: Any) -> None:
    document = _document()
    version = DocumentVersion(document_id=document.id, number=2, blob_key="b" * 64, size=10,
                              content_type="text/plain", original_name="plan-2027.txt", text_status="extracted",
                              text="Offshore wind turbines")
    db.session.add(version)
    document.current_version = version
    document.version_count = 2
    db.session.commit()
    body = entry("document", document.id).body  # type: ignore[union-attr]
    assert "Offshore wind turbines" in body and "plan-2027.txt" in body
    assert "Welding" not in body and "plan-2026.txt" not in body


def test_deleting_a_document_removes_its_entry(db: Any) -> None:
    document = _document()
    db.session.delete(document)
    db.session.commit()
    assert entry("document", document.id) is None


def test_a_rolled_back_change_leaves_the_index_as_it_was(db: Any) -> None:
    document = _document()
    document.title = "Never saved"
    db.session.flush()
    assert stored_title("document", document.id) == "Never saved"
    db.session.rollback()
    assert entry("document", document.id).title == "Skills plan"  # type: ignore[union-attr]


def test_a_rolled_back_new_document_leaves_no_entry(db: Any) -> None:
    document = Document(title="Ghost", network_id=network("skills-forum").id, version_count=0)
    db.session.add(document)
    db.session.flush()
    ghost_id = document.id
    assert stored_title("document", ghost_id) == "Ghost"
    db.session.rollback()
    assert entry("document", ghost_id) is None
    assert engine.search(None, "ghost").total == 0


def test_the_document_services_keep_the_index_in_step(db: Any, secretariat: Any) -> None:
    details = services.Details(title="Quarry report", description="Limestone", network_id=network("net-zero").id,
                               visibility="members", tag_names=["Minerals"])
    upload = FileStorage(io.BytesIO(b"Aggregates and limestone quarrying\n"), filename="quarry.txt")
    (document,) = services.upload_documents(secretariat, details, [upload])
    indexed = entry("document", document.id)
    assert indexed is not None and indexed.audience == "members"
    assert "Aggregates" in indexed.body and "Minerals" in indexed.body
    document = _loaded(document.id)
    services.add_version(secretariat, document, FileStorage(io.BytesIO(b"Gravel pits\n"), filename="v2.txt"), "")
    body = entry("document", document.id).body  # type: ignore[union-attr]
    assert "Gravel pits" in body and "Aggregates" not in body
    document = _loaded(document.id)
    services.update_details(secretariat, document, services.Details(
        title="Quarry review", description="", network_id=document.network_id, visibility="network",
        tag_names=["Rock"]))
    indexed = entry("document", document.id)
    assert indexed is not None and indexed.title == "Quarry review" and indexed.audience == "network"
    assert "Rock" in indexed.body and "Minerals" not in indexed.body
    services.delete_document(secretariat, _loaded(document.id))
    assert entry("document", document.id) is None


def test_membership_changes_need_no_reindexing(db: Any, member: Any, count_queries: Any) -> None:
    from zone_networks.networks.models import Membership

    document = _document(text="Tidal lagoon")
    assert engine.search(member, "tidal lagoon").total == 1
    membership = db.session.scalars(select(Membership).where(
        Membership.user_id == member.id, Membership.network_id == network("skills-forum").id)).one()
    membership.status = "removed"
    with count_queries() as statements:
        db.session.commit()
    assert not any("search_entries" in statement for statement in statements)
    assert engine.search(member, "tidal lagoon").total == 0
    assert entry("document", document.id) is not None
