"""Writing case studies: create, edit, publish, move back to draft, make public or members-only.

Every save writes a CaseStudyRevision with a snapshot of every field and bumps
`revision_count`, in the same transaction as the change, and keeps
`updated_at` current. The secretariat's actions on someone else's case study
(and their publishing decisions) are audited. Rule breaches raise
CaseStudyRuleError(field, message): the message is safe to show and `field`
names the form field it belongs to; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.casestudies import queries
from zone_networks.casestudies.history import changed_fields, snapshot
from zone_networks.casestudies.labels import figure_label
from zone_networks.casestudies.models import FIGURES, THEMES, CaseStudy, CaseStudyRevision
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.zones.models import Sector, Zone

TITLE_MAX = 200
SUMMARY_MAX = 500
TEXT_MAX = 20_000
SOURCE_MAX = 300
NOTE_MAX = 300
COUNT_MAX = 10_000_000  # people or businesses: far above any zone's real figure
MONEY_MAX = 1_000_000_000_000  # £1 trillion, in whole pounds
# What must be filled in before a case study is published, and what to say when it is not.
MISSING_TO_PUBLISH = {
    "summary": _l("Add a summary before you publish the case study"),
    "challenge": _l("Add the challenge before you publish the case study"),
    "approach": _l("Add what was done before you publish the case study"),
}


class CaseStudyRuleError(Exception):
    """A case study the rules do not allow; `field` is the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class CaseStudyDetails:
    """Everything an author sets on a case study (the links as ids)."""

    title: str
    zone_ids: list[int]
    theme: str = "other"
    summary: str = ""
    challenge: str = ""
    approach: str = ""
    partners: str = ""
    lessons: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    jobs_created: int | None = None
    jobs_created_source: str = ""
    investment_gbp: int | None = None
    investment_gbp_source: str = ""
    people_trained: int | None = None
    people_trained_source: str = ""
    businesses_supported: int | None = None
    businesses_supported_source: str = ""
    contact_id: int | None = None
    sector_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    meeting_ids: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, case_study: CaseStudy) -> CaseStudyDetails:
        """The details a case study has now (its links must be loaded)."""
        columns = {name: getattr(case_study, name) for name in SCALAR_FIELDS}
        return cls(
            **columns,
            zone_ids=[zone.id for zone in case_study.zones],
            sector_ids=[sector.id for sector in case_study.sectors],
            document_ids=[document.id for document in case_study.documents],
            meeting_ids=[meeting.id for meeting in case_study.meetings],
        )


SCALAR_FIELDS = (
    "title", "theme", "summary", "challenge", "approach", "partners", "lessons", "started_on", "ended_on",
    *[name for figure in FIGURES for name in (figure, f"{figure}_source")], "contact_id",
)
TEXT_LIMITS = {"challenge": TEXT_MAX, "approach": TEXT_MAX, "partners": TEXT_MAX, "lessons": TEXT_MAX}


def figure_limit(name: str) -> int:
    """The largest value an outcome figure may take."""
    return MONEY_MAX if name == "investment_gbp" else COUNT_MAX


def validate(details: CaseStudyDetails) -> None:
    """Check the details; raise CaseStudyRuleError for the first problem."""
    if not details.title:
        raise CaseStudyRuleError("title", _("Enter a title"))
    if len(details.title) > TITLE_MAX:
        raise CaseStudyRuleError("title", _("Title must be 200 characters or fewer"))
    if len(details.summary) > SUMMARY_MAX:
        raise CaseStudyRuleError("summary", _("Summary must be 500 characters or fewer"))
    if not details.zone_ids:
        raise CaseStudyRuleError("zones", _("Select at least one zone"))
    if details.theme not in THEMES:
        raise CaseStudyRuleError("theme", _("Select a theme"))
    for name, limit in TEXT_LIMITS.items():
        if len(getattr(details, name)) > limit:
            raise CaseStudyRuleError(name, _("This must be 20,000 characters or fewer"))
    if details.started_on and details.ended_on and details.ended_on < details.started_on:
        raise CaseStudyRuleError("ended_on", _("End date must be the same as or after the start date"))
    for name in FIGURES:
        value = getattr(details, name)
        source = getattr(details, f"{name}_source")
        what = figure_label(name).lower()
        if value is not None and not 0 <= value <= figure_limit(name):
            raise CaseStudyRuleError(name, _("%(figure)s must be between 0 and %(limit)s", figure=figure_label(name),
                                             limit=f"{figure_limit(name):,}"))
        if len(source) > SOURCE_MAX:
            raise CaseStudyRuleError(f"{name}_source", _("Source must be 300 characters or fewer"))
        if value is not None and not source:
            raise CaseStudyRuleError(f"{name}_source", _("Enter where the figure for %(what)s comes from", what=what))
        if value is None and source:
            raise CaseStudyRuleError(name, _("Enter the figure for %(what)s, or remove its source", what=what))


def _clean(details: CaseStudyDetails) -> CaseStudyDetails:
    for name in ("title", "summary", "challenge", "approach", "partners", "lessons",
                 *(f"{figure}_source" for figure in FIGURES)):
        setattr(details, name, (getattr(details, name) or "").strip())
    for name in ("zone_ids", "sector_ids", "document_ids", "meeting_ids"):
        setattr(details, name, sorted(set(getattr(details, name))))
    return details


def _load(model: Any, ids: list[int], field_name: str, message: str) -> list[Any]:
    if not ids:
        return []
    found = list(db.session.scalars(select(model).where(model.id.in_(ids))).unique())
    if len(found) != len(ids):
        raise CaseStudyRuleError(field_name, message)
    return found


def _contact(details: CaseStudyDetails, current_id: int | None) -> User | None:
    if details.contact_id is None:
        return None
    person = db.session.get(User, details.contact_id)
    usable = person is not None and ((person.active and person.deleted_at is None) or person.id == current_id)
    if not usable:
        raise CaseStudyRuleError("contact_id", _("Select a contact person from the list"))
    return person


def _links(actor: User, chosen: list[int], existing: list[int], visible: Any, field_name: str) -> list[int]:
    """The ids to link: those chosen (each new one must be visible to `actor`) plus linked ones `actor` cannot see.

    The form offers only what the editor may see, so a link someone else made to
    a document or meeting the editor cannot see is kept rather than dropped.
    """
    added = sorted(set(chosen) - set(existing))
    if added and visible(actor, added) != set(added):
        raise CaseStudyRuleError(field_name, _("Select from the list"))
    hidden = set(existing) - visible(actor, existing)
    return sorted(set(chosen) | hidden)


def _apply(actor: User, case_study: CaseStudy, details: CaseStudyDetails, *, existing: CaseStudyDetails | None) -> None:
    """Validate `details` and set them on `case_study` (links loaded, or a new object)."""
    _clean(details)
    validate(details)
    zones = _load(Zone, details.zone_ids, "zones", _("Select at least one zone"))
    sectors = _load(Sector, details.sector_ids, "sectors", _("Select sectors from the list"))
    document_ids = _links(actor, details.document_ids, existing.document_ids if existing else [],
                          queries.visible_document_ids, "documents")
    meeting_ids = _links(actor, details.meeting_ids, existing.meeting_ids if existing else [],
                         queries.visible_meeting_ids, "meetings")
    contact = _contact(details, existing.contact_id if existing else None)
    documents = _load(Document, document_ids, "documents", _("Select from the list"))
    meetings = _load(Meeting, meeting_ids, "meetings", _("Select from the list"))
    # Everything is checked before anything is set, so a refused save leaves the case study as it was.
    for name in SCALAR_FIELDS:
        if name != "contact_id":
            setattr(case_study, name, getattr(details, name))
    case_study.contact = contact
    case_study.zones = zones
    case_study.sectors = sectors
    case_study.documents = documents
    case_study.meetings = meetings


def _revise(actor: User, case_study: CaseStudy, action: str, note: str = "") -> CaseStudyRevision:
    """Add the next revision (a snapshot of the fields now) and keep `updated_at` current."""
    case_study.updated_at = utcnow()
    # Incremented in SQL, so two saves at once cannot both take the same number.
    case_study.revision_count = CaseStudy.revision_count + 1
    db.session.flush()
    data = snapshot(case_study)
    data["_action"] = action
    revision = CaseStudyRevision(case_study_id=case_study.id, number=case_study.revision_count,
                                 editor_id=actor.id, note=note.strip()[:NOTE_MAX], snapshot=data)
    db.session.add(revision)
    return revision


def _staff_acting(actor: User, case_study: CaseStudy, *, always: bool) -> bool:
    """Whether to audit: the secretariat's publishing decisions always, their edits of other people's case studies."""
    return bool(actor.is_staff) and (always or case_study.author_id != actor.id)


def create_case_study(actor: User, details: CaseStudyDetails, note: str = "", *, commit: bool = True) -> CaseStudy:
    """Save a new case study as a draft by `actor`, with its first revision.

    With commit=False the caller commits (the challenge write-up links the new
    case study to its challenge in the same transaction).
    """
    case_study = CaseStudy(author_id=actor.id, author=actor, status="draft", is_public=False, revision_count=0,
                           zones=[], sectors=[], documents=[], meetings=[])
    _apply(actor, case_study, details, existing=None)
    db.session.add(case_study)
    db.session.flush()
    _revise(actor, case_study, "created", note)
    if commit:
        db.session.commit()
    return case_study


def update_case_study(actor: User, case_study: CaseStudy, details: CaseStudyDetails, note: str = "") -> list[str]:
    """Change a case study's fields; returns the names of the fields that changed (none: nothing written)."""
    before = snapshot(case_study)
    existing = CaseStudyDetails.of(case_study)
    _apply(actor, case_study, details, existing=existing)
    changed = changed_fields(before, snapshot(case_study))
    if not changed:
        db.session.rollback()
        return []
    _revise(actor, case_study, "edited", note)
    if _staff_acting(actor, case_study, always=False):
        record(actor, "case_study.edited", "case_study", case_study.id, title=case_study.title, changed=changed)
    db.session.commit()
    return changed


def publish(actor: User, case_study: CaseStudy) -> bool:
    """Publish a draft (members see it; anyone too if it is public); False if it was already published."""
    if case_study.is_published:
        return False
    for name, message in MISSING_TO_PUBLISH.items():
        if not getattr(case_study, name).strip():
            raise CaseStudyRuleError(name, str(message))
    case_study.status = "published"
    if case_study.published_at is None:
        case_study.published_at = utcnow()
    _revise(actor, case_study, "published")
    if _staff_acting(actor, case_study, always=True):
        record(actor, "case_study.published", "case_study", case_study.id, title=case_study.title)
    db.session.commit()
    return True


def withdraw(actor: User, case_study: CaseStudy) -> bool:
    """Move a published case study back to draft; False if it was a draft already."""
    if not case_study.is_published:
        return False
    case_study.status = "draft"
    _revise(actor, case_study, "withdrawn")
    if _staff_acting(actor, case_study, always=True):
        record(actor, "case_study.withdrawn", "case_study", case_study.id, title=case_study.title)
    db.session.commit()
    return True


def set_public(actor: User, case_study: CaseStudy, public: bool) -> bool:
    """Make a case study public (seen by anyone once published) or members-only; False if nothing changed."""
    if case_study.is_public == public:
        return False
    case_study.is_public = public
    _revise(actor, case_study, "made_public" if public else "made_members_only")
    if _staff_acting(actor, case_study, always=True):
        record(actor, "case_study.made_public" if public else "case_study.made_members_only", "case_study",
               case_study.id, title=case_study.title)
    db.session.commit()
    return True

