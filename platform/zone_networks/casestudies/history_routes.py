"""A case study's history, for the people who may edit it: every save, and what each one said and changed.

Old revisions can name documents and meetings the viewer may no longer see,
so a revision's links are shown only where the viewer may see them now.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from zone_networks.casestudies import bp
from zone_networks.casestudies.history import changed_fields, field_label, snapshot_date
from zone_networks.casestudies.loaders import editable_case_study
from zone_networks.casestudies.models import FIGURES, CaseStudyRevision
from zone_networks.casestudies.queries import (
    revision_pair,
    revisions_of,
    visible_document_ids,
    visible_meeting_ids,
)

ACTION_LABELS = {
    "created": _l("Created"),
    "edited": _l("Edited"),
    "published": _l("Published"),
    "withdrawn": _l("Moved back to draft"),
    "made_public": _l("Made public"),
    "made_members_only": _l("Made members-only"),
}


def action_label(revision: CaseStudyRevision) -> str:
    """What a save did, in words (older or imported revisions without an action show their note)."""
    action = (revision.snapshot or {}).get("_action")
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    return revision.note or _("Saved")


@bp.get("/case-studies/<int:case_study_id>/history")
@login_required
def history(case_study_id: int) -> str:
    """Every revision of a case study: number, who, when, what it did and the note."""
    case_study = editable_case_study(case_study_id)
    return render_template("casestudies/history.html", case_study=case_study, revisions=revisions_of(case_study),
                           action_label=action_label)


def _visible_links(data: dict[str, Any]) -> dict[str, Any]:
    """The snapshot's documents and meetings the viewer may see now, and how many others it named."""
    documents = data.get("documents") or []
    meetings = data.get("meetings") or []
    document_ids = visible_document_ids(current_user, [item["id"] for item in documents])
    meeting_ids = visible_meeting_ids(current_user, [item["id"] for item in meetings])
    shown_documents = [item for item in documents if item["id"] in document_ids]
    shown_meetings = [item for item in meetings if item["id"] in meeting_ids]
    return {
        "documents": shown_documents, "hidden_documents": len(documents) - len(shown_documents),
        "meetings": shown_meetings, "hidden_meetings": len(meetings) - len(shown_meetings),
    }


@bp.get("/case-studies/<int:case_study_id>/history/<int:number>")
@login_required
def revision(case_study_id: int, number: int) -> str:
    """One revision, read-only, with the fields that changed from the revision before."""
    case_study = editable_case_study(case_study_id)
    current, previous = revision_pair(case_study, number)
    if current is None:
        abort(404)
    data = current.snapshot or {}
    changes = changed_fields(previous.snapshot if previous else None, data)
    return render_template(
        "casestudies/revision.html",
        case_study=case_study,
        revision=current,
        data=data,
        changes=[field_label(key) for key in changes],
        first=previous is None,
        action=action_label(current),
        started_on=snapshot_date(data.get("started_on")),
        ended_on=snapshot_date(data.get("ended_on")),
        figures=[name for name in FIGURES if data.get(name) is not None],
        links=_visible_links(data),
    )
