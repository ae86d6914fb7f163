"""What a person has shared, as the viewer may see it: their documents and case studies.

The profile page shows the latest few of each as a section (one query each,
whatever the number); the "more" pages list them all, a page at a time. Both
go through the features' own `visible_to(viewer)` rules, never raw queries:
documents the person owns that the viewer may see, and published case
studies the person wrote or is the contact for that the viewer may see.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from zone_networks.accounts.models import User
from zone_networks.casestudies.labels import theme_label
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import visible_to as case_studies_visible_to
from zone_networks.core.clock import to_london
from zone_networks.core.pagination import Page, paginate
from zone_networks.directory.sections import ProfileSection, SectionItem
from zone_networks.documents.models import Document
from zone_networks.documents.queries import visible_to as documents_visible_to
from zone_networks.extensions import db
from zone_networks.zones.models import Zone

SECTION_ITEMS = 10  # shown on the profile; the "more" link appears when there are more
PER_PAGE = 50


def _day(value: Any) -> str:
    return str(format_date(to_london(value).date(), "d MMMM yyyy")) if value is not None else ""


def _documents_where(person: User, viewer: Any) -> list[Any]:
    return [Document.owner_id == person.id, documents_visible_to(viewer)]


def _case_studies_where(person: User, viewer: Any) -> list[Any]:
    return [
        CaseStudy.status == "published",
        or_(CaseStudy.author_id == person.id, CaseStudy.contact_id == person.id),
        case_studies_visible_to(viewer),
    ]


def documents_by(person: User, viewer: Any) -> Select[Any]:
    """The documents `person` owns that `viewer` may see, most recently updated first (network joined)."""
    return (
        select(Document).where(*_documents_where(person, viewer))
        .order_by(Document.updated_at.desc(), Document.id.desc())
    )


def case_studies_by(person: User, viewer: Any) -> Select[Any]:
    """The published case studies `person` wrote or is the contact for that `viewer` may see, newest first."""
    return (
        select(CaseStudy).where(*_case_studies_where(person, viewer))
        .order_by(CaseStudy.published_at.desc(), CaseStudy.id.desc())
    )


def documents_section(person: User, viewer: Any) -> ProfileSection | None:
    """The profile's "Documents" section: the latest documents `person` owns that `viewer` may see (one query)."""
    found = list(db.session.scalars(documents_by(person, viewer).limit(SECTION_ITEMS + 1)).unique())
    if not found:
        return None
    items = tuple(
        SectionItem(document.title, url_for("documents.show", document_id=document.id),
                    _("%(network)s, updated %(date)s", network=document.network.short_name,
                      date=_day(document.updated_at)))
        for document in found[:SECTION_ITEMS]
    )
    more = len(found) > SECTION_ITEMS
    return ProfileSection(
        key="documents", heading=_("Documents"), items=items,
        more_text=_("See all documents shared by %(name)s", name=person.name) if more else "",
        more_href=url_for("directory.person_documents", person_id=person.id) if more else None,
    )


def case_studies_section(person: User, viewer: Any) -> ProfileSection | None:
    """The profile's "Case studies" section: the latest published ones they wrote or are the contact for (one query)."""
    found = list(db.session.scalars(case_studies_by(person, viewer).limit(SECTION_ITEMS + 1)))
    if not found:
        return None
    items = []
    for study in found[:SECTION_ITEMS]:
        detail = _("%(theme)s, published %(date)s", theme=theme_label(study.theme), date=_day(study.published_at))
        if study.author_id != person.id:
            detail = _("%(detail)s (named as the contact)", detail=detail)
        if study.is_demo:
            detail = _("%(detail)s. Demo content", detail=detail)
        items.append(SectionItem(study.title, url_for("casestudies.show", case_study_id=study.id), detail))
    more = len(found) > SECTION_ITEMS
    return ProfileSection(
        key="case-studies", heading=_("Case studies"), items=tuple(items),
        more_text=_("See all case studies by %(name)s", name=person.name) if more else "",
        more_href=url_for("directory.person_case_studies", person_id=person.id) if more else None,
    )


def documents_page(person: User, viewer: Any, page: int) -> Page[Document]:
    """One page of the documents `person` owns that `viewer` may see, with their current files (two queries)."""
    query = documents_by(person, viewer).options(joinedload(Document.current_version))
    count = select(func.count(Document.id)).where(*_documents_where(person, viewer))
    return paginate(query, page, PER_PAGE, count_query=count)


def case_studies_page(person: User, viewer: Any, page: int) -> Page[CaseStudy]:
    """One page of the case studies in `person`'s section, with their zones (three queries)."""
    query = case_studies_by(person, viewer).options(selectinload(CaseStudy.zones).options(lazyload(Zone.sectors)))
    count = select(func.count(CaseStudy.id)).where(*_case_studies_where(person, viewer))
    return paginate(query, page, PER_PAGE, count_query=count)
