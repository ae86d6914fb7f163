"""Everything a person has shared, beyond the few their profile shows: their documents and case studies."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from zone_networks.accounts.models import User
from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.directory import bp, shared_work
from zone_networks.directory.visibility import can_view_person
from zone_networks.documents.labels import size_label, type_label
from zone_networks.extensions import db


def _person(person_id: int) -> User:
    """The person, if the viewer may see their profile (404 otherwise)."""
    person = db.session.get(User, person_id)
    require(person is not None and can_view_person(current_user, person))
    assert person is not None
    return person


@bp.get("/people/<int:person_id>/documents")
@login_required
def person_documents(person_id: int) -> str:
    """The documents a person has shared that the viewer may see, most recently updated first."""
    person = _person(person_id)
    documents = shared_work.documents_page(person, current_user, requested_page())
    return render_template(
        "directory/person_documents.html", person=person, documents=documents, network=None,
        pagination=pagination_params(documents, anchor="results", label=_("Pages of documents")),
        type_label=type_label, size_label=size_label,
    )


@bp.get("/people/<int:person_id>/case-studies")
@login_required
def person_case_studies(person_id: int) -> str:
    """The published case studies a person wrote or is the contact for that the viewer may see, newest first."""
    person = _person(person_id)
    case_studies = shared_work.case_studies_page(person, current_user, requested_page())
    return render_template(
        "directory/person_case_studies.html", person=person, case_studies=case_studies,
        pagination=pagination_params(case_studies, anchor="results", label=_("Pages of case studies")),
    )
