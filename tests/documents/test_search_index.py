"""The search index follows the library's changes: the indexer listens to the session, documents code never calls it."""

from __future__ import annotations

from sqlalchemy import select

from tests.documents import support
from tests.documents.support import network, new_version, upload
from tests.helpers import submit
from zone_networks.documents.models import Document
from zone_networks.fulltext.models import SearchEntry


def _entry(db, document_id: int) -> SearchEntry | None:
    db.session.expire_all()
    return db.session.scalars(select(SearchEntry).where(SearchEntry.kind == "document",
                                                        SearchEntry.object_id == document_id)).first()


def test_upload_new_version_edit_and_delete_keep_the_index_in_step(db, client, login, member) -> None:
    login(member)
    assert upload(client, [(support.docx("Quinquereme plan"), "plan.docx")], title="Harbour plan").status_code == 303
    document_id = db.session.scalars(select(Document.id)).one()
    entry = _entry(db, document_id)
    assert entry is not None and entry.title == "Harbour plan" and "Quinquereme" in entry.body
    assert (entry.audience, entry.network_id) == ("network", network("skills-forum").id)

    assert new_version(client, document_id, b"Trireme figures\n", "figures.txt").status_code == 303
    entry = _entry(db, document_id)
    assert entry is not None and "Trireme" in entry.body and "Quinquereme" not in entry.body

    response = submit(client, f"/documents/{document_id}/edit", {
        "title": "Harbour plan 2027", "network": str(network("net-zero").id), "visibility": "public"})
    assert response.status_code == 303
    entry = _entry(db, document_id)
    assert entry is not None and entry.title == "Harbour plan 2027"
    assert (entry.audience, entry.network_id) == ("public", network("net-zero").id)

    assert submit(client, f"/documents/{document_id}/delete", {}).status_code == 303
    assert _entry(db, document_id) is None
