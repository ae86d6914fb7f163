"""Agenda papers: types checked by content, the size limit, atomic content-addressed storage, safe downloads."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import csrf_token, text_of
from zone_networks.extensions import db as _db
from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture()
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Store papers in a temporary folder, with a small limit to test."""
    app_config["PAPERS_FOLDER"] = str(tmp_path / "uploads")
    app_config["PAPER_MAX_BYTES"] = 64 * 1024
    return app_config


def folder(app: Any) -> Path:
    """The papers folder."""
    return Path(app.config["PAPERS_FOLDER"])


def stored_files(app: Any) -> list[str]:
    """Every file in the papers folder (temporary ones too)."""
    path = folder(app)
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def papers() -> list[AgendaPaper]:
    """Every paper row."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(AgendaPaper).order_by(AgendaPaper.id)))


def upload(client: Any, meeting: Any, content: bytes, name: str, **data: Any) -> Any:
    """Propose an item with a paper."""
    payload: dict[str, Any] = {"title": "Levy pilots", "summary": "What worked.", "presenter": "me",
                               "paper": (io.BytesIO(content), name)}
    payload.update(data)
    payload["csrf_token"] = csrf_token(client, f"/meetings/{meeting.id}")
    return client.post(f"/meetings/{meeting.id}/agenda/new", data=payload, content_type="multipart/form-data")


def docx() -> bytes:
    """A minimal Word document (the parts that make it one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_is_stored_by_hash_and_downloaded_as_attachment(app: Any, client: Any, login: Any, member: Any,
                                                            make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    name = "Adroddiad Wrecsam 🚀.pdf"
    assert upload(client, meeting, PDF, name).status_code == 303
    [paper] = papers()
    digest = hashlib.sha256(PDF).hexdigest()
    assert (paper.stored_name, paper.content_type, paper.size, paper.original_name) == (
        digest, "application/pdf", len(PDF), name)
    assert stored_files(app) == [digest]
    response = client.get(f"/meetings/{meeting.id}/papers/{paper.id}")
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body == PDF
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''Adroddiad%20Wrecsam%20%F0%9F%9A%80.pdf" in \
        disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Content-Type"] == "application/pdf"


def test_office_and_text_files_are_accepted(app: Any, client: Any, login: Any, member: Any,
                                            make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    assert upload(client, meeting, docx(), "plan.docx").status_code == 303
    assert upload(client, meeting, b"zone,learners\nHumber,40\n", "numbers.csv").status_code == 303
    assert [p.content_type for p in papers()] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv"]


@pytest.mark.parametrize(("content", "name"), [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "report.pdf"),  # a Windows program renamed
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "report.pdf"),  # HTML claiming to be a PDF
    (b"<html><body>hi</body></html>", "page.html"),
    (b"PK\x03\x04not really a zip", "plan.docx"),
])
def test_wrong_kinds_of_file_are_refused(app: Any, client: Any, login: Any, member: Any, make_meeting: Any,
                                         content: bytes, name: str) -> None:
    meeting = make_meeting()
    login(member)
    response = upload(client, meeting, content, name)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "The selected file must be a PDF" in page
    assert papers() == [] and stored_files(app) == []
    assert _db.session.scalars(select(AgendaItem)).first() is None


def test_too_large_is_413_and_leaves_nothing(app: Any, client: Any, login: Any, member: Any,
                                             make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    response = upload(client, meeting, PDF + b"0" * (65 * 1024), "big.pdf")
    assert response.status_code == 413
    assert "govuk" in text_of(response)
    assert papers() == [] and stored_files(app) == []


def test_failed_row_leaves_no_file(app: Any, client: Any, login: Any, member: Any, make_meeting: Any,
                                   monkeypatch: Any) -> None:
    from zone_networks.core import audit

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database down")

    meeting = make_meeting()
    login(member)
    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        upload(client, meeting, PDF, "a.pdf")
    assert papers() == [] and stored_files(app) == []


def status_of(client: Any, url: str) -> int:
    """GET `url`, close the response (downloads stream a file) and return the status."""
    response = client.get(url)
    response.close()
    return int(response.status_code)


def test_who_may_download(app: Any, client: Any, login: Any, member: Any, official: Any, secretariat: Any,
                          outsider: Any, make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    upload(client, meeting, PDF, "a.pdf")
    [paper] = papers()
    url = f"/meetings/{meeting.id}/papers/{paper.id}"
    login(official)  # a member, but the item is only proposed
    assert status_of(client, url) == 404
    login(secretariat)
    assert status_of(client, url) == 200
    item = _db.session.get(AgendaItem, paper.item_id)
    assert item is not None
    item.status = "accepted"
    _db.session.commit()
    login(official)
    assert status_of(client, url) == 200
    login(outsider)
    assert status_of(client, url) == 404
    other = make_meeting(days=14)
    login(secretariat)
    assert status_of(client, f"/meetings/{other.id}/papers/{paper.id}") == 404
