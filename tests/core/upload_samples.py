"""Small real files of every accepted kind, and hostile ones, built in memory for the upload tests.

Each builder puts a distinctive word in the text so extraction can be checked.
"""

from __future__ import annotations

import io
import struct
import zipfile

from PIL import Image

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf(text: str = "Quinquereme harbour plan") -> bytes:
    """A minimal valid one-page PDF whose content stream shows `text` in Helvetica (with a correct xref)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
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


def blank_pdf() -> bytes:
    """A valid PDF with an empty page (like a scan: no text to find)."""
    return pdf("").replace(b"BT /F1 18 Tf 72 720 Td () Tj ET", b"")


def docx(word: str = "Quinquereme") -> bytes:
    """A Word document with the word in a paragraph and 'Portcullis' in a table cell."""
    from docx import Document

    document = Document()
    document.add_heading("Skills plan", level=1)
    document.add_paragraph(f"The {word} programme trains welders in Môn.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Portcullis"
    table.cell(0, 1).text = "40 learners"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(word: str = "Quinquereme") -> bytes:
    """An Excel workbook with the word in a cell."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Survey"
    sheet.append(["Zone", "Learners", "Note"])
    sheet.append(["Humber", 40, word])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx(word: str = "Quinquereme") -> bytes:
    """A PowerPoint deck: the word in a text box, 'Portcullis' in a table, 'Lighthouse' in the notes."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Hydrogen skills"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.text = f"{word} pilot results"
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "Portcullis"
    slide.notes_slide.notes_text_frame.text = "Lighthouse speaker notes"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
_ODF_BODIES = {
    "odt": '<office:text><text:h text:outline-level="1">Plan</text:h><text:p>The {word}<text:s text:c="3"/>'
           "programme<text:tab/>in Môn</text:p></office:text>",
    "ods": "<office:spreadsheet><table:table table:name=\"Survey\"><table:table-row><table:table-cell>"
           "<text:p>{word}</text:p></table:table-cell><table:table-cell office:value-type=\"float\" "
           "office:value=\"40\"><text:p>40</text:p></table:table-cell></table:table-row></table:table>"
           "</office:spreadsheet>",
    "odp": "<office:presentation><draw:page draw:name=\"One\"><draw:frame><draw:text-box><text:p>{word} "
           "slide</text:p></draw:text-box></draw:frame></draw:page></office:presentation>",
}


def odf(kind: str, word: str = "Quinquereme") -> bytes:
    """An OpenDocument file (odt/ods/odp): `mimetype` stored first, then content.xml and a manifest."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.3">'
        f"<office:body>{_ODF_BODIES[kind].format(word=word)}</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{ODF_MIMETYPES[kind]}"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODF_MIMETYPES[kind], compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def image(kind: str) -> bytes:
    """A tiny PNG or JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 94, 165)).save(buffer, kind)
    return buffer.getvalue()


def ole(extension: str = ".doc") -> bytes:
    """The start of a legacy Office (OLE compound) file: enough for the type check."""
    return OLE_MAGIC + b"\x00" * 504 + extension.encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    """A plain deflated zip with the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ratio_bomb(megabytes: int = 20) -> bytes:
    """A .docx-shaped zip whose main part is megabytes of zeros (compressed about 1000 to 1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(megabytes):
                member.write(b"\x00" * (1024 * 1024))
    return buffer.getvalue()


def lying_bomb() -> bytes:
    """A .docx-shaped zip whose central directory declares a 4GB main part (the data itself is tiny)."""
    data = bytearray(zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    start = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)  # the second central directory entry
    struct.pack_into("<I", data, start + 24, 0xFFFFFFF0)  # uncompressed size
    return bytes(data)


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 118
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(document.domain)</script></svg>")
