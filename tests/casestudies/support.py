"""Helpers for the case study tests: case studies, documents and meetings made directly, and the form's data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy, CaseStudyRevision
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, add_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector, Zone


def zone(slug: str) -> Zone:
    """A seeded zone by slug."""
    return db.session.execute(select(Zone).filter_by(slug=slug)).scalar_one()


def sector(slug: str) -> Sector:
    """A seeded sector by slug."""
    return db.session.execute(select(Sector).filter_by(slug=slug)).scalar_one()


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def make_case_study(author: User | None, *, zones: tuple[str, ...] = ("humber-freeport",),
                    sectors: tuple[str, ...] = (), status: str = "published", is_public: bool = False,
                    title: str = "Offshore wind skills",
                    documents: tuple[Document, ...] = (), meetings: tuple[Meeting, ...] = (),
                    commit: bool = True, **fields: Any) -> CaseStudy:
    """A case study made directly with the model (no revision), committed."""
    values: dict[str, Any] = {
        "summary": "A training centre for wind turbine technicians.", "theme": "skills",
        "challenge": "Too few **technicians**.", "approach": "We built a centre.",
    }
    values.update(fields)
    now = utcnow()
    case_study = CaseStudy(
        title=title, author_id=author.id if author else None, status=status, is_public=is_public,
        published_at=now if status == "published" else None, updated_at=now, revision_count=0,
        zones=[zone(slug) for slug in zones], sectors=[sector(slug) for slug in sectors],
        documents=list(documents), meetings=list(meetings), **values,
    )
    db.session.add(case_study)
    if commit:
        db.session.commit()
    return case_study


def make_document(network_slug: str, *, title: str = "Skills plan", visibility: str = "network",
                  owner: User | None = None) -> Document:
    """A document (without a file: the case study pages only need its title and network), committed."""
    document = Document(title=title, network_id=network(network_slug).id, visibility=visibility,
                        owner_id=owner.id if owner else None, version_count=0, updated_at=utcnow())
    db.session.add(document)
    db.session.commit()
    return document


def make_meeting(actor: User, network_slug: str = "skills-forum", *, days: int = -30, title: str = "Skills Forum",
                 **fields: Any) -> Meeting:
    """A meeting `days` from today (past by default), 10:00 to 12:00 UK time, committed."""
    day = london_today() + timedelta(days=days)
    values: dict[str, Any] = {
        "title": title, "starts_at": london_to_utc(day, time(10)), "ends_at": london_to_utc(day, time(12)),
        "format": "in_person", "venue": "1 Victoria Street", "status": "held" if days < 0 else "scheduled",
    }
    values.update(fields)
    meeting = add_meeting(actor, network(network_slug), MeetingDetails(**values))
    db.session.commit()
    return meeting


def date_parts(day: date | None) -> list[str]:
    """A date as the three boxes of the GOV.UK date input."""
    return ["", "", ""] if day is None else [str(day.day), str(day.month), str(day.year)]


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid case study form post (Humber, skills, no figures); override any field (dates as date or None)."""
    data: dict[str, Any] = {
        "title": "Offshore wind skills centre", "summary": "Training turbine technicians with Siemens Gamesa.",
        "zones": [str(zone("humber-freeport").id)], "theme": "skills",
        "challenge": "Not enough technicians.", "approach": "A new centre.", "partners": "", "lessons": "",
        "started_on": date_parts(None), "ended_on": date_parts(None),
        "jobs_created": "", "jobs_created_source": "", "investment_gbp": "", "investment_gbp_source": "",
        "people_trained": "", "people_trained_source": "", "businesses_supported": "",
        "businesses_supported_source": "", "contact_id": "", "note": "",
    }
    for key, value in overrides.items():
        data[key] = date_parts(value) if key.endswith("_on") and (value is None or isinstance(value, date)) else value
    return data


def case_study_count() -> int:
    """How many case studies there are."""
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(CaseStudy.id))) or 0)


def revisions(case_study_id: int) -> list[CaseStudyRevision]:
    """A case study's revisions, oldest first, read fresh."""
    db.session.expire_all()
    query = select(CaseStudyRevision).where(CaseStudyRevision.case_study_id == case_study_id) \
        .order_by(CaseStudyRevision.number)
    return list(db.session.scalars(query))


def fresh(case_study_id: int) -> CaseStudy:
    """The case study read fresh from the database."""
    db.session.expire_all()
    case_study = db.session.get(CaseStudy, case_study_id)
    assert case_study is not None
    return case_study


def at(day: date, hour: int = 10) -> datetime:
    """A UK date and hour as UTC."""
    return london_to_utc(day, time(hour))
