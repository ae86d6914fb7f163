"""What kind of file an upload is, judged from its bytes alone (never the browser's claim), and display names.

Accepted: PDF, PNG, JPEG, Word/Excel/PowerPoint (OOXML, and the legacy OLE
.doc/.xls/.ppt), OpenDocument text/spreadsheet/presentation, CSV and plain
text (UTF-8, no NUL bytes, not HTML/SVG/XML in disguise). The name's final
extension must agree with what the content is, so "report.pdf.exe" or
"invoice.html" holding a PDF is refused with the name it should have.

Zip-based formats are checked from the archive's central directory before
anything reads a member: at most MAX_ZIP_MEMBERS members, at most
MAX_UNZIPPED_BYTES declared in total, and no large member compressed more
than MAX_RATIO to one (an archive bomb). Python's zipfile never inflates a
member past its declared size, so the declared sizes bound every later read
(here and in documents/extract.py). Nested archives are never opened; a zip
that is not an office file is refused.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
import zipfile
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
CSV = "text/csv"
TEXT = "text/plain"

# Each accepted type: the extensions its name may end in, and how to name it in a sentence.
KINDS: dict[str, tuple[tuple[str, ...], object]] = {
    PDF: ((".pdf",), _l("a PDF")),
    PNG: ((".png",), _l("a PNG image")),
    JPEG: ((".jpg", ".jpeg"), _l("a JPEG image")),
    DOCX: ((".docx",), _l("a Word document")),
    XLSX: ((".xlsx",), _l("an Excel spreadsheet")),
    PPTX: ((".pptx",), _l("a PowerPoint presentation")),
    ODT: ((".odt",), _l("an OpenDocument text document")),
    ODS: ((".ods",), _l("an OpenDocument spreadsheet")),
    ODP: ((".odp",), _l("an OpenDocument presentation")),
    DOC: ((".doc",), _l("a Word document")),
    XLS: ((".xls",), _l("an Excel spreadsheet")),
    PPT: ((".ppt",), _l("a PowerPoint presentation")),
    CSV: ((".csv",), _l("a CSV file")),
    TEXT: ((".txt",), _l("a text file")),
}
OLE_BY_EXTENSION = {".doc": DOC, ".xls": XLS, ".ppt": PPT}
TEXT_BY_EXTENSION = {".csv": CSV, ".txt": TEXT}
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_TYPES = (ODT, ODS, ODP)

MAX_ZIP_MEMBERS = 10_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small members may compress well (styles, repeated XML); only big ones can be bombs
HEAD_BYTES = 8192
MARKUP_WINDOW = 4096  # browsers sniff at most the first 1445 bytes; look a little further
CHUNK = 64 * 1024
NAME_LIMIT = 255
_MARKUP = re.compile(rb"<(?:script|svg|html|!doctype|\?xml|iframe|object|embed|body|head|meta)\b", re.IGNORECASE)
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_KEEP = {"\u200d"}  # the zero-width joiner inside emoji sequences (other format characters can disguise a name)


class UploadError(ValueError):
    """An upload that cannot be accepted; the message is safe to show next to the file field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UploadTooLargeError(UploadError):
    """An upload over the size limit."""


def not_accepted() -> UploadError:
    """The error for a file of a kind we do not accept."""
    return UploadError(_("The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV, "
                         "text, PNG or JPEG file"))


def clean_name(name: str) -> str:
    """The client's file name for display and downloads only: no folders, control or direction characters,
    leading dots or trailing dots and spaces; Welsh letters and emoji kept; at most 255 characters; "file"
    if nothing is left. Never used to name a stored file."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch in _KEEP or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    base = base.strip().lstrip(".").rstrip(". ").strip()
    if len(base) > NAME_LIMIT:
        stem, extension = os.path.splitext(base)
        extension = extension if len(extension) <= 16 else ""
        base = stem[:NAME_LIMIT - len(extension)].rstrip() + extension
    return base or "file"


def extension_of(name: str) -> str:
    """The final extension of a file name, lower case, with its dot ("" if it has none)."""
    return os.path.splitext(name)[1].lower()


def _kind_words(content_type: str) -> str:
    return str(KINDS[content_type][1])


def _check_name(content_type: str, name: str) -> None:
    """Refuse a name whose final extension says something other than what the content is."""
    extensions, _words = KINDS[content_type]
    extension = extension_of(name)
    if extension and extension not in extensions:
        endings = extensions[0] if len(extensions) == 1 else _("%(first)s or %(second)s", first=extensions[0],
                                                                second=extensions[1])
        raise UploadError(_("The selected file is %(kind)s, so its name must end in %(endings)s",
                            kind=_kind_words(content_type), endings=endings))


def _too_big_inside() -> UploadError:
    return UploadError(_("The selected file expands to more than %(size)dMB when opened, so it cannot be "
                         "accepted", size=MAX_UNZIPPED_BYTES // (1024 * 1024)))


def _compressed_too_much() -> UploadError:
    return UploadError(_("The selected file is compressed too much to be opened safely"))


def _check_archive(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's members, after refusing an archive bomb (from the central directory alone)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadError(_("The selected file has more than %(count)s parts inside, so it cannot be accepted",
                            count=f"{MAX_ZIP_MEMBERS:,}"))
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        raise _too_big_inside()
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _compressed_too_much()
    return members


def _zip_type(path: Path) -> str:
    """The office type of a zip archive; refuses bombs, macro documents and zips that are not office files."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = _check_archive(archive)
            names = {member.filename for member in members}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadError(_("The selected file contains macros. Save it without macros and try again"))
            if "[Content_Types].xml" in names:
                for part, content_type in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return content_type
            first = members[0] if members else None
            if first is not None and first.filename == "mimetype" and first.file_size <= 100:
                declared = archive.read(first).decode("ascii", "replace").strip()
                if declared in ODF_TYPES:
                    return declared
    except UploadError:
        raise
    # What zipfile raises for a damaged archive, ZIP64 quirks, an unsupported compression method
    # (NotImplementedError) or an encrypted member (RuntimeError): none is an office file we accept.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):
        pass
    raise not_accepted()


def _text_type(path: Path, extension: str, head: bytes) -> str:
    """text/csv or text/plain for a UTF-8 file named .csv or .txt that is not markup in disguise."""
    sample = head[:MARKUP_WINDOW]
    stripped = sample.removeprefix(codecs.BOM_UTF8).lstrip()
    if not head or stripped.startswith(b"<") or _MARKUP.search(sample):
        raise not_accepted()
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if b"\x00" in chunk:
                raise not_accepted()
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise _not_utf8() from error
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise _not_utf8() from error
    return TEXT_BY_EXTENSION[extension]


def _not_utf8() -> UploadError:
    return UploadError(_("The selected file must be saved as UTF-8 text (in Excel, save it as CSV UTF-8)"))


def detect(path: Path, name: str) -> str:
    """The content type of the file at `path` from its bytes; UploadError if it is not accepted or if
    `name` (already cleaned) ends in an extension that does not match."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    extension = extension_of(name)
    if head.startswith(b"%PDF-"):
        content_type = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        content_type = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        content_type = JPEG
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE container says nothing simple about what it holds: trust only the three legacy names.
        if extension not in OLE_BY_EXTENSION:
            raise not_accepted()
        content_type = OLE_BY_EXTENSION[extension]
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        content_type = _zip_type(path)
    elif extension in TEXT_BY_EXTENSION:
        content_type = _text_type(path, extension, head)
    else:
        raise not_accepted()
    _check_name(content_type, name)
    return content_type
