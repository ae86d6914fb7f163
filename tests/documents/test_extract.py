"""documents/extract.py: text for search from every readable kind; a clear status for the rest; never raises."""

from __future__ import annotations

import io
import logging
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.core import upload_samples as samples
from zone_networks.core import filetypes as ft
from zone_networks.documents import extract
from zone_networks.documents.extract import EXTRACT_MAX_CHARS, Extracted, extract_text
from zone_networks.documents.models import TEXT_STATUSES


def write(tmp_path: Path, data: bytes) -> Path:
    """Write bytes to a file and return its path."""
    path = tmp_path / "upload"
    path.write_bytes(data)
    return path


READABLE: list[tuple[str, Callable[[], bytes], str, tuple[str, ...]]] = [
    ("pdf", samples.pdf, ft.PDF, ("Quinquereme harbour plan",)),
    ("docx", samples.docx, ft.DOCX, ("Quinquereme programme", "Môn", "Portcullis 40 learners")),
    ("xlsx", samples.xlsx, ft.XLSX, ("Survey", "Zone Learners Note", "Humber 40 Quinquereme")),
    ("pptx", samples.pptx, ft.PPTX, ("Hydrogen skills", "Quinquereme pilot results", "Portcullis", "Lighthouse")),
    ("odt", lambda: samples.odf("odt"), ft.ODT, ("Plan The Quinquereme programme in Môn",)),
    ("ods", lambda: samples.odf("ods"), ft.ODS, ("Quinquereme 40",)),
    ("odp", lambda: samples.odf("odp"), ft.ODP, ("Quinquereme slide",)),
    ("csv", lambda: "\ufeffzone,learners\n\"Ynys Môn, Quinquereme\",40\n".encode(), ft.CSV,
     ("zone learners Ynys Môn, Quinquereme 40",)),
    ("txt", lambda: "Nodiadau\r\n\r\n  Quinquereme   ŵ 🚢\n".encode(), ft.TEXT, ("Nodiadau Quinquereme ŵ 🚢",)),
]


@pytest.mark.parametrize(("kind", "build", "content_type", "phrases"), READABLE, ids=[row[0] for row in READABLE])
def test_text_is_extracted_from_each_readable_kind(tmp_path: Path, kind: str, build: Callable[[], bytes],
                                                   content_type: str, phrases: tuple[str, ...]) -> None:
    result = extract_text(write(tmp_path, build()), content_type)
    assert result.status == "extracted", result
    for phrase in phrases:
        assert phrase in result.text
    assert "  " not in result.text and "\n" not in result.text  # whitespace collapsed


@pytest.mark.parametrize(("data", "content_type"), [
    (samples.image("PNG"), ft.PNG),
    (samples.image("JPEG"), ft.JPEG),
    (samples.ole(".doc"), ft.DOC),
    (samples.ole(".xls"), ft.XLS),
    (samples.ole(".ppt"), ft.PPT),
    (b"anything", "application/octet-stream"),
])
def test_images_and_legacy_office_files_are_unsupported(tmp_path: Path, data: bytes, content_type: str) -> None:
    assert extract_text(write(tmp_path, data), content_type) == Extracted("unsupported", "")


def test_a_pdf_without_text_is_empty(tmp_path: Path) -> None:
    assert extract_text(write(tmp_path, samples.blank_pdf()), ft.PDF) == Extracted("empty", "")


def test_a_blank_text_file_is_empty(tmp_path: Path) -> None:
    assert extract_text(write(tmp_path, b" \n\t\n"), ft.TEXT) == Extracted("empty", "")


@pytest.mark.parametrize(("data", "content_type"), [
    (b"%PDF-1.4\nnot really a pdf at all", ft.PDF),
    (samples.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), ft.DOCX),
    (samples.zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<broken"}), ft.XLSX),
    (samples.zip_of({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}), ft.PPTX),
    (samples.zip_of({"mimetype": ft.ODT.encode()}), ft.ODT),  # no content.xml
    (samples.zip_of({"mimetype": ft.ODT.encode(), "content.xml": b"<unclosed"}), ft.ODT),
])
def test_a_file_the_library_cannot_read_fails_quietly(tmp_path: Path, caplog: Any, data: bytes,
                                                      content_type: str) -> None:
    with caplog.at_level(logging.WARNING, logger="zone_networks.documents.extract"):
        assert extract_text(write(tmp_path, data), content_type) == Extracted("failed", "")
    assert "Could not extract text from upload" in caplog.text


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "Quinquereme"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><office:document-content '
              b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
              b"<text:p>Start &c; end</text:p></office:text></office:body></office:document-content>")
    data = samples.zip_of({"mimetype": ft.ODT.encode(), "content.xml": laughs})
    result = extract_text(write(tmp_path, data), ft.ODT)
    assert "Quinquereme" not in result.text and result.status in TEXT_STATUSES


def test_text_is_capped(tmp_path: Path) -> None:
    words = ("Quinquereme " * (EXTRACT_MAX_CHARS // 6)).encode()
    result = extract_text(write(tmp_path, words), ft.TEXT)
    assert result.status == "extracted"
    assert EXTRACT_MAX_CHARS - 20 <= len(result.text) <= EXTRACT_MAX_CHARS
    assert result.text.endswith("Quinquereme")  # cut between words


def test_big_spreadsheets_stop_early(tmp_path: Path, monkeypatch: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number in range(200):
        sheet.append([f"row{number}", number])
    buffer = io.BytesIO()
    workbook.save(buffer)
    monkeypatch.setattr(extract, "MAX_CELLS", 20)
    result = extract_text(write(tmp_path, buffer.getvalue()), ft.XLSX)
    assert "row9 " in result.text and "row10 " not in result.text


def test_pdf_pages_are_capped(tmp_path: Path, monkeypatch: Any) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for word in ("Alpha", "Bravo", "Charlie"):
        writer.add_page(PdfReader(io.BytesIO(samples.pdf(word))).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
    result = extract_text(write(tmp_path, buffer.getvalue()), ft.PDF)
    assert "Alpha" in result.text and "Bravo" in result.text and "Charlie" not in result.text


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert extract.tidy("a\x00b\x07c \ud800 d\u2028e") == "a b c ? d e"


def test_csv_that_the_csv_module_refuses_still_gives_its_text(tmp_path: Path) -> None:
    import csv

    previous = csv.field_size_limit(10)
    try:
        result = extract_text(write(tmp_path, b"short,Quinquereme is a very long field indeed\n"), ft.CSV)
    finally:
        csv.field_size_limit(previous)
    assert result.status == "extracted" and "Quinquereme is a very long field indeed" in result.text


def test_an_encrypted_pdf_with_an_empty_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(samples.pdf("Locked harbour"))).pages[0])
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = extract_text(write(tmp_path, buffer.getvalue()), ft.PDF)
    assert result == Extracted("extracted", "Locked harbour")


def test_every_status_is_one_the_model_knows() -> None:
    assert {"extracted", "empty", "unsupported", "failed"} == set(TEXT_STATUSES)


def test_zip_members_cannot_inflate_past_their_declared_size(tmp_path: Path) -> None:
    """Extraction relies on zipfile stopping at the declared size (the upload check bounds those sizes)."""
    data = bytearray(samples.zip_of({"mimetype": ft.ODT.encode(), "content.xml": b"<a>" + b"x" * 5000 + b"</a>"}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("content.xml")
    start = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, start + 24, 10)  # declare 10 bytes
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert info.file_size > 10
        with pytest.raises(zipfile.BadZipFile):
            archive.read("content.xml")  # stops at 10 bytes and the checksum fails
