"""Documents and case studies for directory tests, written straight to the database (no files are stored)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy, CaseStudyRevision
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.extensions import db
from zone_networks.networks.models import Network


def network_id(slug: str) -> int:
    """The id of the network with this slug."""
    return db.session.scalars(select(Network.id).where(Network.slug == slug)).one()


def add_document(owner: User, title: str, *, network: str = "skills-forum", visibility: str = "network",
                 age_days: int = 0, versions: int = 1) -> Document:
    """A document owned by `owner` with `versions` versions (flushed; the caller commits)."""
    when = utcnow() - timedelta(days=age_days)
    document = Document(title=title, description=f"About {title}", network_id=network_id(network),
                        visibility=visibility, owner_id=owner.id, version_count=versions, updated_at=when)
    db.session.add(document)
    db.session.flush()
    for number in range(1, versions + 1):
        version = DocumentVersion(
            document_id=document.id, number=number,
            blob_key=hashlib.sha256(f"{title} {number}".encode()).hexdigest(), size=100 + number,
            content_type="text/plain", original_name=f"{title} v{number}.txt", note=f"Version {number}",
            uploaded_by_id=owner.id, text_status="extracted", text=f"Words inside {title}",
        )
        db.session.add(version)
        db.session.flush()
        document.current_version_id = version.id
    db.session.flush()
    return document


def add_case_study(author: User, title: str, *, status: str = "published", is_public: bool = False,
                   contact: User | None = None, age_days: int = 0) -> CaseStudy:
    """A case study written by `author` with one revision (flushed; the caller commits)."""
    when = utcnow() - timedelta(days=age_days)
    study = CaseStudy(
        title=title, summary=f"Summary of {title}", theme="skills", challenge=f"Challenge of {title}",
        approach=f"Approach of {title}", partners="Partners", lessons=f"Lessons of {title}",
        jobs_created=12, jobs_created_source="Our evaluation", author_id=author.id,
        contact_id=(contact or author).id, status=status, is_public=is_public, revision_count=1,
        published_at=when if status == "published" else None, updated_at=when,
    )
    db.session.add(study)
    db.session.flush()
    db.session.add(CaseStudyRevision(case_study_id=study.id, number=1, editor_id=author.id, note="Saved",
                                     snapshot={"title": title}))
    db.session.flush()
    return study
