"""Demo documents: real files made at demo time and uploaded as their owners would (idempotent).

Call `build_demo_documents()` after the demo people exist. Each document in
`documents.demo_content` is made (PDF, Word, Excel, PowerPoint, CSV, text),
stored through the library's own upload service (content checked, stored by
content, text extracted for search), marked `is_demo` and dated in the past
so the library looks lived in. A document is found again by its title among
the demo documents, which makes a second run a no-op; one whose owner does
not exist (no demo people) is skipped.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.documents.demo_content import DOCUMENTS, DocumentPlan, owner_email
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.documents.services import Details, add_version, upload_documents
from zone_networks.extensions import db
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector

FIRST_DAYS_AGO = 150  # the oldest demo document; each later one is a week newer
DAYS_APART = 7
VERSION_GAP_DAYS = 30  # how long before its last version a document's earlier version came


@cache
def _made(make: Callable[[], bytes]) -> bytes:
    """A demo file's bytes, made once per process (tests build the demo data many times)."""
    return make()


def _file(make: Callable[[], bytes], name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(_made(make)), filename=name)


def _backdate(document: Document, when: datetime, versions: int) -> None:
    """Date the document and its versions in the past: the last version at `when`, earlier ones before it."""
    document.created_at = when - timedelta(days=VERSION_GAP_DAYS * (versions - 1))
    document.updated_at = when
    query = select(DocumentVersion).where(DocumentVersion.document_id == document.id)
    for version in db.session.scalars(query):
        version.created_at = when - timedelta(days=VERSION_GAP_DAYS * (versions - version.number))


def _upload(plan: DocumentPlan, owner: User, networks: dict[str, int], sectors: dict[str, int],
            when: datetime) -> Document:
    details = Details(
        title=plan.title, description=plan.description, network_id=networks[plan.network],
        visibility=plan.visibility, sector_ids=[sectors[slug] for slug in plan.sectors if slug in sectors],
        tag_names=list(plan.tags),
    )
    [document] = upload_documents(owner, details, [_file(plan.make, plan.filename)])
    for make, note in plan.later:
        add_version(owner, document, _file(make, plan.filename), note)
    document.is_demo = True
    _backdate(document, when, 1 + len(plan.later))
    return document


def build_demo_documents(now: datetime | None = None) -> int:
    """Add the demo documents that are missing; returns how many were made (0 on a second run)."""
    moment = now or utcnow()
    existing = set(db.session.scalars(select(Document.title).where(Document.is_demo.is_(True))))
    wanted = [(index, plan) for index, plan in enumerate(DOCUMENTS) if plan.title not in existing]
    if not wanted:
        return 0
    emails = {owner_email(plan.owner) for _index, plan in wanted}
    owners = {user.email: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))}
    networks = {slug: network_id for network_id, slug in db.session.execute(select(Network.id, Network.slug))}
    sectors = {slug: sector_id for sector_id, slug in db.session.execute(select(Sector.id, Sector.slug))}
    made = 0
    for index, plan in wanted:
        owner = owners.get(owner_email(plan.owner))
        if owner is None or plan.network not in networks:
            continue
        when = moment - timedelta(days=FIRST_DAYS_AGO - DAYS_APART * index)
        _upload(plan, owner, networks, sectors, when)
        made += 1
    db.session.commit()  # the demo marks and dates, all at once
    return made
