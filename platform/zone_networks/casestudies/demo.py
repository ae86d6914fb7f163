"""Demo case studies: the Action Plan's real examples, written by demo leads (idempotent: a second run adds nothing).

Call `build_demo_case_studies()` after the demo people, meetings and documents
exist. What each case study says is in `casestudies.demo_content`. Each is
written by the planned lead of its first zone (and names another lead of that
zone as the contact when the plan says so), carries `is_demo`, and gets one
revision, as a case study saved through the service does. A case study is
found again by its title among the demo case studies, which is what makes a
second run a no-op. Those whose author does not exist (no demo people) are
skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.casestudies.demo_content import CASE_STUDIES
from zone_networks.casestudies.demo_plan import (
    FORUM_HELD,
    INNOVATION_HELD,
    NET_ZERO_HELD,
    CaseStudyPlan,
)
from zone_networks.casestudies.history import snapshot
from zone_networks.casestudies.models import CaseStudy, CaseStudyRevision
from zone_networks.core.clock import utcnow
from zone_networks.documents.demo_content import lead_email
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.meetings.demo import FORUM_UID, INNOVATION_UID, NET_ZERO_UIDS
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.zones.models import Sector, Zone


def _held_meetings(now: datetime) -> dict[str, Meeting]:
    """The demo meetings case studies link to, by the keys demo_content uses (missing ones left out)."""
    found: dict[str, Meeting] = {}
    for key, uid in ((FORUM_HELD, FORUM_UID), (INNOVATION_HELD, INNOVATION_UID)):
        query = (
            select(Meeting).join(MeetingSeries, Meeting.series_id == MeetingSeries.id)
            .where(MeetingSeries.uid == uid, Meeting.starts_at < now)
            .order_by(Meeting.starts_at.desc()).limit(1)
        )
        meeting = db.session.scalars(query).first()
        if meeting is not None:
            found[key] = meeting
    net_zero = db.session.scalars(select(Meeting).where(Meeting.uid == NET_ZERO_UIDS[0])).first()
    if net_zero is not None:
        found[NET_ZERO_HELD] = net_zero
    return found


def _people(plans: tuple[CaseStudyPlan, ...]) -> dict[str, User]:
    emails = set()
    for plan in plans:
        emails.add(lead_email(plan.author, plan.zones[0]))
        if plan.contact:
            emails.add(lead_email(plan.contact, plan.zones[0]))
    return {user.email: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))}


def _make(plan: CaseStudyPlan, author: User, contact: User, refs: dict[str, Any], now: datetime) -> CaseStudy:
    """One case study with its zones, sectors, links and first revision (added to the session)."""
    when = now - timedelta(days=plan.days_ago)
    zones = [refs["zones"][slug] for slug in plan.zones if slug in refs["zones"]]
    sectors = [refs["sectors"][name] for name in plan.sectors if name in refs["sectors"]]
    study = CaseStudy(
        title=plan.title, summary=plan.summary, theme=plan.theme, challenge=plan.challenge,
        approach=plan.approach, partners=plan.partners, lessons=plan.lessons, author=author, contact=contact,
        status=plan.status, is_public=plan.is_public, is_demo=True, revision_count=1,
        published_at=when if plan.status == "published" else None, updated_at=when, created_at=when,
    )
    for name, (value, source) in plan.figures.items():
        setattr(study, name, value)
        setattr(study, f"{name}_source", source)
    study.zones = zones
    study.sectors = sectors
    study.documents = sorted((refs["documents"][title] for title in plan.documents if title in refs["documents"]),
                             key=lambda document: document.title)
    study.meetings = sorted((refs["meetings"][key] for key in plan.meetings if key in refs["meetings"]),
                            key=lambda meeting: meeting.starts_at)
    note = "Published" if plan.status == "published" else "First draft"
    study.revisions = [CaseStudyRevision(number=1, editor_id=author.id, note=note, created_at=when,
                                         snapshot=snapshot(study))]
    db.session.add(study)
    return study


def build_demo_case_studies(now: datetime | None = None) -> int:
    """Add the demo case studies that are missing, then commit; returns how many were made (0 on a second run)."""
    moment = now or utcnow()
    existing = set(db.session.scalars(select(CaseStudy.title).where(CaseStudy.is_demo.is_(True))))
    wanted = tuple(plan for plan in CASE_STUDIES if plan.title not in existing)
    if not wanted:
        return 0
    people = _people(wanted)
    titles = {title for plan in wanted for title in plan.documents}
    refs: dict[str, Any] = {
        "zones": {zone.slug: zone for zone in db.session.scalars(select(Zone))},
        "sectors": {sector.name: sector for sector in db.session.scalars(select(Sector))},
        "documents": {document.title: document for document in db.session.scalars(
            select(Document).where(Document.is_demo.is_(True), Document.title.in_(titles)))},
        "meetings": _held_meetings(moment),
    }
    made = 0
    for plan in wanted:
        author = people.get(lead_email(plan.author, plan.zones[0]))
        if author is None:
            continue
        contact = people.get(lead_email(plan.contact, plan.zones[0])) if plan.contact else None
        _make(plan, author, contact or author, refs, moment)
        made += 1
    db.session.commit()
    return made
