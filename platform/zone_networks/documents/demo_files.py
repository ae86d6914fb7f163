"""Small real files for the demo document library: PDF, Word, Excel, PowerPoint, CSV and plain text.

Each writer takes a title and plain content and returns the file's bytes, made
with the same well-kept libraries the text extractor reads them with
(python-docx, openpyxl, python-pptx); the PDF is written directly (one font,
text only), which needs no extra library. The files are small, so making a
dozen takes well under a second.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence

Rows = Sequence[Sequence[str | int | float]]

PDF_LINE_WIDTH = 88  # characters per line at 11 point Helvetica on A4 with 2.5 cm margins
PDF_LINES_PER_PAGE = 48
A4 = (595, 842)


def _pdf_text(value: str) -> bytes:
    """A PDF string literal in WinAnsi encoding (Helvetica's), with the characters PDF reserves escaped."""
    escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", "replace") + b")"


def _pdf_lines(title: str, paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    """(font, text) lines: the title in bold, then the paragraphs wrapped, with a blank line between."""
    lines: list[tuple[str, str]] = [("F2", title), ("F1", "")]
    for paragraph in paragraphs:
        for line in paragraph.splitlines() or [""]:
            wrapped = textwrap.wrap(line, PDF_LINE_WIDTH) or [""]
            lines += [("F1", part) for part in wrapped]
        lines.append(("F1", ""))
    return lines


def pdf_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    """A text PDF: `title` as a heading, then the paragraphs, over as many A4 pages as they need."""
    lines = _pdf_lines(title, paragraphs)
    pages = [lines[start:start + PDF_LINES_PER_PAGE] for start in range(0, len(lines), PDF_LINES_PER_PAGE)]
    # Objects: 1 catalogue, 2 page tree, 3 regular font, 4 bold font, 5 document information, then per page
    # the page and its content stream.
    page_ids = [6 + 2 * index for index in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % number for number in page_ids)
           + b"] /Count %d >>" % len(pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: b"<< /Title <" + ("\ufeff" + title).encode("utf-16-be").hex().encode() + b"> "
           b"/Producer (Zone Networks demo data) >>",
    }
    for page_id, page in zip(page_ids, pages, strict=True):
        stream = [b"BT", b"72 770 Td", b"15 TL"]
        for font, text in page:
            size = 14 if font == "F2" else 11
            stream.append(b"/%s %d Tf %s Tj T*" % (font.encode(), size, _pdf_text(text)))
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % A4
                            + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (page_id + 1))
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = output.tell()
        output.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = output.tell()
    count = max(objects) + 1
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for number in range(1, count):
        output.write(b"%010d 00000 n \n" % offsets[number])
    output.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))
    return output.getvalue()


def docx_bytes(title: str, paragraphs: Sequence[str], table: Rows = ()) -> bytes:
    """A Word document: a heading, paragraphs (lines starting "- " become bullets) and an optional table."""
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Zone Networks demo data"
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            document.add_heading(paragraph[3:], level=2)
        elif paragraph.startswith("- "):
            document.add_paragraph(paragraph[2:], style="List Bullet")
        else:
            document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        grid.style = "Table Grid"
        for row in table:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """An Excel workbook with one sheet per (name, rows); the first row of each is its header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.properties.creator = "Zone Networks demo data"
    for index, (name, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = name[:31]
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def pptx_bytes(title: str, slides: Sequence[tuple[str, Sequence[str]]]) -> bytes:
    """A PowerPoint deck: a title slide, then one slide per (heading, bullet points)."""
    from pptx import Presentation

    deck = Presentation()
    deck.core_properties.title = title
    deck.core_properties.author = "Zone Networks demo data"
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = "Demo content"
    for heading, points in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = points[0] if points else ""
        for point in points[1:]:
            body.add_paragraph().text = point
    output = io.BytesIO()
    deck.save(output)
    return output.getvalue()


def csv_bytes(rows: Rows) -> bytes:
    """UTF-8 CSV (with a byte order mark, so spreadsheets read accents right)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def text_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    """Plain UTF-8 text: the title underlined, then the paragraphs."""
    return ("\n\n".join([f"{title}\n{'=' * len(title)}", *paragraphs]) + "\n").encode("utf-8")
