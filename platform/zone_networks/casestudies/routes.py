"""Case study pages anyone may reach: the filtered list and one case study."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from zone_networks.casestudies import bp
from zone_networks.casestudies.filters import CaseStudyFilters, Vocabulary
from zone_networks.casestudies.forms import ConfirmForm
from zone_networks.casestudies.listing import build_facets, list_url, removable
from zone_networks.casestudies.loaders import viewable_case_study
from zone_networks.casestudies.models import FIGURES
from zone_networks.casestudies.queries import case_studies_page, own_drafts, signed_in, viewable_links
from zone_networks.core.pagination import pagination_params, requested_page


@bp.get("/case-studies")
def index() -> str:
    """Published case studies (drafts too for the secretariat), newest first, with filters and search."""
    staff = signed_in(current_user) and current_user.is_staff
    vocabulary = Vocabulary.load()
    filters = CaseStudyFilters.from_args(request.args, vocabulary, staff=staff)
    page = case_studies_page(current_user, filters, requested_page())
    facets = build_facets(filters, vocabulary, staff=staff)
    return render_template(
        "casestudies/index.html",
        filters=filters,
        facets=facets,
        case_studies=page,
        drafts=own_drafts(current_user) if page.number == 1 else [],
        removable=removable(filters, facets),
        clear_url=list_url(CaseStudyFilters()),
        pagination=pagination_params(page, anchor="results", label=_("Pages of case studies")),
        can_create=signed_in(current_user),
        figures=FIGURES,
    )


@bp.get("/case-studies/<int:case_study_id>")
def show(case_study_id: int) -> str:
    """One case study: where, what, who, the outcome figures, and the documents and meetings the viewer may see."""
    case_study = viewable_case_study(case_study_id)
    documents, meetings = viewable_links(case_study, current_user)
    return render_template(
        "casestudies/show.html",
        case_study=case_study,
        documents=documents,
        meetings=meetings,
        figures=[name for name in FIGURES if getattr(case_study, name) is not None],
        can_edit=case_study.can_edit(current_user),
        show_contact=signed_in(current_user),
        form=ConfirmForm(),
    )
