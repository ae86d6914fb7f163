"""Uploading documents through the form: every accepted kind, several files at once, and what is refused."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tests.documents import support
from tests.documents.support import document_count, network, sector, stored_files, upload
from tests.helpers import text_of
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion

KINDS = [
    ("pdf", "application/pdf", "extracted", "Humber"),
    ("docx", support.DOCX, "extracted", "Quinquereme"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "extracted", "Hydrogen"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "extracted", "Offshore"),
    ("odt", "application/vnd.oasis.opendocument.text", "extracted", "Cynllun"),
    ("csv", "text/csv", "extracted", "Levy"),
    ("txt", "text/plain", "extracted", "Bootcamp"),
    ("png", "image/png", "unsupported", None),
    ("jpg", "image/jpeg", "unsupported", None),
]


def _content(extension: str) -> bytes:
    return {
        "pdf": support.pdf, "docx": support.docx, "xlsx": support.xlsx, "pptx": support.pptx, "odt": support.odt,
        "csv": lambda: b"programme,places\nLevy pilots,12\n", "txt": lambda: "Bootcamp results for Môn\n".encode(),
        "png": lambda: support.image("PNG"), "jpg": lambda: support.image("JPEG"),
    }[extension]()


def _documents() -> list[Document]:
    from zone_networks.extensions import db

    db.session.expire_all()
    return list(db.session.scalars(select(Document).order_by(Document.id)))


def _versions() -> list[DocumentVersion]:
    from zone_networks.extensions import db

    return list(db.session.scalars(select(DocumentVersion).order_by(DocumentVersion.id)))


@pytest.mark.parametrize(("extension", "content_type", "status", "word"), KINDS)
def test_each_accepted_kind_is_stored_with_its_text(app, client, login, member, extension: str, content_type: str,
                                                     status: str, word: str | None) -> None:
    content = _content(extension)
    login(member)
    response = upload(client, [(content, f"Cynllun sgiliau Môn.{extension}")], title="Skills plan")
    assert response.status_code == 303, text_of(response)
    [document] = _documents()
    assert response.headers["Location"] == f"/documents/{document.id}"
    [version] = _versions()
    assert (document.title, document.owner_id, document.version_count, document.current_version_id) == (
        "Skills plan", member.id, 1, version.id)
    assert (version.number, version.content_type, version.size, version.text_status) == (
        1, content_type, len(content), status)
    assert version.original_name == f"Cynllun sgiliau Môn.{extension}"
    assert version.blob_key == hashlib.sha256(content).hexdigest()
    assert stored_files(app) == [version.blob_key]
    if word:
        assert word in version.text
    page = text_of(client.get(response.headers["Location"]))
    assert "Document uploaded." in page
    assert ("We could not read the text of this file" in page) is (status != "extracted")
    download = client.get(f"/documents/{document.id}/download")
    assert download.get_data() == content
    download.close()


def test_details_sectors_and_tags_are_saved(client, login, member) -> None:
    login(member)
    response = upload(client, [(support.pdf(), "plan.pdf")], title="Hydrogen skills", network="net-zero",
                      description="A **plan**.", visibility="members",
                      sectors=[str(sector("clean-energy-industries").id)],
                      tags="Hydrogen, hydrogen ,  Ynys  Môn, ")
    assert response.status_code == 303
    [document] = _documents()
    assert (document.network_id, document.visibility, document.description) == (
        network("net-zero").id, "members", "A **plan**.")
    from zone_networks.extensions import db

    tags = list(db.session.scalars(select(DocumentTag).order_by(DocumentTag.slug)))
    assert [(tag.slug, tag.name) for tag in tags] == [("hydrogen", "Hydrogen"), ("ynys-mon", "Ynys Môn")]
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "<strong>plan</strong>" in page and "Clean Energy Industries" in page and "Ynys Môn" in page


def test_several_files_become_several_documents(client, login, member) -> None:
    login(member)
    files = [(support.pdf(), "agenda.pdf"), (support.docx(), "minutes.docx"), (b"notes\n", "notes.txt")]
    response = upload(client, files, title="Forum pack", tags="forum")
    assert response.status_code == 303
    assert response.headers["Location"] == "/networks/skills-forum/documents"
    documents = _documents()
    assert [d.title for d in documents] == ["Forum pack (agenda.pdf)", "Forum pack (minutes.docx)",
                                            "Forum pack (notes.txt)"]
    assert len({d.current_version_id for d in documents}) == 3
    assert "3 documents uploaded." in text_of(client.get(response.headers["Location"]))


def test_a_long_title_with_a_file_name_still_fits(client, login, member) -> None:
    login(member)
    long_name = "n" * 251 + ".txt"
    response = upload(client, [(b"one\n", "one.txt"), (b"two\n", long_name)], title="T" * 200)
    assert response.status_code == 303
    titles = [d.title for d in _documents()]
    assert all(len(title) <= 200 for title in titles), titles
    assert titles[0].startswith("T" * 150) and titles[0].endswith("(one.txt)")
    assert titles[1].startswith("T" * 90) and titles[1].endswith("n…)")


INVALID = [
    ({"title": ""}, "Enter a title"),
    ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
    ({"network": ""}, "Select the network the document belongs to"),
    ({"network": "innovation-leads"}, "Select the network the document belongs to"),  # not the member's network
    ({"visibility": "everyone"}, "Select who can see the document"),
    ({"tags": ", ".join(f"tag {n}" for n in range(11))}, "Enter 10 tags or fewer"),
    ({"tags": "a" * 41}, "Each tag must be 40 characters or fewer"),
    ({"tags": "!!!"}, "Tags must contain letters or numbers"),
    ({"sectors": ["999999"]}, "Select sectors from the list"),
    ({"description": "x" * 10_001}, "Description must be 10,000 characters or fewer"),
]


@pytest.mark.parametrize(("fields", "message"), INVALID)
def test_invalid_details_write_nothing_and_store_no_file(app, client, login, member, fields: dict[str, Any],
                                                         message: str) -> None:
    login(member)
    response = upload(client, [(support.pdf(), "plan.pdf")], **fields)
    body = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in body and message in body and "<title>Error:" in body
    assert document_count() == 0
    assert stored_files(app) == []


def test_no_file_or_too_many_files_are_refused(app, client, login, member) -> None:
    login(member)
    response = upload(client, [])
    assert response.status_code == 400 and "Select a file to upload" in text_of(response)
    response = upload(client, [(f"file {n}\n".encode(), f"f{n}.txt") for n in range(11)])
    assert response.status_code == 400 and "Select 10 files or fewer" in text_of(response)
    assert document_count() == 0 and stored_files(app) == []


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"MZ\x90\x00" + b"\x00" * 100, "report.pdf", "must be a PDF, Word, Excel"),
    (b"<html><script>alert(1)</script></html>", "notes.txt", "must be a PDF, Word, Excel"),
    (b"", "empty.pdf", "The selected file is empty"),
])
def test_a_refused_file_is_shown_on_the_file_question(app, client, login, member, content: bytes, name: str,
                                                       message: str) -> None:
    login(member)
    response = upload(client, [(content, name)])
    body = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in body and message in body and 'href="#files"' in body
    assert document_count() == 0 and stored_files(app) == []


def test_one_bad_file_among_several_keeps_nothing(app, client, login, member) -> None:
    login(member)
    response = upload(client, [(support.pdf(), "good.pdf"), (b"MZ\x90\x00" * 20, "bad.docx")])
    body = text_of(response)
    assert response.status_code == 400 and "bad.docx: " in body
    assert document_count() == 0
    assert stored_files(app) == []  # the good file stored first is discarded again


def test_a_database_failure_removes_the_new_files(app, db, member, monkeypatch) -> None:
    from zone_networks.documents import services

    def broken() -> None:
        raise RuntimeError("database went away")

    with app.test_request_context():
        monkeypatch.setattr(services.db.session, "commit", broken)
        details = services.Details(title="Plan", description="", network_id=network("skills-forum").id,
                                   visibility="network")
        with pytest.raises(RuntimeError):
            services.upload_documents(member, details, [FileStorage(io.BytesIO(b"plan\n"), "plan.txt")])
        monkeypatch.undo()
    assert stored_files(app) == []
    assert document_count() == 0


@pytest.fixture()
def small_limit(app_config: dict[str, Any]) -> dict[str, Any]:
    """Files up to 64 KB (so a request may carry 10 x 64 KB + 1 MB)."""
    app_config["DOCUMENT_MAX_BYTES"] = 64 * 1024
    return app_config


def test_a_file_over_the_limit_is_413_with_an_error_on_the_question(small_limit, app, client, login,
                                                                     member) -> None:
    login(member)
    response = upload(client, [(b"a" * (64 * 1024 + 1), "big.txt")])
    body = text_of(response)
    assert response.status_code == 413
    assert "There is a problem" in body and "The selected file must be smaller than 64KB" in body
    assert document_count() == 0 and stored_files(app) == []


def test_a_body_over_the_request_limit_gets_the_413_page(small_limit, app, client, login, member) -> None:
    login(member)
    response = upload(client, [(b"a" * (2 * 1024 * 1024), "huge.txt")])
    assert response.status_code == 413
    assert "too large" in text_of(response)
    assert document_count() == 0
    assert [name for name in stored_files(app) if not name.startswith(".")] == []


def test_a_body_between_the_app_limit_and_the_upload_limit_is_read(app_config, app, client, login, member) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 512 * 1024  # smaller than ten files of 25 MB: the upload route allows more
    login(member)
    response = upload(client, [(b"a" * (600 * 1024), "big.txt")])
    assert response.status_code == 303
    assert document_count() == 1


def test_the_form_is_enhanced_with_a_progress_bar(client, login, member) -> None:
    login(member)
    page = text_of(client.get("/documents/new"))
    assert 'data-module="upload-progress"' in page and 'id="upload-progress"' in page
    assert 'aria-live="polite"' in page and 'enctype="multipart/form-data"' in page
    assert re.search(r'<input class="govuk-file-upload[^>]* name="files" type="file"[^>]* multiple', page)
    assert '/static/js/upload-progress.js" nonce="' in page
    assert Path("static/js/upload-progress.js").is_file()


def test_the_progress_script_gets_json_and_keeps_the_message(client, login, member) -> None:
    login(member)
    response = upload(client, [(support.pdf(), "plan.pdf")], headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.is_json
    [document] = _documents()
    assert response.get_json() == {"location": f"/documents/{document.id}"}
    assert "Document uploaded." in text_of(client.get(f"/documents/{document.id}"))
    failed = upload(client, [(support.pdf(), "plan.pdf")], title="", headers={"Accept": "application/json"})
    assert failed.status_code == 400 and failed.mimetype == "text/html"


def test_the_network_is_chosen_from_the_address_or_when_there_is_one(client, login, member, official) -> None:
    login(member)
    page = text_of(client.get("/documents/new?network=net-zero"))
    assert f'<option value="{network("net-zero").id}" selected' in page
    login(official)  # only in the Skills Forum
    page = text_of(client.get("/documents/new"))
    assert f'<option value="{network("skills-forum").id}" selected' in page


def test_uploads_are_rate_limited_per_person(app_config, app, client, login, member) -> None:
    app.config["DOCUMENT_UPLOAD_RATE_LIMIT"] = "2 per hour"
    login(member)
    for number in range(2):
        assert upload(client, [(f"file {number}\n".encode(), "f.txt")]).status_code == 303
    response = upload(client, [(b"one more\n", "f.txt")])
    assert response.status_code == 429
    assert "There have been too many attempts" in text_of(response)
    assert document_count() == 2
