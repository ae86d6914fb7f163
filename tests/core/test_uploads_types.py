"""core/uploads: every accepted kind is stored by its SHA-256; every attack is refused and leaves no file."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.core import upload_samples as samples
from zone_networks.core import filetypes
from zone_networks.core.uploads import StoredFile, UploadError, UploadTooLargeError, clean_name, store_upload

NOT_ACCEPTED = "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG file"
LIMIT = 64 * 1024


@pytest.fixture()
def ctx(app: Flask) -> Iterator[Flask]:
    """An app context (uploads read their folder from the config)."""
    with app.app_context():
        yield app


def folder(app: Flask) -> Path:
    """The upload folder."""
    return Path(app.config["UPLOADS_FOLDER"])


def listing(app: Flask) -> list[str]:
    """Every name in the upload folder, temporary files included."""
    path = folder(app)
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def store(data: bytes, name: str, limit: int = LIMIT) -> StoredFile:
    """Store bytes as an upload called `name`."""
    return store_upload(io.BytesIO(data), name, max_bytes=limit)


def refused(ctx: Flask, data: bytes, name: str, limit: int = LIMIT) -> str:
    """Store bytes that must be refused; return the message, checking nothing was left behind."""
    with pytest.raises(UploadError) as caught:
        store(data, name, limit)
    assert listing(ctx) == []
    return caught.value.message


ACCEPTED = [
    (samples.pdf, "Plan.PDF", "application/pdf"),
    (lambda: samples.image("PNG"), "map.png", "image/png"),
    (lambda: samples.image("JPEG"), "photo.jpeg", "image/jpeg"),
    (lambda: samples.image("JPEG"), "photo.jpg", "image/jpeg"),
    (samples.docx, "plan.docx", filetypes.DOCX),
    (samples.xlsx, "survey.xlsx", filetypes.XLSX),
    (samples.pptx, "slides.pptx", filetypes.PPTX),
    (lambda: samples.odf("odt"), "plan.odt", filetypes.ODT),
    (lambda: samples.odf("ods"), "survey.ods", filetypes.ODS),
    (lambda: samples.odf("odp"), "slides.odp", filetypes.ODP),
    (lambda: samples.ole(".doc"), "old.doc", "application/msword"),
    (lambda: samples.ole(".xls"), "old.xls", "application/vnd.ms-excel"),
    (lambda: samples.ole(".ppt"), "old.ppt", "application/vnd.ms-powerpoint"),
    (lambda: "zone,learners\nYnys Môn,40\n".encode(), "numbers.csv", "text/csv"),
    (lambda: "\ufeffNodiadau: cynllun sgiliau 🚢\n".encode(), "notes.txt", "text/plain"),
    (lambda: b"Plain note without an extension", "README", None),
]


@pytest.mark.parametrize(("build", "name", "content_type"), ACCEPTED)
def test_each_accepted_kind_is_stored_under_its_hash(ctx: Flask, build: Any, name: str,
                                                     content_type: str | None) -> None:
    data = build()
    if content_type is None:  # text needs a .txt or .csv name: without one it is refused
        assert refused(ctx, data, name) == NOT_ACCEPTED
        return
    stored = store(data, name, limit=1024 * 1024)
    digest = hashlib.sha256(data).hexdigest()
    assert (stored.key, stored.size, stored.content_type, stored.original_name, stored.created) == (
        digest, len(data), content_type, name, True)
    assert listing(ctx) == [digest]
    assert (folder(ctx) / digest).read_bytes() == data


def test_a_name_without_an_extension_is_accepted_for_a_recognised_kind(ctx: Flask) -> None:
    assert store(samples.pdf(), "scan").content_type == "application/pdf"


def test_the_same_content_twice_is_one_file(ctx: Flask) -> None:
    first = store(samples.pdf(), "a.pdf")
    second = store(samples.pdf(), "copy of a.pdf")
    assert first.key == second.key and (first.created, second.created) == (True, False)
    assert second.original_name == "copy of a.pdf"
    assert listing(ctx) == [first.key]


@pytest.mark.parametrize(("data", "name"), [
    (samples.EXE, "report.pdf"),
    (samples.ELF, "report.pdf"),
    (samples.ELF, "plan.docx"),
    (bytes(range(256)) * 8, "data.pdf"),  # random-looking bytes
    (bytes(range(256)) * 8, "data.txt"),  # not text: NUL bytes
    (samples.HTML, "notes.txt"),
    (samples.HTML, "numbers.csv"),
    (b"\xef\xbb\xbf  \n<div onclick=alert(1)>hi</div>", "notes.txt"),  # starts with markup after a BOM
    (b"Quarterly notes\n<SCRIPT>alert(1)</SCRIPT>", "notes.txt"),  # script near the start
    (samples.SVG, "map.png"),
    (samples.SVG, "map.txt"),
    (b"Title\n<svg onload=alert(1)>", "map.csv"),
    (samples.HTML, "page.html"),
    (samples.pdf(), "report.exe.txt"),  # a PDF is not text, whatever it is called: refused by its own name rule
    (samples.zip_of({"hello.txt": b"hello"}), "archive.zip"),
    (samples.zip_of({"hello.txt": b"hello"}), "plan.docx"),
    (samples.zip_of({"[Content_Types].xml": b"<Types/>"}), "plan.docx"),  # no main part
    (b"PK\x03\x04not really a zip", "plan.docx"),
    (samples.ole(".doc"), "plan.docx"),  # OLE is only trusted for the three legacy names
    (samples.ole(".doc"), "old.exe"),
])
def test_wrong_kinds_are_refused(ctx: Flask, data: bytes, name: str) -> None:
    message = refused(ctx, data, name)
    if name == "report.exe.txt":
        assert message == "The selected file is a PDF, so its name must end in .pdf"
    else:
        assert message == NOT_ACCEPTED


@pytest.mark.parametrize(("name", "message"), [
    ("report.pdf.exe", "The selected file is a PDF, so its name must end in .pdf"),
    ("report.html", "The selected file is a PDF, so its name must end in .pdf"),
    ("invoice.htm", "The selected file is a PDF, so its name must end in .pdf"),
    ("report.pdf.exe.", "The selected file is a PDF, so its name must end in .pdf"),
])
def test_a_name_that_disagrees_with_the_content_is_refused(ctx: Flask, name: str, message: str) -> None:
    assert refused(ctx, samples.pdf(), name) == message


def test_trailing_dots_and_spaces_are_dropped_as_windows_does(ctx: Flask) -> None:
    assert store(samples.pdf(), "report.pdf. . ").original_name == "report.pdf"


def test_the_name_rule_names_both_jpeg_endings(ctx: Flask) -> None:
    assert refused(ctx, samples.image("JPEG"), "photo.png") == \
        "The selected file is a JPEG image, so its name must end in .jpg or .jpeg"
    assert refused(ctx, samples.docx(), "plan.doc") == \
        "The selected file is a Word document, so its name must end in .docx"


def test_an_empty_file_is_refused(ctx: Flask) -> None:
    assert refused(ctx, b"", "empty.pdf") == "The selected file is empty"


def test_too_large_is_refused_with_the_limit(ctx: Flask) -> None:
    with pytest.raises(UploadTooLargeError) as caught:
        store(samples.pdf() + b"0" * LIMIT, "big.pdf")
    assert caught.value.message == "The selected file must be smaller than 64KB"
    assert listing(ctx) == []
    with pytest.raises(UploadTooLargeError) as caught:
        store(b"x" * (3 * 1024 * 1024), "big.txt", limit=2 * 1024 * 1024)
    assert caught.value.message == "The selected file must be smaller than 2MB"
    assert store(b"x" * LIMIT, "exactly.txt").size == LIMIT  # the limit itself is allowed


def test_text_that_is_not_utf8_says_how_to_fix_it(ctx: Flask) -> None:
    assert refused(ctx, "zone,cost\nHumber,£40\n".encode("cp1252"), "costs.csv") == \
        "The selected file must be saved as UTF-8 text (in Excel, save it as CSV UTF-8)"


def test_a_multibyte_character_across_chunks_is_fine(ctx: Flask) -> None:
    data = b"a" * (64 * 1024 - 1) + "ŵ".encode() + b"\n"
    assert store(data, "long.txt", limit=1024 * 1024).content_type == "text/plain"


@pytest.mark.parametrize(("build", "message"), [
    (samples.ratio_bomb, "The selected file is compressed too much to be opened safely"),
    (samples.lying_bomb, "The selected file expands to more than 200MB when opened, so it cannot be accepted"),
])
def test_archive_bombs_are_refused_before_anything_reads_inside(ctx: Flask, monkeypatch: Any, build: Any,
                                                                message: str) -> None:
    data = build()
    assert len(data) < LIMIT * 4
    opened: list[Any] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(name)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    assert refused(ctx, data, "plan.docx", limit=LIMIT * 4) == message
    assert opened == []


def test_too_many_members_is_refused(ctx: Flask, monkeypatch: Any) -> None:
    monkeypatch.setattr(filetypes, "MAX_ZIP_MEMBERS", 3)
    data = samples.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "a": b"", "b": b""})
    assert refused(ctx, data, "plan.docx") == "The selected file has more than 3 parts inside, so it cannot be accepted"


def test_a_macro_document_is_refused(ctx: Flask) -> None:
    data = samples.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
                           "word/vbaProject.bin": b"\x00macro"})
    assert refused(ctx, data, "plan.docx") == "The selected file contains macros. Save it without macros and try again"


def test_odf_needs_its_mimetype_first(ctx: Flask) -> None:
    good = samples.odf("odt")
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    reordered = samples.zip_of({"content.xml": members["content.xml"], "mimetype": members["mimetype"]})
    assert refused(ctx, reordered, "plan.odt") == NOT_ACCEPTED


@pytest.mark.parametrize(("name", "shown"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\x.pdf", "x.pdf"),
    ("/abs/x.pdf", "x.pdf"),
    ("C:\\Users\\Mina\\Desktop\\plan.pdf", "plan.pdf"),
    ("..", "file"),
    ("", "file"),
    (".hidden.pdf", "hidden.pdf"),
    ("Cynllun sgiliau \u2013 Môn 🚢.pdf", "Cynllun sgiliau \u2013 Môn 🚢.pdf"),
    ("tab\tand\nnewline\x00.pdf", "tabandnewline.pdf"),
    ("report\u202efdp.exe.pdf", "reportfdp.exe.pdf"),  # right-to-left override would disguise the name
    ("family 👨\u200d👩\u200d👧.pdf", "family 👨\u200d👩\u200d👧.pdf"),  # emoji joiners kept
    ("Mo\u0302n.pdf", "Môn.pdf"),  # decomposed (as macOS sends it) becomes composed
])
def test_names_are_cleaned_for_display_and_never_used_for_storage(ctx: Flask, name: str, shown: str) -> None:
    assert clean_name(name) == shown
    stored = store(samples.pdf(), name)
    assert stored.original_name == shown
    assert listing(ctx) == [hashlib.sha256(samples.pdf()).hexdigest()]
    assert not (Path("/etc") / "passwd.pdf").exists()


def test_long_names_keep_their_extension() -> None:
    cleaned = clean_name("a" * 300 + ".docx")
    assert len(cleaned) == 255 and cleaned.endswith(".docx")
    assert len(clean_name("ŵ" * 400)) == 255


def test_a_failure_while_writing_leaves_no_temporary_file(ctx: Flask) -> None:
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > 0:
                raise OSError("connection reset")
            return super().read(size)

    with pytest.raises(OSError, match="connection reset"):
        store_upload(Broken(samples.pdf() * 100), "a.pdf", max_bytes=1024 * 1024)
    assert listing(ctx) == []
