"""Paper files for agenda items: a thin layer over the shared upload store (core/uploads.py).

Keeps the names agenda code uses: `store_paper(stream, original_name)` ->
StoredPaper (or PaperError / PaperTooLargeError), `discard_paper(stored)` (undo
a store whose database row was not written), `paper_response(stored_name,
content_type, original_name)` -> a download response. Papers share
UPLOADS_FOLDER (PAPERS_FOLDER is its older name) and the content checks with
documents; the limit is PAPER_MAX_BYTES. AgendaPaper.stored_name is registered
as a reference, so the sweeper keeps every paper's file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask import current_app
from sqlalchemy import select
from werkzeug.wrappers import Response

from zone_networks.core.uploads import (
    StoredFile,
    UploadError,
    UploadTooLargeError,
    attachment_response,
    clean_name,
    discard_upload,
    register_references,
    size_words,
    store_upload,
    uploads_folder,
)
from zone_networks.meetings.agenda_models import AgendaPaper

__all__ = ["PaperError", "PaperTooLargeError", "StoredPaper", "clean_name", "discard_paper", "max_bytes",
           "paper_response", "papers_folder", "size_words", "store_paper"]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
PaperError = UploadError
PaperTooLargeError = UploadTooLargeError

register_references("agenda_papers", lambda: select(AgendaPaper.stored_name))


@dataclass(frozen=True)
class StoredPaper(StoredFile):
    """A stored paper: a StoredFile whose key agenda code calls `stored_name`."""

    @property
    def stored_name(self) -> str:
        """The file's SHA-256 name in the upload store."""
        return self.key


def max_bytes() -> int:
    """The largest paper accepted: PAPER_MAX_BYTES (25 MB by default)."""
    return int(current_app.config.get("PAPER_MAX_BYTES") or DEFAULT_MAX_BYTES)


def papers_folder() -> Path:
    """Where papers are stored: the shared upload folder."""
    return uploads_folder()


def store_paper(stream: IO[bytes], original_name: str) -> StoredPaper:
    """Check and store an upload; PaperTooLargeError / PaperError leave nothing behind."""
    stored = store_upload(stream, original_name, max_bytes=max_bytes())
    return StoredPaper(stored.key, stored.size, stored.content_type, stored.original_name, stored.created,
                       stored.mtime_ns)


def discard_paper(stored: StoredFile) -> None:
    """Remove a newly stored file whose database row could not be written."""
    discard_upload(stored)


def paper_response(stored_name: str, content_type: str, original_name: str) -> Response:
    """The file as a download: an attachment (RFC 6266 filename*), nosniff, and a sandboxing CSP."""
    return attachment_response(stored_name, content_type, original_name)
