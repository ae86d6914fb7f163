"""Human words for the document library's coded values: visibility, file kinds, sizes, text status."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_babel.speaklater import LazyString

VISIBILITY_LABELS = {
    "network": _l("Network members only"),
    "members": _l("All signed-in members"),
    "public": _l("Public (anyone, without signing in)"),
}

VISIBILITY_HINTS = {
    "network": _l("Only active members of the document's network, and the secretariat, can see it."),
    "members": _l("Everyone signed in to Zone Networks can see it."),
    "public": _l("Anyone can see and download it, without signing in."),
}


@dataclass(frozen=True)
class FileKind:
    """A kind of file people filter by ("Word"), and the content types that are that kind."""

    key: str
    label: LazyString
    content_types: tuple[str, ...]


FILE_KINDS = (
    FileKind("pdf", _l("PDF"), ("application/pdf",)),
    FileKind("word", _l("Word"), (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword")),
    FileKind("excel", _l("Excel"), (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel")),
    FileKind("powerpoint", _l("PowerPoint"), (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.ms-powerpoint")),
    FileKind("opendocument", _l("OpenDocument"), (
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation")),
    FileKind("csv", _l("CSV"), ("text/csv",)),
    FileKind("text", _l("Plain text"), ("text/plain",)),
    FileKind("image", _l("Image (PNG or JPEG)"), ("image/png", "image/jpeg")),
)
FILE_KINDS_BY_KEY = {kind.key: kind for kind in FILE_KINDS}

# The short name of each content type, as shown beside a download ("PDF, 1.2 MB").
TYPE_LABELS = {
    "application/pdf": _l("PDF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _l("Word"),
    "application/msword": _l("Word (97-2003)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _l("Excel"),
    "application/vnd.ms-excel": _l("Excel (97-2003)"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _l("PowerPoint"),
    "application/vnd.ms-powerpoint": _l("PowerPoint (97-2003)"),
    "application/vnd.oasis.opendocument.text": _l("OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": _l("OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.presentation": _l("OpenDocument presentation"),
    "text/csv": _l("CSV"),
    "text/plain": _l("Plain text"),
    "image/png": _l("PNG image"),
    "image/jpeg": _l("JPEG image"),
}

ACCEPTED_TYPES_HINT = _l("PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG")
# Shown when a version's text could not be read (status empty, unsupported or failed).
UNREADABLE_TEXT = _l("We could not read the text of this file, so searching for words inside it will not find it.")


def visibility_label(code: str) -> str:
    """The words for a document visibility."""
    return str(VISIBILITY_LABELS.get(code, code))


def type_label(content_type: str | None) -> str:
    """The short name of a file's type ("PDF", "Word")."""
    if not content_type:
        return ""
    return str(TYPE_LABELS.get(content_type, content_type))


def size_label(size: int | None) -> str:
    """A size in bytes as people read it: 1.2 MB, 340 KB, 12 bytes."""
    if size is None:
        return ""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return _("%(num)s KB", num=f"{size / 1024:.0f}")
    return _("%(num)s MB", num=f"{size / (1024 * 1024):.1f}".removesuffix(".0"))


def limit_label(size: int) -> str:
    """An upload size limit the GOV.UK way: 25MB, 512KB."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}MB" if megabytes >= 1 else f"{max(1, size // 1024)}KB"


def text_unreadable(status: str) -> bool:
    """Whether a version's text could not be read for search."""
    return status in {"empty", "unsupported", "failed"}
