"""Reusable reads for case studies: who may see which, the filtered list, one case study with its links.

Lists go through `visible_to(user)`, the SQL twin of `CaseStudy.can_view`,
never through raw queries. The list page is one count and one page query plus
one query for the rows' zones; a case study page loads its links in a fixed
number of queries whatever their number.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import joinedload, lazyload, selectinload

from zone_networks.accounts.models import User
from zone_networks.casestudies.filters import CaseStudyFilters
from zone_networks.casestudies.models import (
    FIGURES,
    CaseStudy,
    CaseStudyRevision,
    case_study_sectors,
    case_study_zones,
)
from zone_networks.core.clock import utcnow
from zone_networks.core.pagination import Page, paginate
from zone_networks.documents.models import Document
from zone_networks.documents.queries import visible_to as documents_visible_to
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.queries import visible_to as meetings_visible_to
from zone_networks.networks.models import Membership
from zone_networks.zones.models import Organisation, Sector, Zone

PER_PAGE = 50
DRAFTS_SHOWN = 50  # a person's own drafts listed above the published ones
DOCUMENT_CHOICES = 50  # newest documents offered on the form
MEETING_CHOICES = 100  # most recent meetings offered on the form
MEETING_YEARS = 2  # how far back the form offers meetings


def signed_in(user: Any) -> bool:
    """Whether `user` is a signed-in, active person (not an anonymous visitor)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "active", False))


def visible_to(user: Any) -> ColumnElement[bool]:
    """A WHERE clause: the case studies `user` may see (the SQL form of `CaseStudy.can_view`)."""
    public = and_(CaseStudy.status == "published", CaseStudy.is_public.is_(True))
    if not signed_in(user):
        return public
    if user.is_staff:
        return true()
    return or_(CaseStudy.status == "published", CaseStudy.author_id == user.id)


def _has_figures() -> ColumnElement[bool]:
    return or_(*(getattr(CaseStudy, name).is_not(None) for name in FIGURES))


def _in_zones(column: Any, values: tuple[str, ...]) -> ColumnElement[bool]:
    linked = (
        select(case_study_zones.c.case_study_id)
        .join(Zone, Zone.id == case_study_zones.c.zone_id)
        .where(column.in_(values))
    )
    return CaseStudy.id.in_(linked)


def filter_clauses(viewer: Any, filters: CaseStudyFilters) -> list[ColumnElement[bool]]:
    """The WHERE clauses of the list: what the viewer may see, narrowed by the filters."""
    clauses = [visible_to(viewer)]
    staff = signed_in(viewer) and viewer.is_staff
    if not staff:
        clauses.append(CaseStudy.status == "published")  # people see their own drafts in a section of their own
    elif filters.statuses:
        clauses.append(CaseStudy.status.in_(filters.statuses))
    if filters.zones:
        clauses.append(_in_zones(Zone.slug, filters.zones))
    if filters.nations:
        clauses.append(_in_zones(Zone.nation, filters.nations))
    if filters.sectors:
        linked = (
            select(case_study_sectors.c.case_study_id)
            .join(Sector, Sector.id == case_study_sectors.c.sector_id)
            .where(Sector.slug.in_(filters.sectors))
        )
        clauses.append(CaseStudy.id.in_(linked))
    if filters.themes:
        clauses.append(CaseStudy.theme.in_(filters.themes))
    if filters.figures:
        clauses.append(_has_figures())
    if filters.q:
        from zone_networks.fulltext.engine import matching_ids

        clauses.append(CaseStudy.id.in_(matching_ids(viewer, filters.q, kind="case_study")))
    return clauses


def _newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(func.coalesce(CaseStudy.published_at, CaseStudy.updated_at).desc(), CaseStudy.id.desc())


def _with_zones(query: Select[Any]) -> Select[Any]:
    return query.options(selectinload(CaseStudy.zones).options(lazyload(Zone.sectors)))


def case_studies_page(viewer: Any, filters: CaseStudyFilters, page: int, per_page: int = PER_PAGE) -> Page[CaseStudy]:
    """One page of the case studies `viewer` may see that pass `filters`, newest first (404 past the end)."""
    clauses = filter_clauses(viewer, filters)
    query = _with_zones(_newest_first(select(CaseStudy).where(*clauses)))
    count = select(func.count(CaseStudy.id)).where(*clauses)
    return paginate(query, page, per_page, count_query=count)


def own_drafts(viewer: Any) -> list[CaseStudy]:
    """The viewer's own drafts, newest first (none for the secretariat, who see drafts in the list itself)."""
    if not signed_in(viewer) or viewer.is_staff:
        return []
    query = _with_zones(
        select(CaseStudy)
        .where(CaseStudy.author_id == viewer.id, CaseStudy.status == "draft")
        .order_by(CaseStudy.updated_at.desc(), CaseStudy.id.desc())
        .limit(DRAFTS_SHOWN)
    )
    return list(db.session.scalars(query))


def case_study_for_page(case_study_id: int) -> CaseStudy | None:
    """One case study with its zones, sectors, documents, meetings, contact and author loaded."""
    query = (
        select(CaseStudy)
        .where(CaseStudy.id == case_study_id)
        .options(
            selectinload(CaseStudy.zones).options(lazyload(Zone.sectors)),
            selectinload(CaseStudy.sectors),
            selectinload(CaseStudy.documents),
            selectinload(CaseStudy.meetings),
            joinedload(CaseStudy.contact),
            joinedload(CaseStudy.author),
        )
    )
    return db.session.scalars(query).unique().one_or_none()


def memberships_of(user: Any) -> dict[int, Membership]:
    """`user`'s memberships (any status) by network id; empty when signed out."""
    if not signed_in(user):
        return {}
    query = select(Membership).where(Membership.user_id == user.id)
    return {membership.network_id: membership for membership in db.session.scalars(query)}


def viewable_links(case_study: CaseStudy, viewer: Any) -> tuple[list[Document], list[Meeting]]:
    """The case study's documents and meetings that `viewer` may see (by each one's own predicate)."""
    memberships = memberships_of(viewer)
    documents = [document for document in case_study.documents
                 if document.can_view(viewer, memberships.get(document.network_id))]
    meetings = [meeting for meeting in case_study.meetings
                if meeting.can_view(viewer, memberships.get(meeting.network_id))]
    return documents, meetings


def document_choices(user: Any, attached: list[int]) -> list[Document]:
    """Documents `user` may attach: the newest they may see, plus those already attached that they may see."""
    newest = (
        select(Document.id).where(documents_visible_to(user))
        .order_by(Document.updated_at.desc(), Document.id.desc()).limit(DOCUMENT_CHOICES)
    )
    ids = set(db.session.scalars(newest))
    if attached:
        ids |= set(db.session.scalars(select(Document.id).where(Document.id.in_(attached), documents_visible_to(user))))
    if not ids:
        return []
    query = select(Document).where(Document.id.in_(ids)).order_by(Document.updated_at.desc(), Document.id.desc())
    return list(db.session.scalars(query).unique())


def meeting_choices(user: Any, linked: list[int]) -> list[Meeting]:
    """Meetings `user` may link: the latest they may see from the last two years, plus those already linked."""
    since = utcnow() - timedelta(days=365 * MEETING_YEARS)
    recent = (
        select(Meeting.id).where(meetings_visible_to(user), Meeting.starts_at >= since)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(MEETING_CHOICES)
    )
    ids = set(db.session.scalars(recent)) | visible_meeting_ids(user, linked)
    if not ids:
        return []
    query = select(Meeting).where(Meeting.id.in_(ids)).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return list(db.session.scalars(query).unique())


def visible_document_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of the documents `ids` `user` may see."""
    if not ids:
        return set()
    return set(db.session.scalars(select(Document.id).where(Document.id.in_(ids), documents_visible_to(user))))


def visible_meeting_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of the meetings `ids` `user` may see."""
    if not ids:
        return set()
    return set(db.session.scalars(select(Meeting.id).where(Meeting.id.in_(ids), meetings_visible_to(user))))


def contact_choices(current: int | None = None) -> list[tuple[int, str, str]]:
    """(id, name, organisation) of every active person, by name, plus the current contact if no longer active."""
    wanted = and_(User.active.is_(True), User.deleted_at.is_(None))
    if current is not None:
        wanted = or_(wanted, User.id == current)
    query = (
        select(User.id, User.name, Organisation.name)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(wanted)
        .order_by(User.sort_name, User.id)
    )
    return [(user_id, name, organisation) for user_id, name, organisation in db.session.execute(query)]


def revisions_of(case_study: CaseStudy) -> list[CaseStudyRevision]:
    """The case study's revisions, newest first, with their editors."""
    query = (
        select(CaseStudyRevision)
        .where(CaseStudyRevision.case_study_id == case_study.id)
        .options(joinedload(CaseStudyRevision.editor))
        .order_by(CaseStudyRevision.number.desc())
    )
    return list(db.session.scalars(query).unique())


def revision_pair(case_study: CaseStudy, number: int) -> tuple[CaseStudyRevision | None, CaseStudyRevision | None]:
    """Revision `number` of the case study and the one before it (either may be None)."""
    if number < 1:
        return None, None
    query = (
        select(CaseStudyRevision)
        .where(CaseStudyRevision.case_study_id == case_study.id,
               CaseStudyRevision.number.in_((number, number - 1)))
        .options(joinedload(CaseStudyRevision.editor))
    )
    found = {revision.number: revision for revision in db.session.scalars(query).unique()}
    return found.get(number), found.get(number - 1)


def zones_by_ids(ids: list[int]) -> list[Zone]:
    """The zones with these ids."""
    if not ids:
        return []
    return list(db.session.scalars(select(Zone).where(Zone.id.in_(ids)).options(lazyload(Zone.sectors))))


def sectors_by_ids(ids: list[int]) -> list[Sector]:
    """The sectors with these ids."""
    if not ids:
        return []
    return list(db.session.scalars(select(Sector).where(Sector.id.in_(ids))))


def all_zones() -> list[tuple[int, str]]:
    """(id, name) of every zone, by name."""
    return [(zone_id, name) for zone_id, name in db.session.execute(select(Zone.id, Zone.name).order_by(Zone.name))]


def all_sectors() -> list[tuple[int, str, str]]:
    """(id, slug, name) of every sector, by name."""
    query = select(Sector.id, Sector.slug, Sector.name).order_by(Sector.name)
    return [(sector_id, slug, name) for sector_id, slug, name in db.session.execute(query)]

