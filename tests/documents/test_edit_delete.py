"""Editing a document's details and deleting it (versions go with it; files wait for the sweeper)."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.documents.support import document_count, network, sector, stored_files
from tests.helpers import submit, text_of
from zone_networks.core.audit import AuditEvent
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors


def _form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Skills plan", "description": "", "network": str(network("skills-forum").id),
                               "visibility": "network", "tags": ""}
    data.update(fields)
    return data


def test_the_edit_form_shows_the_current_details(client, login, add_document, member) -> None:
    document = add_document(member, title="Levy pilots", visibility="members", tags=("Hydrogen",),
                            sectors=("clean-energy-industries",))
    login(member)
    page = text_of(client.get(f"/documents/{document.id}/edit"))
    assert 'value="Levy pilots"' in page and 'value="Hydrogen"' in page
    assert 'value="members" checked' in page
    assert f'value="{sector("clean-energy-industries").id}" checked' in page


def test_editing_changes_details_sectors_and_tags(db, client, login, add_document, member) -> None:
    document = add_document(member, tags=("Hydrogen", "Old tag"), sectors=("clean-energy-industries",))
    before = document.updated_at
    login(member)
    response = submit(client, f"/documents/{document.id}/edit", _form(
        title="Hydrogen skills plan", description="Updated *plan*", network=str(network("net-zero").id),
        visibility="public", sectors=[str(sector("digital-and-technologies").id)], tags="HYDROGEN, Ynys Môn"))
    assert response.status_code == 303
    db.session.expire_all()
    document = db.session.get(Document, document.id)
    assert (document.title, document.description, document.network_id, document.visibility) == (
        "Hydrogen skills plan", "Updated *plan*", network("net-zero").id, "public")
    assert document.updated_at > before
    tags = db.session.scalars(select(DocumentTag).where(DocumentTag.document_id == document.id)
                              .order_by(DocumentTag.slug)).all()
    assert [(tag.slug, tag.name) for tag in tags] == [("hydrogen", "HYDROGEN"), ("ynys-mon", "Ynys Môn")]
    sectors = db.session.scalars(select(document_sectors.c.sector_id)
                                 .where(document_sectors.c.document_id == document.id)).all()
    assert sectors == [sector("digital-and-technologies").id]
    assert "Document details saved." in text_of(client.get(f"/documents/{document.id}"))
    assert db.session.scalars(select(AuditEvent)).all() == []


def test_invalid_edits_change_nothing(db, client, login, add_document, member) -> None:
    document = add_document(member, title="Levy pilots")
    login(member)
    for fields, message in (({"title": ""}, "Enter a title"),
                            ({"network": str(network("innovation-leads").id)},
                             "Select the network the document belongs to"),
                            ({"tags": "x" * 41}, "Each tag must be 40 characters or fewer")):
        response = submit(client, f"/documents/{document.id}/edit", _form(**fields))
        assert response.status_code == 400 and message in text_of(response)
    db.session.expire_all()
    assert db.session.get(Document, document.id).title == "Levy pilots"


def test_a_convenor_keeps_the_documents_network_on_the_form(db, client, login, add_document, convenor,
                                                          outsider) -> None:
    document = add_document(outsider, "innovation-leads", visibility="members")
    login(convenor)
    page = text_of(client.get(f"/documents/{document.id}/edit"))
    assert "Innovation Leads Network" in page and "Skills Forum" not in page
    response = submit(client, f"/documents/{document.id}/edit", _form(
        network=str(network("innovation-leads").id), title="Renamed"))
    assert response.status_code == 303


def test_staff_edits_are_audited(db, client, login, add_document, member, secretariat) -> None:
    document = add_document(member)
    login(secretariat)
    response = submit(client, f"/documents/{document.id}/edit", _form(title="Renamed", visibility="members"))
    assert response.status_code == 303
    [event] = db.session.scalars(select(AuditEvent)).all()
    assert (event.actor_id, event.action, event.object_id) == (secretariat.id, "document.edited", document.id)
    assert set(event.details["changed"]) == {"title", "visibility"}


def test_deleting_asks_first_then_removes_the_document_and_its_versions(app, db, client, login, add_document,
                                                                        member) -> None:
    document = add_document(member, versions=3, tags=("Hydrogen",), sectors=("clean-energy-industries",))
    keep = add_document(member, title="Another")
    files = stored_files(app)
    login(member)
    page = text_of(client.get(f"/documents/{document.id}/delete"))
    assert "Are you sure you want to delete this document?" in page and "All 3 versions will be deleted" in page
    response = submit(client, f"/documents/{document.id}/delete", {})
    assert response.status_code == 303 and response.headers["Location"] == "/networks/skills-forum/documents"
    assert "Document deleted: Skills plan" in text_of(client.get(response.headers["Location"]))
    assert document_count() == 1
    assert db.session.scalar(select(func.count(DocumentVersion.id))) == keep.version_count
    assert db.session.scalar(select(func.count()).select_from(DocumentTag)) == 0
    assert db.session.scalar(select(func.count()).select_from(document_sectors)) == 0
    assert client.get(f"/documents/{document.id}").status_code == 404
    assert client.get(f"/documents/{document.id}/versions/1/download").status_code == 404
    assert stored_files(app) == files  # the sweeper removes unreferenced files later
    assert db.session.scalars(select(AuditEvent)).all() == []


def test_staff_deletions_are_audited(db, client, login, add_document, member, admin) -> None:
    document = add_document(member, title="Levy pilots", versions=2)
    login(admin)
    assert submit(client, f"/documents/{document.id}/delete", {}).status_code == 303
    [event] = db.session.scalars(select(AuditEvent)).all()
    assert (event.actor_id, event.action, event.object_type, event.object_id) == (
        admin.id, "document.deleted", "document", document.id)
    assert event.details["title"] == "Levy pilots" and event.details["versions"] == 2


def test_deleting_needs_the_right_to_change(client, login, add_document, member, official) -> None:
    document = add_document(member, visibility="members")
    login(official)
    response = client.post(f"/documents/{document.id}/delete")
    assert response.status_code in (400, 403)  # no token: CSRF refuses first; with one, 403 below
    assert submit(client, f"/documents/{document.id}/delete", {},
                  form_url=f"/documents/{document.id}").status_code == 403
    assert document_count() == 1
