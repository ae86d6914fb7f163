"""The one place uploaded files are stored and sent back: checked by content, content-addressed, atomic.

`store_upload(stream, name, max_bytes=...)` copies the upload into a temporary
file in UPLOADS_FOLDER (so the final rename is atomic), hashing and counting
as it writes, fsyncs it, checks the type from the bytes (core/filetypes.py),
then renames it to its SHA-256 and fsyncs the folder. Any failure leaves no
file behind; the same content uploaded twice is one file. The service writes
its database row afterwards; if that fails, `discard_upload` removes a file
this request created, and `flask uploads sweep` (core/upload_sweep.py)
removes whatever no table refers to, either way. Features say which columns
hold keys with `register_references`.

Downloads go through `attachment_response`: an attachment (RFC 6266 name,
safe for Welsh and emoji), nosniff, no caching, and a sandboxing CSP that
replaces the app-wide policy for that response only.

Request size: MAX_CONTENT_LENGTH answers 413 for a large Content-Length and
for a chunked body that runs over while it is read. A view that takes bigger
bodies declares it with `@request_limit(...)`, applied to signed-in requests
when they start (before the CSRF check reads the form); `allow_request_bytes(n)`
is the same thing for code that runs that early.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from flask import Flask, abort, current_app, request, request_finished, request_started, send_file, session
from flask_babel import gettext as _
from sqlalchemy import Select, select
from werkzeug.wrappers import Response

from zone_networks.core.filetypes import UploadError, UploadTooLargeError, clean_name, detect
from zone_networks.extensions import db

__all__ = [
    "SANDBOX_POLICY",
    "StoredFile",
    "UploadError",
    "UploadTooLargeError",
    "allow_request_bytes",
    "attachment_response",
    "clean_name",
    "discard_upload",
    "register_references",
    "request_limit",
    "size_words",
    "store_upload",
    "upload_path",
    "uploads_folder",
]

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
TEMP_PREFIX = ".upload-"
KEY = re.compile(r"[0-9a-f]{64}")  # use fullmatch: "$" would allow a trailing newline
# A downloaded file must never run as part of the site, even if a browser tries to render it.
SANDBOX_POLICY = "default-src 'none'; sandbox"
View = TypeVar("View", bound=Callable[..., Any])
KeySource = Callable[[], "Select[Any] | Iterable[str]"]
_references: dict[str, KeySource] = {}


@dataclass(frozen=True)
class StoredFile:
    """A stored upload: its key (SHA-256, hex), size, type from the content, cleaned name, and if it is new."""

    key: str
    size: int
    content_type: str
    original_name: str
    created: bool
    # The file's modification time as this request left it: if it changes, another upload reused the file.
    mtime_ns: int = field(default=0, compare=False, repr=False)


def size_words(size: int) -> str:
    """A size in bytes as people write it: 25MB, 512KB."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}MB" if megabytes >= 1 else f"{max(1, size // 1024)}KB"


def uploads_folder() -> Path:
    """Where uploads are stored: UPLOADS_FOLDER (default instance/uploads, outside static/)."""
    configured = current_app.config.get("UPLOADS_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads"


def upload_path(key: str) -> Path:
    """The stored file for `key`, which must be 64 lower-case hex digits (so it can name no other file)."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise ValueError("not an upload key")
    return uploads_folder() / key


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _copy(stream: IO[bytes], descriptor: int, max_bytes: int) -> tuple[str, int]:
    """Write `stream` to the open file, returning its SHA-256 and size; UploadTooLargeError past the limit."""
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(descriptor, "wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise UploadTooLargeError(_("The selected file must be smaller than %(size)s",
                                            size=size_words(max_bytes)))
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def store_upload(stream: IO[bytes], original_name: str, *, max_bytes: int) -> StoredFile:
    """Check and store an upload under its SHA-256; UploadError / UploadTooLargeError leave nothing behind."""
    folder = uploads_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = clean_name(original_name)
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX)
    temp = Path(temp_name)
    try:
        key, size = _copy(stream, descriptor, max_bytes)
        if size == 0:
            raise UploadError(_("The selected file is empty"))
        content_type = detect(temp, name)
        final = folder / key
        try:
            existing: os.stat_result | None = os.lstat(final)
        except FileNotFoundError:
            existing = None
        created = not (existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_size == size)
        if created:
            os.replace(temp, final)
            _fsync_folder(folder)
        else:
            os.utime(final)  # fresh again, so the sweeper's grace period covers the row about to refer to it
        return StoredFile(key, size, content_type, name, created, os.lstat(final).st_mtime_ns)
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


def register_references(name: str, source: KeySource) -> None:
    """Declare where stored keys are used: `source()` returns a SELECT of keys (or the keys themselves).

    Features call this when their module is imported (meetings/papers.py, documents/storage.py); the
    sweeper and `discard_upload` keep every file any source names.
    """
    _references[name] = source


def reference_names() -> list[str]:
    """The names of the registered reference sources."""
    return sorted(_references)


def _keys_from(source: KeySource, key: str | None = None) -> set[str]:
    found = source()
    if isinstance(found, Select):
        if key is not None:
            inner = found.subquery()
            column = next(iter(inner.c))
            return set(db.session.scalars(select(column).where(column == key).limit(1)))
        return set(db.session.scalars(found))
    return {value for value in found if key is None or value == key}


def referenced_keys() -> set[str]:
    """Every key some registered table refers to."""
    keys: set[str] = set()
    for name in reference_names():
        keys |= _keys_from(_references[name])
    return keys


def is_referenced(key: str) -> bool:
    """Whether any registered table refers to `key`."""
    return any(_keys_from(_references[name], key) for name in reference_names())


def discard_upload(stored: StoredFile) -> None:
    """Remove a file this request created when its database row could not be written (call after rollback).

    Kept if it was already there, if another upload has reused it since, if any row refers to it, or if
    that cannot be checked (the sweeper removes it later).
    """
    if not stored.created or not KEY.fullmatch(stored.key):
        return
    path = upload_path(stored.key)
    try:
        if os.lstat(path).st_mtime_ns != stored.mtime_ns or is_referenced(stored.key):
            return
        path.unlink()
    except FileNotFoundError:
        return
    except Exception:  # e.g. the database is down: never lose a file that may be in use
        db.session.rollback()
        log.warning("Could not check whether upload %s is in use; leaving it for the sweeper", stored.key,
                    exc_info=True)


def attachment_response(key: str, content_type: str, original_name: str) -> Response:
    """The stored file as a download: attachment (RFC 6266 filename*), nosniff, no caching, sandbox CSP."""
    try:
        path = upload_path(key)
    except ValueError:
        abort(404)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=clean_name(original_name),
                         max_age=0, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = SANDBOX_POLICY
    response.sandboxed_download = True  # type: ignore[attr-defined]
    return response


def _keep_sandbox(sender: Flask, response: Response, **extra: Any) -> None:
    """Put the sandbox policy back on a download after every after_request hook (Talisman sets the app's)."""
    if getattr(response, "sandboxed_download", False):
        response.headers["Content-Security-Policy"] = SANDBOX_POLICY


def allow_request_bytes(limit: int) -> None:
    """Let the current request's body be up to `limit` bytes; it must run before anything reads the body."""
    if "stream" in request.__dict__ or "form" in request.__dict__:
        raise RuntimeError("allow_request_bytes() ran after the request body was read (the CSRF check reads "
                           "the form first): decorate the view with @request_limit(...) instead")
    request.max_content_length = limit


def request_limit(limit: Callable[[], int]) -> Callable[[View], View]:
    """Decorate a view whose request body may be up to `limit()` bytes (instead of MAX_CONTENT_LENGTH) when
    the request comes from a signed-in session."""

    def mark(view: View) -> View:
        view.request_byte_limit = limit  # type: ignore[attr-defined]
        return view

    return mark


def _apply_request_limit(sender: Flask, **extra: Any) -> None:
    """Apply the matched view's @request_limit as the request starts, before any before_request hook.

    Only for a signed-in session (Flask-Login's key, read without loading the user): nobody without an
    account can make the service spool a large body to disk.
    """
    view = sender.view_functions.get(request.endpoint or "")
    limit = getattr(view, "request_byte_limit", None)
    if limit is not None and session.get("_user_id"):
        allow_request_bytes(int(limit()))


# Flask sends request_started before any before_request hook (the CSRF check reads the body there) and
# request_finished after every after_request hook (Talisman writes the app-wide CSP there).
request_started.connect(_apply_request_limit)
request_finished.connect(_keep_sandbox)
