"""Writing case studies: the form (new and edit), publish, move back to draft, and public or members-only.

Anyone signed in may start a case study; its author and the secretariat may
change it. The buttons are POST forms with a CSRF token.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.casestudies import bp
from zone_networks.casestudies.forms import CaseStudyForm, ConfirmForm, case_study_form_data
from zone_networks.casestudies.loaders import editable_case_study, me
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import (
    all_sectors,
    all_zones,
    contact_choices,
    document_choices,
    meeting_choices,
)
from zone_networks.casestudies.services import (
    CaseStudyRuleError,
    create_case_study,
    publish,
    set_public,
    update_case_study,
    withdraw,
)
from zone_networks.core.clock import to_london
from zone_networks.meetings.fields import add_error
from zone_networks.zones.labels import sector_label


def _choices(form: CaseStudyForm, user: User, case_study: CaseStudy | None) -> dict[str, Any]:
    """Set the form's choices from what `user` may see; return the hints shown under documents and meetings."""
    attached = [document.id for document in case_study.documents] if case_study else []
    linked = [meeting.id for meeting in case_study.meetings] if case_study else []
    documents = document_choices(user, attached)
    meetings = meeting_choices(user, linked)
    contacts = contact_choices(case_study.contact_id if case_study else None)
    form.set_choices(
        zones=all_zones(),
        sectors=[(sector_id, sector_label(slug, name)) for sector_id, slug, name in all_sectors()],
        contacts=[(user_id, f"{name} ({organisation})") for user_id, name, organisation in contacts],
        documents=[(document.id, document.title) for document in documents],
        meetings=[(meeting.id, meeting.title) for meeting in meetings],
    )
    return {
        "document_hints": [{"hint": {"text": document.network.short_name}} for document in documents],
        "meeting_hints": [
            {"hint": {"text": f"{format_date(to_london(meeting.starts_at).date(), 'd MMMM yyyy')}, "
                              f"{meeting.network.short_name}"}}
            for meeting in meetings
        ],
    }


def _form_page(form: CaseStudyForm, case_study: CaseStudy | None, hints: dict[str, Any]) -> tuple[str, int]:
    status = 400 if form.errors else 200
    return render_template("casestudies/form.html", form=form, case_study=case_study, **hints), status


def _rule_error(form: CaseStudyForm, error: CaseStudyRuleError) -> None:
    add_error(getattr(form, error.field, None) or form.title, error.message)


@bp.route("/case-studies/new", methods=["GET", "POST"])
@login_required
def new() -> Response | tuple[str, int]:
    """Start a case study (saved as a draft; only its author and the secretariat see it until it is published)."""
    user = me()
    if request.method == "POST":
        form = CaseStudyForm()
    else:
        zone = user.zone
        form = CaseStudyForm(formdata=None, data={"zones": [zone.id] if zone else []})
    hints = _choices(form, user, None)
    if form.validate_on_submit():
        try:
            case_study = create_case_study(user, form.details(), form.note.data or "")
        except CaseStudyRuleError as error:
            _rule_error(form, error)
        else:
            flash(_("Case study saved as a draft. Only you and the secretariat can see it until it is published."),
                  "success")
            return redirect(url_for("casestudies.show", case_study_id=case_study.id), 303)
    return _form_page(form, None, hints)


@bp.route("/case-studies/<int:case_study_id>/edit", methods=["GET", "POST"])
@login_required
def edit(case_study_id: int) -> Response | tuple[str, int]:
    """Change a case study (its author and the secretariat); every save is kept in its history."""
    case_study = editable_case_study(case_study_id)
    if request.method == "POST":
        form = CaseStudyForm()
    else:
        form = CaseStudyForm(formdata=None, data=case_study_form_data(case_study))
    hints = _choices(form, me(), case_study)
    if form.validate_on_submit():
        try:
            changed = update_case_study(me(), case_study, form.details(), form.note.data or "")
        except CaseStudyRuleError as error:
            _rule_error(form, error)
        else:
            if changed:
                flash(_("Case study updated."), "success")
            else:
                flash(_("Nothing was changed."))
            return redirect(url_for("casestudies.show", case_study_id=case_study_id), 303)
    return _form_page(form, case_study, hints)


def _confirmed(case_study_id: int) -> CaseStudy:
    """The case study for a button, if the viewer may edit it and the CSRF token is good (else 400)."""
    case_study = editable_case_study(case_study_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    return case_study


def _back(case_study: CaseStudy) -> Response:
    return redirect(url_for("casestudies.show", case_study_id=case_study.id), 303)


@bp.post("/case-studies/<int:case_study_id>/publish")
@login_required
def publish_case_study(case_study_id: int) -> Response:
    """Publish a draft: every signed-in member can then see it (and anyone, if it is public)."""
    case_study = _confirmed(case_study_id)
    try:
        done = publish(me(), case_study)
    except CaseStudyRuleError as error:
        flash(error.message)
        return _back(case_study)
    if done:
        flash(_("Case study published.") if not case_study.is_public else
              _("Case study published. Anyone can see it, including people who are not signed in."), "success")
    return _back(case_study)


@bp.post("/case-studies/<int:case_study_id>/withdraw")
@login_required
def withdraw_case_study(case_study_id: int) -> Response:
    """Move a published case study back to draft (only its author and the secretariat then see it)."""
    case_study = _confirmed(case_study_id)
    if withdraw(me(), case_study):
        flash(_("Case study moved back to draft. Only its author and the secretariat can see it."), "success")
    return _back(case_study)


@bp.post("/case-studies/<int:case_study_id>/visibility")
@login_required
def change_visibility(case_study_id: int) -> Response:
    """Make a case study public (anyone, once published) or members-only."""
    case_study = _confirmed(case_study_id)
    public = request.form.get("public") == "yes"
    if set_public(me(), case_study, public):
        if public and case_study.is_published:
            flash(_("Case study made public. Anyone can see it, including people who are not signed in."), "success")
        elif public:
            flash(_("The case study will be public when it is published."), "success")
        else:
            flash(_("Case study made members-only. Only signed-in members can see it."), "success")
    return _back(case_study)
