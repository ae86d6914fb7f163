"""Text from an uploaded file, for search: PDF, Word, Excel, PowerPoint, OpenDocument, CSV and plain text.

`extract_text(path, content_type)` -> Extracted(status, text), status one of
TEXT_STATUSES: "extracted"; "empty" (nothing readable, e.g. a scanned PDF);
"unsupported" (images, legacy .doc/.xls/.ppt); "failed" (the library raised:
logged, never raised to the caller). Only call it on files that passed the
upload checks (core/filetypes.py), so archive bombs are already refused and
zip members cannot inflate past their declared sizes. The work is bounded:
the first MAX_PDF_PAGES pages, MAX_CELLS spreadsheet cells, and text stops
once EXTRACT_MAX_CHARS characters are collected; whitespace is collapsed and
characters a database cannot hold (NUL, lone surrogates) are dropped.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zone_networks.core import filetypes as ft

log = logging.getLogger(__name__)
EXTRACT_MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
MAX_CELLS = 500_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_BLOCKS = {f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h"}
_ODF_SPACES = {f"{{{_TEXT_NS}}}s", f"{{{_TEXT_NS}}}tab", f"{{{_TEXT_NS}}}line-break"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Extracted:
    """The outcome of reading a file's text: a status from TEXT_STATUSES and the text (capped)."""

    status: str
    text: str


class _Collector:
    """Gathers pieces of text until EXTRACT_MAX_CHARS is reached."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    @property
    def full(self) -> bool:
        """Whether enough text has been collected."""
        return self.length >= EXTRACT_MAX_CHARS

    def add(self, text: str | None) -> None:
        """Add a piece of text (ignored once full)."""
        if text and not self.full:
            self.parts.append(text)
            self.length += len(text) + 1


def _pdf(path: Path, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")  # many PDFs are encrypted only against editing, with an empty password to read
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or out.full:
            break
        out.add(page.extract_text())


def _docx(path: Path, out: _Collector) -> None:
    from docx import Document

    body = Document(str(path)).element.body
    for paragraph in body.iter(f"{_W}p"):  # body paragraphs and those in tables, in order
        out.add("".join(node.text or "" for node in paragraph.iter(f"{_W}t")))
        if out.full:
            break


def _xlsx(path: Path, out: _Collector) -> None:
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl refuses paths without an .xlsx extension (stored files have none).
    with path.open("rb") as handle:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        try:
            cells = 0
            for sheet in workbook.worksheets:
                out.add(sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    cells += len(row)
                    out.add(" ".join(str(value) for value in row if value is not None and str(value).strip()))
                    if cells >= MAX_CELLS or out.full:
                        return
        finally:
            workbook.close()


def _drawing_text(element: Any, out: _Collector) -> None:
    for paragraph in element.iter(f"{_A}p"):
        out.add("".join(node.text or "" for node in paragraph.iter(f"{_A}t")))


def _pptx(path: Path, out: _Collector) -> None:
    from pptx import Presentation

    for slide in Presentation(str(path)).slides:
        _drawing_text(slide.element, out)  # text frames, tables and grouped shapes
        if slide.has_notes_slide:
            _drawing_text(slide.notes_slide.element, out)
        if out.full:
            break


def _odf_text(element: Any) -> Iterator[str]:
    """The text of an OpenDocument paragraph, with its space, tab and line-break elements as spaces."""
    yield element.text or ""
    for child in element:
        if child.tag in _ODF_SPACES:
            yield " "  # however many spaces it stands for: whitespace is collapsed anyway
        else:
            yield from _odf_text(child)
        yield child.tail or ""


def _odf(path: Path, out: _Collector) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        depth = 0
        # No DTDs, entities or network: the XML came from an uploader.
        parser = etree.iterparse(content, events=("start", "end"), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False)
        for event, element in parser:
            if element.tag in _ODF_BLOCKS:
                depth += 1 if event == "start" else -1
                if event == "end" and depth == 0:
                    out.add("".join(_odf_text(element)))
            if event == "end" and depth == 0:
                element.clear()  # keep memory flat on a large spreadsheet
                while element.getprevious() is not None:
                    del element.getparent()[0]
            if out.full:
                break


def _plain(path: Path, out: _Collector, *, is_csv: bool) -> None:
    with path.open("rb") as handle:
        text = handle.read(EXTRACT_MAX_CHARS * 4).decode("utf-8", "replace").removeprefix("\ufeff")
    if is_csv:
        try:
            for row in csv.reader(io.StringIO(text)):
                out.add(" ".join(cell for cell in row if cell.strip()))
                if out.full:
                    return
            return
        except csv.Error:
            out.parts.clear()
            out.length = 0
    out.add(text)


READERS: dict[str, Callable[[Path, _Collector], None]] = {
    ft.PDF: _pdf,
    ft.DOCX: _docx,
    ft.XLSX: _xlsx,
    ft.PPTX: _pptx,
    ft.ODT: _odf,
    ft.ODS: _odf,
    ft.ODP: _odf,
    ft.CSV: lambda path, out: _plain(path, out, is_csv=True),
    ft.TEXT: lambda path, out: _plain(path, out, is_csv=False),
}


def tidy(text: str) -> str:
    """Collapse whitespace, drop control characters and lone surrogates, and cap at EXTRACT_MAX_CHARS."""
    text = _CONTROL.sub(" ", text).encode("utf-8", "replace").decode("utf-8")
    text = " ".join(text.split())
    if len(text) > EXTRACT_MAX_CHARS:
        cut = text.rfind(" ", 0, EXTRACT_MAX_CHARS + 1)
        text = text[: cut if cut > EXTRACT_MAX_CHARS // 2 else EXTRACT_MAX_CHARS]
    return text


def extract_text(path: Path, content_type: str) -> Extracted:
    """The searchable text of a stored file and how reading it went; never raises."""
    reader = READERS.get(content_type)
    if reader is None:
        return Extracted("unsupported", "")
    out = _Collector()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # libraries warn about odd but readable files
            reader(Path(path), out)
    except Exception:  # any library can fail on a damaged or unusual file; it is still stored
        log.warning("Could not extract text from %s (%s)", Path(path).name, content_type, exc_info=True)
        return Extracted("failed", "")
    text = tidy("\n".join(out.parts))
    return Extracted("extracted" if text else "empty", text)
