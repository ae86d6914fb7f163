"""Helpers for the document library tests: real small files of every accepted kind, documents, uploads."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from tests.helpers import csrf_token
from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion
from zone_networks.extensions import db
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf(words: str = "Hello from the Humber") -> bytes:
    """A small valid one-page PDF whose text is `words`."""
    stream = f"BT /F1 24 Tf 72 700 Td ({words}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx(words: str = "Quinquereme skills plan") -> bytes:
    """A Word document made with python-docx."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(words)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(words: str = "Hydrogen survey") -> bytes:
    """An Excel workbook made with openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = words
    sheet["B1"] = 42
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx(words: str = "Offshore wind slides") -> bytes:
    """A PowerPoint presentation made with python-pptx."""
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = words
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def odt(words: str = "Cynllun sgiliau") -> bytes:
    """An OpenDocument text file (the mimetype first, stored; then content.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
        archive.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                         '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                         f'<text:p>{words}</text:p></office:text></office:body></office:document-content>')
    return buffer.getvalue()


def image(kind: str = "PNG") -> bytes:
    """A tiny PNG or JPEG made with Pillow."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (29, 112, 184)).save(buffer, kind)
    return buffer.getvalue()


def network(slug: str) -> Network:
    """A seeded network."""
    return db.session.scalars(select(Network).where(Network.slug == slug)).one()


def sector(slug: str) -> Sector:
    """A seeded sector."""
    return db.session.scalars(select(Sector).where(Sector.slug == slug)).one()


def uploads_folder(app: Flask) -> Path:
    """Where the app stores uploads."""
    return Path(app.config["UPLOADS_FOLDER"])


def stored_files(app: Flask) -> list[str]:
    """Every file in the uploads folder, temporary ones too."""
    folder = uploads_folder(app)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def store_bytes(app: Flask, content: bytes) -> str:
    """Put `content` in the upload store directly (as an earlier upload would have) and return its key."""
    key = hashlib.sha256(content).hexdigest()
    folder = uploads_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / key).write_bytes(content)
    return key


def make_document(app: Flask, owner: User | None, network_slug: str, *, visibility: str = "network",
                  title: str = "Skills plan", versions: int = 1, content: bytes | None = None,
                  name: str = "plan.pdf", content_type: str = "application/pdf", tags: tuple[str, ...] = (),
                  sectors: tuple[str, ...] = (), commit: bool = True, **fields: Any) -> Document:
    """A document with `versions` versions (version n's file holds "version n"), stored and committed."""
    document = Document(title=title, network_id=network(network_slug).id, visibility=visibility,
                        owner_id=owner.id if owner else None, version_count=versions, updated_at=utcnow(),
                        tags=[DocumentTag(slug=tag.lower().replace(" ", "-"), name=tag) for tag in tags],
                        sectors=[sector(slug) for slug in sectors], **fields)
    db.session.add(document)
    for number in range(1, versions + 1):
        body = content if content is not None and number == versions else f"version {number}\n".encode()
        version = DocumentVersion(number=number, blob_key=store_bytes(app, body), size=len(body),
                                  content_type=content_type if number == versions else "text/plain",
                                  original_name=name if number == versions else f"v{number}.txt",
                                  uploaded_by_id=owner.id if owner else None, text_status="extracted",
                                  text=body.decode("latin-1"))
        version.document = document
        document.current_version = version
    if commit:
        db.session.commit()
    return document


def document_count() -> int:
    """How many documents there are."""
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(Document.id))) or 0)


def _closed(response: TestResponse) -> TestResponse:
    """Close the request body the test client spooled to a temporary file (bodies over 500 KB)."""
    stream = response.request.environ.get("wsgi.input")
    if stream is not None:
        stream.close()
    return response


def upload(client: FlaskClient, files: list[tuple[bytes, str]], *, headers: dict[str, str] | None = None,
           **fields: Any) -> TestResponse:
    """Post the upload form with `files` and the details in `fields` (network is a slug; defaults filled in)."""
    data: dict[str, Any] = {"title": "Skills plan", "description": "", "visibility": "network", "tags": ""}
    data.update(fields)
    slug = data.pop("network", "skills-forum")
    data["network"] = str(network(slug).id) if slug else ""
    data["files"] = [(io.BytesIO(content), name) for content, name in files]
    data["csrf_token"] = csrf_token(client, "/documents/new")
    return _closed(client.post("/documents/new", data=data, content_type="multipart/form-data",
                               headers=headers or {}))


def new_version(client: FlaskClient, document_id: int, content: bytes, name: str, note: str = "",
                headers: dict[str, str] | None = None) -> TestResponse:
    """Post the new-version form."""
    data: dict[str, Any] = {"note": note, "file": (io.BytesIO(content), name),
                            "csrf_token": csrf_token(client, f"/documents/{document_id}/versions/new")}
    return _closed(client.post(f"/documents/{document_id}/versions/new", data=data,
                               content_type="multipart/form-data", headers=headers or {}))
