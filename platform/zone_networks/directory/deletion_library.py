"""What deleting an account does to case studies: the person stops being anyone's contact, everywhere.

Their documents and the case studies they wrote stay (other members rely on
them) and show as shared or written by "Former member", because the rows
point at the anonymised account. But a deleted person can no longer be
contacted, so case studies naming them as the contact lose the contact, and
the case studies' history (each revision keeps a snapshot naming the contact)
no longer holds their name. Runs inside the deletion's transaction.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from zone_networks.accounts.models import FORMER_MEMBER_NAME
from zone_networks.casestudies.models import CaseStudy, CaseStudyRevision
from zone_networks.extensions import db

BATCH = 500


def _scrub(snapshot: Any, person_id: int) -> Any:
    """The snapshot with the person's name replaced as contact (None when it does not name them)."""
    contact = snapshot.get("contact") if isinstance(snapshot, dict) else None
    if not isinstance(contact, dict) or contact.get("id") != person_id or contact.get("name") == FORMER_MEMBER_NAME:
        return None
    return {**snapshot, "contact": {**contact, "name": FORMER_MEMBER_NAME}}


def forget_contact(person_id: int) -> int:
    """Remove the person as contact from case studies and from their history; returns how many case studies."""
    cleared = cast("CursorResult[Any]", db.session.execute(
        update(CaseStudy).where(CaseStudy.contact_id == person_id).values(contact_id=None)
        .execution_options(synchronize_session="fetch")
    ))
    # Snapshots are JSON, queried the same way on every database: read them all, a batch at a time.
    last = 0
    while True:
        rows = list(db.session.execute(
            select(CaseStudyRevision.id, CaseStudyRevision.snapshot)
            .where(CaseStudyRevision.id > last).order_by(CaseStudyRevision.id).limit(BATCH)
        ))
        if not rows:
            break
        last = rows[-1].id
        for revision_id, snapshot in rows:
            scrubbed = _scrub(snapshot, person_id)
            if scrubbed is not None:
                db.session.execute(update(CaseStudyRevision).where(CaseStudyRevision.id == revision_id)
                                   .values(snapshot=scrubbed).execution_options(synchronize_session=False))
    return cleared.rowcount
