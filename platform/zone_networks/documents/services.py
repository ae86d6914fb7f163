"""Every write to the document library: upload, new version, edit details, delete.

Files are stored (core.uploads: checked by content, content-addressed) only
after the form has validated, then their text is extracted for search, then
the rows are written and committed. If anything fails after a file was
stored, the files this call created are discarded and nothing is written.
Search indexing follows the session (search/indexer.py), so these functions
only keep `Document.updated_at` current. Actions by the secretariat are
audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from zone_networks.accounts.models import User
from zone_networks.core import uploads
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.documents.extract import extract_text
from zone_networks.documents.forms import tag_slug
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion
from zone_networks.extensions import db
from zone_networks.zones.models import Sector

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
TITLE_MAX = 200
NAME_IN_TITLE_MAX = 100  # a file name added to a title is shortened to this, so the title keeps room


class DocumentError(Exception):
    """A change that cannot be made; the message is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DocumentFileError(DocumentError):
    """A file that was refused (wrong type, empty, too large); `too_large` marks the size limit."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


@dataclass(frozen=True)
class Details:
    """A document's details as chosen on a form."""

    title: str
    description: str
    network_id: int
    visibility: str
    sector_ids: Sequence[int] = ()
    tag_names: Sequence[str] = ()


def max_bytes() -> int:
    """The largest file accepted: DOCUMENT_MAX_BYTES (25 MB by default)."""
    return int(current_app.config.get("DOCUMENT_MAX_BYTES") or DEFAULT_MAX_BYTES)


def titled(title: str, original_name: str, several: bool) -> str:
    """The title of one document of an upload: with the file's name added when several files came together."""
    if not several:
        return title
    name = original_name if len(original_name) <= NAME_IN_TITLE_MAX else original_name[:NAME_IN_TITLE_MAX - 1] + "…"
    suffix = f" ({name})"
    return title[: TITLE_MAX - len(suffix)].rstrip() + suffix


def _store(upload: FileStorage, *, named: bool) -> uploads.StoredFile:
    name = upload.filename or ""
    try:
        return uploads.store_upload(upload.stream, name, max_bytes=max_bytes())
    except uploads.UploadError as error:
        message = f"{uploads.clean_name(name)}: {error.message}" if named else error.message
        raise DocumentFileError(message, too_large=isinstance(error, uploads.UploadTooLargeError)) from error


def _discard(stored: Sequence[uploads.StoredFile]) -> None:
    for item in stored:
        uploads.discard_upload(item)


def _version(stored: uploads.StoredFile, number: int, user: User, note: str = "") -> DocumentVersion:
    extracted = extract_text(uploads.upload_path(stored.key), stored.content_type)
    return DocumentVersion(
        number=number, blob_key=stored.key, size=stored.size, content_type=stored.content_type,
        original_name=stored.original_name, note=note, uploaded_by_id=user.id,
        text_status=extracted.status, text=extracted.text,
    )


def _sectors(ids: Sequence[int]) -> list[Sector]:
    if not ids:
        return []
    return list(db.session.scalars(select(Sector).where(Sector.id.in_(ids)).order_by(Sector.name)))


def _tags(names: Sequence[str]) -> list[DocumentTag]:
    return [DocumentTag(slug=tag_slug(name), name=name) for name in names]


def _commit_or_discard(stored: Sequence[uploads.StoredFile]) -> None:
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        _discard(stored)
        raise


def upload_documents(user: User, details: Details, files: Sequence[FileStorage]) -> list[Document]:
    """Store each file as a new document (version 1) with the same details; all or nothing."""
    several = len(files) > 1
    stored: list[uploads.StoredFile] = []
    try:
        for upload in files:
            stored.append(_store(upload, named=several))
        now = utcnow()
        sectors = _sectors(details.sector_ids)
        documents: list[Document] = []
        for item in stored:
            document = Document(
                title=titled(details.title, item.original_name, several), description=details.description,
                network_id=details.network_id, visibility=details.visibility, owner_id=user.id,
                version_count=1, updated_at=now, sectors=list(sectors), tags=_tags(details.tag_names),
            )
            version = _version(item, 1, user)
            version.document = document
            document.current_version = version
            db.session.add(document)
            documents.append(document)
    except BaseException:
        db.session.rollback()
        _discard(stored)
        raise
    _commit_or_discard(stored)
    return documents


def add_version(user: User, document: Document, upload: FileStorage, note: str) -> DocumentVersion:
    """Upload a new version over `document`; older versions stay downloadable."""
    stored = _store(upload, named=False)
    try:
        # Lock the document (PostgreSQL) so two uploads at once get numbers one after the other.
        db.session.execute(select(Document.id).where(Document.id == document.id).with_for_update())
        number = (db.session.scalar(select(func.max(DocumentVersion.number))
                                    .where(DocumentVersion.document_id == document.id)) or 0) + 1
        version = _version(stored, number, user, note)
        version.document_id = document.id
        db.session.add(version)
        document.current_version = version
        document.version_count = number
        document.updated_at = utcnow()
        if user.is_staff:
            record(user, "document.version_added", "document", document.id, title=document.title, version=number)
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        _discard([stored])
        raise DocumentError(_("Someone else uploaded a new version at the same time. Try again.")) from error
    except BaseException:
        db.session.rollback()
        _discard([stored])
        raise
    _commit_or_discard([stored])
    return version


def update_details(user: User, document: Document, details: Details) -> None:
    """Change a document's details (sectors and tags must be loaded); a narrower visibility applies at once."""
    changed = [name for name in ("title", "description", "network_id", "visibility")
               if getattr(document, name) != getattr(details, name)]
    document.title = details.title
    document.description = details.description
    document.network_id = details.network_id
    document.visibility = details.visibility
    if sorted(sector.id for sector in document.sectors) != sorted(details.sector_ids):
        document.sectors = _sectors(details.sector_ids)
        changed.append("sectors")
    wanted = {tag_slug(name): name for name in details.tag_names}
    current = {tag.slug: tag for tag in document.tags}
    if set(wanted) != set(current) or any(current[slug].name != name for slug, name in wanted.items()
                                          if slug in current):
        changed.append("tags")
    for slug, tag in current.items():
        if slug not in wanted:
            document.tags.remove(tag)
        else:
            tag.name = wanted[slug]
    document.tags.extend(DocumentTag(slug=slug, name=name) for slug, name in wanted.items() if slug not in current)
    document.updated_at = utcnow()
    if user.is_staff:
        record(user, "document.edited", "document", document.id, title=document.title, changed=changed)
    db.session.commit()


def delete_document(user: User, document: Document) -> None:
    """Delete a document and its versions (their files are removed later by `flask uploads sweep`)."""
    if user.is_staff:
        record(user, "document.deleted", "document", document.id, title=document.title,
               network_id=document.network_id, versions=document.version_count)
    db.session.delete(document)
    db.session.commit()
