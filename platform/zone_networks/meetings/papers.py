"""Paper files for agenda items: check the type from the content, store by SHA-256, send as attachments.

A small interface the documents feature (issue 5) can replace:
`store_paper(stream, original_name)` -> StoredPaper (or PaperError / PaperTooLargeError),
`discard_paper(stored)` (undo a store whose database row was not written),
`paper_response(stored_name, content_type, original_name)` -> a download response.

Files are written to a temporary file in the same folder (so the rename is
atomic), hashed while written, fsynced, checked by their content (magic bytes;
for zip-based formats, the parts inside), then renamed to their SHA-256 under
PAPERS_FOLDER (default instance/uploads). The client's file name is never used
for storage. A failure at any point leaves no file behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from werkzeug.wrappers import Response

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
CHUNK = 64 * 1024
_KEY = re.compile(r"^[0-9a-f]{64}$")
OLE_TYPES = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF_TYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
)
TEXT_TYPES = {".csv": "text/csv", ".txt": "text/plain"}


class PaperError(ValueError):
    """An upload that is not an accepted kind of file; the message is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PaperTooLargeError(PaperError):
    """An upload over the size limit."""


@dataclass(frozen=True)
class StoredPaper:
    """A stored file: its SHA-256 name, size, checked content type, the name it came with, and if it is new."""

    stored_name: str
    size: int
    content_type: str
    original_name: str
    created: bool


def max_bytes() -> int:
    """The largest paper accepted: PAPER_MAX_BYTES (25 MB by default)."""
    return int(current_app.config.get("PAPER_MAX_BYTES") or DEFAULT_MAX_BYTES)


def size_words(size: int) -> str:
    """A size in bytes as people write it: 25MB, 512KB."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}MB" if megabytes >= 1 else f"{max(1, size // 1024)}KB"


def papers_folder() -> Path:
    """Where papers are stored: PAPERS_FOLDER, or instance/uploads."""
    configured = current_app.config.get("PAPERS_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads"


def not_accepted() -> PaperError:
    """The error for a file of a kind we do not accept."""
    return PaperError(_("The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV, "
                        "text, PNG or JPEG file"))


def clean_name(name: str) -> str:
    """The client's file name without any folders or control characters (for display and downloads only)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "paper"


def _zip_type(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for part, content_type in OOXML_PARTS.items():
                if part in names and "[Content_Types].xml" in names:
                    return content_type
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared in ODF_TYPES:
                    return declared
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        return error.start >= len(head) - 3 and len(head) == CHUNK
    return True


def sniff(path: Path, original_name: str) -> str:
    """The content type of the file at `path`, judged by its content; PaperError if not accepted."""
    with path.open("rb") as handle:
        head = handle.read(CHUNK)
    extension = os.path.splitext(original_name)[1].lower()
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and extension in OLE_TYPES:
        return OLE_TYPES[extension]
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(path)
        if found:
            return found
        raise not_accepted()
    if extension in TEXT_TYPES and head and _is_text(head):
        return TEXT_TYPES[extension]
    raise not_accepted()


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):  # not every platform can open a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def store_paper(stream: IO[bytes], original_name: str) -> StoredPaper:
    """Check and store an upload; PaperTooLargeError / PaperError leave nothing behind."""
    folder = papers_folder()
    folder.mkdir(parents=True, exist_ok=True)
    limit = max_bytes()
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(descriptor, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PaperTooLargeError(_("The selected file must be smaller than %(size)s",
                                          size=size_words(limit)))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise PaperError(_("The selected file is empty"))
        name = clean_name(original_name)
        content_type = sniff(temp, name)
        key = digest.hexdigest()
        final = folder / key
        created = not final.exists()
        if created:
            os.replace(temp, final)
            _fsync_folder(folder)
        else:
            temp.unlink()
        return StoredPaper(key, size, content_type, name, created)
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


def discard_paper(stored: StoredPaper) -> None:
    """Remove a newly stored file whose database row could not be written."""
    if stored.created and _KEY.match(stored.stored_name):
        with suppress(FileNotFoundError):
            (papers_folder() / stored.stored_name).unlink()


def paper_response(stored_name: str, content_type: str, original_name: str) -> Response:
    """The file as a download: an attachment (RFC 6266 filename*), nosniff, and a sandboxing CSP."""
    if not _KEY.match(stored_name):
        abort(404)
    path = papers_folder() / stored_name
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=original_name,
                         max_age=0, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
