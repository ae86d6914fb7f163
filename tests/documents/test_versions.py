"""New versions: history kept, older versions downloadable, the current one replaced, updated_at moved on."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.documents import support
from tests.documents.support import new_version, stored_files
from tests.helpers import text_of
from zone_networks.core.audit import AuditEvent
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document, DocumentVersion


def _versions(db, document_id: int) -> list[DocumentVersion]:
    db.session.expire_all()
    return list(db.session.scalars(select(DocumentVersion).where(DocumentVersion.document_id == document_id)
                                   .order_by(DocumentVersion.number)))


def test_a_new_version_keeps_the_history(app, db, client, login, add_document, member) -> None:
    document = add_document(member, content=b"first draft\n", name="plan.txt", content_type="text/plain")
    document.updated_at = utcnow() - timedelta(days=3)
    db.session.commit()
    before = document.updated_at
    login(member)
    revised = support.docx("Quinquereme revised")
    response = new_version(client, document.id, revised, "plan v2.docx", note="Figures for 2027")
    assert response.status_code == 303 and response.headers["Location"] == f"/documents/{document.id}"
    first, second = _versions(db, document.id)
    document = db.session.get(Document, document.id)
    assert (document.version_count, document.current_version_id) == (2, second.id)
    assert document.updated_at > before
    assert (second.number, second.note, second.original_name, second.uploaded_by_id) == (
        2, "Figures for 2027", "plan v2.docx", member.id)
    assert second.content_type == support.DOCX and second.text_status == "extracted"
    assert "Quinquereme" in second.text
    assert sorted(stored_files(app)) == sorted([first.blob_key, second.blob_key])
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "Version 2 uploaded." in page and "Figures for 2027" in page and "plan v2.docx" in page
    assert f"/documents/{document.id}/versions/1/download" in page
    old = client.get(f"/documents/{document.id}/versions/1/download")
    assert old.get_data() == b"first draft\n"
    old.close()
    current = client.get(f"/documents/{document.id}/download")
    assert current.get_data() == revised
    current.close()


def test_a_refused_version_changes_nothing(app, db, client, login, add_document, member) -> None:
    document = add_document(member)
    files = stored_files(app)
    login(member)
    response = new_version(client, document.id, b"<svg onload=alert(1)></svg>", "picture.txt")
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body and 'href="#file"' in body
    assert len(_versions(db, document.id)) == 1
    assert stored_files(app) == files


def test_a_version_needs_a_file_and_a_short_note(app, db, client, login, add_document, member) -> None:
    document = add_document(member)
    login(member)
    response = new_version(client, document.id, b"", "")
    assert response.status_code == 400 and "Select a file to upload" in text_of(response)
    response = new_version(client, document.id, b"text\n", "a.txt", note="n" * 301)
    assert response.status_code == 400 and "What has changed must be 300 characters or fewer" in text_of(response)
    assert len(_versions(db, document.id)) == 1


def test_the_same_file_again_is_one_stored_file(app, db, client, login, add_document, member) -> None:
    document = add_document(member, content=b"same\n", name="same.txt", content_type="text/plain")
    login(member)
    assert new_version(client, document.id, b"same\n", "same.txt").status_code == 303
    versions = _versions(db, document.id)
    assert len(versions) == 2 and versions[0].blob_key == versions[1].blob_key
    assert stored_files(app).count(versions[0].blob_key) == 1


def test_a_convenor_adds_a_version_to_someone_elses_document(db, client, login, add_document, convenor,
                                                             outsider) -> None:
    document = add_document(outsider, "innovation-leads", visibility="members")
    login(convenor)
    assert new_version(client, document.id, b"update\n", "update.txt").status_code == 303
    assert [v.uploaded_by_id for v in _versions(db, document.id)] == [outsider.id, convenor.id]
    assert db.session.scalars(select(AuditEvent)).all() == []  # convenors are not audited; staff are


def test_staff_versions_are_audited(db, client, login, add_document, member, secretariat) -> None:
    document = add_document(member)
    login(secretariat)
    assert new_version(client, document.id, b"update\n", "update.txt").status_code == 303
    [event] = db.session.scalars(select(AuditEvent)).all()
    assert (event.actor_id, event.action, event.object_type, event.object_id) == (
        secretariat.id, "document.version_added", "document", document.id)
    assert event.details["version"] == 2


def test_the_progress_script_gets_json_for_a_version(db, client, login, add_document, member) -> None:
    document = add_document(member)
    login(member)
    response = new_version(client, document.id, b"update\n", "update.txt", headers={"Accept": "application/json"})
    assert response.get_json() == {"location": f"/documents/{document.id}"}
