"""`flask demo --documents N`: thousands of generated demo documents for the search bench and load tests.

Each generated document has one version whose file is the same small demo
text file (stored once through core.uploads, so downloads work), realistic
title, description, tags, sectors and extracted text (demo/document_texts.py),
a network, a visibility (network members / all members / public) and an owner
among that network's active members. They are bulk inserted (no ORM objects,
so 5,000 take seconds), which bypasses the search index's session listeners:
the documents are then indexed by `search.indexer.reindex("document")`.

Idempotent: generated documents are recognised by their shared demo file, and
only the missing ones (numbers after those already there) are added, so
`--documents 5000` twice leaves 5,000.
"""

from __future__ import annotations

import io
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.demo.document_texts import write_document
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Zone

DEMO_FILE_NAME = "zone-networks-demo-document.txt"
DEMO_FILE_TEXT = (
    "Zone Networks demo document\n\n"
    "This file is demo content. It stands in for every generated demo document in the library:\n"
    "the title, description and searchable text you see on the document's page were generated for\n"
    "load tests and demonstrations, and do not come from this file.\n"
)
# Network slug -> the theme its documents are about (demo/document_texts.py).
THEMES = {"skills-forum": "skills", "innovation-leads": "innovation", "net-zero": "net_zero"}
# How often each visibility is drawn: (visibility, cumulative share).
VISIBILITIES = (("network", 0.5), ("members", 0.85), ("public", 1.0))
MAX_AGE_DAYS = 730
BATCH = 1000
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ScaleSummary:
    """What `--documents N` did."""

    created: int
    total: int


def demo_file_key() -> tuple[str, int, str]:
    """Store the shared demo file (once: same content, same key) and return its key, size and type."""
    from zone_networks.core.uploads import store_upload

    data = DEMO_FILE_TEXT.encode("utf-8")
    stored = store_upload(io.BytesIO(data), DEMO_FILE_NAME, max_bytes=max(len(data), 1024 * 1024))
    return stored.key, stored.size, stored.content_type


def count_scale_documents(key: str) -> int:
    """How many generated documents exist (those whose versions share the demo file)."""
    query = select(func.count(func.distinct(DocumentVersion.document_id))).where(DocumentVersion.blob_key == key)
    return int(db.session.scalar(query) or 0)


def _owners() -> dict[int, list[int]]:
    """The active members of each network (who may own its documents), by network id, in id order."""
    rows = db.session.execute(
        select(Membership.network_id, Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.status == "active", User.active.is_(True), User.deleted_at.is_(None))
        .order_by(Membership.network_id, Membership.user_id)
    )
    owners: dict[int, list[int]] = defaultdict(list)
    for network_id, user_id in rows:
        owners[network_id].append(user_id)
    return owners


def _visibility(rng: random.Random) -> str:
    draw = rng.random()
    return next(visibility for visibility, share in VISIBILITIES if draw < share)


def _file_name(title: str) -> str:
    return (_NOT_WORD.sub("-", title.lower()).strip("-")[:80] or "document") + ".txt"


@dataclass
class _Planned:
    document: dict[str, Any]
    version: dict[str, Any]
    sector_ids: list[int]
    tags: tuple[str, ...]


def _plan(number: int, seed: int, networks: list[Network], zones_for: dict[int, list[Zone]],
          owners: dict[int, list[int]], file: tuple[str, int, str]) -> _Planned:
    """Document number `number`, the same every time for the same seed."""
    rng = random.Random(f"{seed}:document:{number}")  # noqa: S311 (demo text, not secrets)
    network = networks[(number - 1) % len(networks)]
    zone = rng.choice(zones_for[network.id])
    sectors = list(zone.sectors)
    sector = rng.choice(sectors) if sectors else None
    written = write_document(rng, THEMES.get(network.slug, "skills"), zone.name,
                             sector.name if sector else "advanced manufacturing", network.name)
    members = owners.get(network.id, [])
    owner_id = rng.choice(members) if members else None
    when = utcnow() - timedelta(days=rng.randint(0, MAX_AGE_DAYS), minutes=rng.randint(0, 1439))
    key, size, content_type = file
    document = {
        "title": written.title, "description": written.description, "network_id": network.id,
        "visibility": _visibility(rng), "owner_id": owner_id, "version_count": 1, "is_demo": True,
        "created_at": when, "updated_at": when,
    }  # fmt: skip
    version = {
        "number": 1, "blob_key": key, "size": size, "content_type": content_type,
        "original_name": _file_name(written.title), "note": "", "uploaded_by_id": owner_id,
        "text_status": "extracted", "text": written.text, "created_at": when,
    }  # fmt: skip
    chosen_sectors = [s.id for s in sectors if s is sector or rng.random() < 0.3] if sector else []
    return _Planned(document, version, chosen_sectors, written.tags)


def _insert(planned: list[_Planned]) -> None:
    """Bulk insert one batch: documents, their versions, sectors and tags, then point each at its version."""
    from zone_networks.documents.forms import tag_slug

    document_ids = list(db.session.scalars(
        insert(Document).returning(Document.id, sort_by_parameter_order=True), [p.document for p in planned]))
    versions = [{**p.version, "document_id": document_id} for p, document_id in zip(planned, document_ids, strict=True)]
    version_ids = list(db.session.scalars(
        insert(DocumentVersion).returning(DocumentVersion.id, sort_by_parameter_order=True), versions))
    db.session.execute(update(Document), [{"id": document_id, "current_version_id": version_id}
                                          for document_id, version_id in zip(document_ids, version_ids, strict=True)])
    sectors = [{"document_id": document_id, "sector_id": sector_id}
               for p, document_id in zip(planned, document_ids, strict=True) for sector_id in p.sector_ids]
    if sectors:
        db.session.execute(insert(document_sectors), sectors)
    tags = [{"document_id": document_id, "slug": tag_slug(name), "name": name}
            for p, document_id in zip(planned, document_ids, strict=True) for name in p.tags]
    if tags:
        db.session.execute(insert(DocumentTag), tags)


def build_scale_documents(count: int, seed: int) -> ScaleSummary:
    """Make sure `count` generated documents exist (adding the missing ones), index them, and commit."""
    file = demo_file_key()
    existing = count_scale_documents(file[0])
    if existing >= count:
        return ScaleSummary(created=0, total=existing)
    networks = list(db.session.scalars(select(Network).order_by(Network.id)))
    zones = list(db.session.scalars(select(Zone).where(Zone.status == "active").order_by(Zone.number)))
    zones_for = {network.id: [zone for zone in zones if network.zone_is_eligible(zone)] or zones
                 for network in networks}
    owners = _owners()
    batch: list[_Planned] = []
    for number in range(existing + 1, count + 1):
        batch.append(_plan(number, seed, networks, zones_for, owners, file))
        if len(batch) == BATCH:
            _insert(batch)
            batch = []
    if batch:
        _insert(batch)
    db.session.commit()
    _reindex()
    return ScaleSummary(created=count - existing, total=count)


def _reindex() -> None:
    """Index every document (the bulk inserts bypassed the index's listeners), then commit."""
    from zone_networks.search.indexer import reindex

    reindex("document")
    db.session.commit()
