"""A case study's history: the snapshot each save keeps, and what changed between two snapshots.

A snapshot is a plain JSON dict of every field: the text and figures as they
were, dates as ISO strings, and the linked zones, sectors, documents, meetings
and contact as ids with the names they had then (the ids decide whether a link
changed; the names are for reading an old revision after a rename or removal).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from zone_networks.casestudies.labels import FIGURE_LABELS, FIGURE_PHRASES
from zone_networks.casestudies.models import FIGURES, CaseStudy
from zone_networks.core.clock import to_london

TEXT_FIELDS = ("title", "summary", "theme", "challenge", "approach", "partners", "lessons")
LINK_FIELDS = ("zones", "sectors", "documents", "meetings")

# Every snapshot key, in the order the page lists changes, with its words.
FIELD_LABELS: dict[str, Any] = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "zones": _l("Zones"),
    "sectors": _l("Sectors"),
    "theme": _l("Theme"),
    "challenge": _l("The challenge"),
    "approach": _l("What was done"),
    "partners": _l("Partners"),
    "started_on": _l("Start date"),
    "ended_on": _l("End date"),
    **{name: FIGURE_LABELS[name] for name in FIGURES},
    **{f"{name}_source": _l("Source of the figure for %(what)s", what=FIGURE_PHRASES[name]) for name in FIGURES},
    "lessons": _l("Lessons"),
    "contact": _l("Contact person"),
    "documents": _l("Attached documents"),
    "meetings": _l("Linked meetings"),
    "status": _l("Status"),
    "is_public": _l("Who can see it"),
}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def snapshot(case_study: CaseStudy) -> dict[str, Any]:
    """Every field of `case_study` as JSON-ready values (its links must be loaded)."""
    data: dict[str, Any] = {name: getattr(case_study, name) for name in TEXT_FIELDS}
    data["started_on"] = _iso(case_study.started_on)
    data["ended_on"] = _iso(case_study.ended_on)
    for name in FIGURES:
        data[name] = getattr(case_study, name)
        data[f"{name}_source"] = getattr(case_study, f"{name}_source")
    contact = case_study.contact
    data["contact"] = {"id": contact.id, "name": contact.name} if contact is not None else None
    data["zones"] = [{"id": zone.id, "name": zone.name} for zone in case_study.zones]
    data["sectors"] = [{"id": sector.id, "name": sector.name} for sector in case_study.sectors]
    data["documents"] = [{"id": document.id, "title": document.title} for document in case_study.documents]
    data["meetings"] = [
        {"id": meeting.id, "title": meeting.title, "starts_on": _iso(to_london(meeting.starts_at).date())}
        for meeting in case_study.meetings
    ]
    data["status"] = case_study.status
    data["is_public"] = bool(case_study.is_public)
    return data


def _comparable(key: str, value: Any) -> Any:
    """What decides whether a value changed: ids for links and the contact, the value itself otherwise."""
    if key in LINK_FIELDS:
        return sorted(item.get("id") for item in value or [])
    if key == "contact":
        return value.get("id") if value else None
    return value


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    """The snapshot keys whose values differ between `before` and `after`, in page order (all set ones if no before)."""
    if before is None:
        return [key for key in FIELD_LABELS if after.get(key) not in (None, "", [], False)]
    return [key for key in FIELD_LABELS if _comparable(key, before.get(key)) != _comparable(key, after.get(key))]


def field_label(key: str) -> str:
    """The words for a snapshot key."""
    return str(FIELD_LABELS.get(key, key))


def snapshot_date(value: str | None) -> date | None:
    """A snapshot's ISO date back as a date (None when missing or unreadable)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
