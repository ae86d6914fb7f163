"""Index entries for documents: title; description, tags, file name and the current version's text.

Audience follows `Document.can_view` exactly: public -> "public", members ->
"members", network -> "network" (active members of the document's network, any
role; the secretariat sees all). The owner gets no special access there, so
owner_id is left empty (it would show a former member their document). The
document has no zone of its own; its sectors are its sector ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors
from zone_networks.fulltext.engine import EntryData
from zone_networks.search.adapters._text import joined, plain

KIND = "document"


def all_ids() -> Select[int]:
    """Every document's id."""
    return select(Document.id)


def entries(session: Session, ids: Sequence[int]) -> dict[int, EntryData | None]:
    """The entry for each id (None: no such document any more). Three queries."""
    rows = session.execute(
        select(Document.id, Document.title, Document.description, Document.visibility, Document.network_id,
               Document.updated_at, DocumentVersion.original_name, DocumentVersion.text)
        .outerjoin(DocumentVersion, DocumentVersion.id == Document.current_version_id)
        .where(Document.id.in_(ids))).all()
    sectors: dict[int, list[int]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    found = [row.id for row in rows]
    if found:
        for document_id, sector_id in session.execute(
                select(document_sectors.c.document_id, document_sectors.c.sector_id)
                .where(document_sectors.c.document_id.in_(found))):
            sectors[document_id].append(sector_id)
        for document_id, name in session.execute(
                select(DocumentTag.document_id, DocumentTag.name).where(DocumentTag.document_id.in_(found))
                .order_by(DocumentTag.document_id, DocumentTag.slug)):
            tags[document_id].append(name)
    result: dict[int, EntryData | None] = dict.fromkeys(ids)
    for row in rows:
        body = joined([plain(row.description), " ".join(tags[row.id]), row.original_name, row.text])
        audience = row.visibility if row.visibility in ("public", "members") else "network"
        result[row.id] = EntryData(kind=KIND, object_id=row.id, title=row.title, body=body, audience=audience,
                                   network_id=row.network_id, sector_ids=sectors[row.id],
                                   updated_at=row.updated_at)
    return result
