"""Helpers for the /search page tests: searchable things made through the models (the index follows commits)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from werkzeug.test import TestResponse

from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.extensions import db
from zone_networks.meetings.minutes_models import Minutes, MinutesVersion
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, add_meeting
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector, Zone

_RESULT_TITLES = re.compile(r'<h3 class="govuk-heading-s[^"]*">\s*(.*?)\s*</h3>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def zone(slug: str) -> Zone:
    """A seeded zone by slug."""
    return db.session.execute(select(Zone).filter_by(slug=slug)).scalar_one()


def sector(slug: str) -> Sector:
    """A seeded sector by slug."""
    return db.session.execute(select(Sector).filter_by(slug=slug)).scalar_one()


def make_document(title: str, *, network_slug: str = "skills-forum", visibility: str = "network",
                  owner: User | None = None, description: str = "", text: str = "",
                  sectors: list[Sector] | None = None, commit: bool = True) -> Document:
    """A document with one version whose extracted text is `text`."""
    document = Document(title=title, description=description, network_id=network(network_slug).id,
                        visibility=visibility, owner_id=owner.id if owner else None, version_count=1)
    document.sectors = list(sectors or [])
    document.tags = []
    db.session.add(document)
    db.session.flush()
    version = DocumentVersion(document_id=document.id, number=1, blob_key="0" * 64, size=10,
                              content_type="text/plain", original_name="paper.txt",
                              uploaded_by_id=owner.id if owner else None,
                              text_status="extracted" if text else "empty", text=text)
    db.session.add(version)
    db.session.flush()
    document.current_version_id = version.id
    if commit:
        db.session.commit()
    return document


def make_case_study(title: str, *, author: User | None = None, status: str = "published", is_public: bool = False,
                    summary: str = "", approach: str = "", zones: list[Zone] | None = None,
                    sectors: list[Sector] | None = None) -> CaseStudy:
    """A case study (published to members unless told otherwise)."""
    study = CaseStudy(title=title, summary=summary, theme="skills", approach=approach, status=status,
                      is_public=is_public, author_id=author.id if author else None,
                      published_at=utcnow() if status == "published" else None)
    study.zones = list(zones or [])
    study.sectors = list(sectors or [])
    study.documents = []
    study.meetings = []
    db.session.add(study)
    db.session.commit()
    return study


def make_meeting(title: str, *, network_slug: str = "skills-forum", status: str = "scheduled",
                 is_public: bool = False, description: str = "", actor: User | None = None) -> Meeting:
    """A meeting a week from now."""
    start = (utcnow() + timedelta(days=7)).replace(microsecond=0)
    details = MeetingDetails(title=title, starts_at=start, ends_at=start + timedelta(hours=2),
                             description=description, venue="1 Victoria Street", status=status, is_public=is_public)
    meeting = add_meeting(actor, network(network_slug), details)
    db.session.commit()
    return meeting


def make_minutes(meeting: Meeting, body: str, *, status: str = "published") -> Minutes:
    """Minutes of `meeting` with one version saying `body`."""
    now = utcnow()
    minutes = Minutes(meeting_id=meeting.id, status=status,
                      published_at=now if status == "published" else None,
                      circulated_at=now if status != "draft" else None)
    db.session.add(minutes)
    db.session.flush()
    db.session.add(MinutesVersion(minutes_id=minutes.id, number=1, body=body))
    db.session.commit()
    return minutes


def result_titles(response: TestResponse) -> list[str]:
    """The titles of the results on a search page, as text (marks and links removed)."""
    assert response.status_code == 200, response.status_code
    return [" ".join(_TAGS.sub("", title).split()) for title in _RESULT_TITLES.findall(text_of(response))]


def search(client: Any, q: str, **params: Any) -> TestResponse:
    """GET /search for `q` with filters."""
    return client.get("/search", query_string={"q": q, **params})
