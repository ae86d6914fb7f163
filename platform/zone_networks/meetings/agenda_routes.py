"""Agenda routes: propose an item; managers accept, decline, order and time items."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.permissions import require
from zone_networks.meetings import bp
from zone_networks.meetings.agenda_forms import AgendaItemForm, DurationForm
from zone_networks.meetings.agenda_models import AgendaItem
from zone_networks.meetings.agenda_queries import item_of, presenter_choices
from zone_networks.meetings.agenda_services import (
    AgendaError,
    Proposal,
    add_item,
    deadline_refusal,
    decide,
    move,
    set_duration,
)
from zone_networks.meetings.fields import add_error
from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.loaders import managed_meeting, me, viewable_meeting
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.papers import PaperError, PaperTooLargeError, max_bytes, size_words, store_paper


def _to_agenda(meeting: Meeting) -> Response:
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"), 303)


@bp.route("/meetings/<int:meeting_id>/agenda/new", methods=["GET", "POST"])
@login_required
def propose_agenda_item(meeting_id: int) -> Response | tuple[str, int]:
    """Propose an agenda item (invitees, before the papers deadline; managers at any time)."""
    meeting, membership = viewable_meeting(meeting_id)
    manager = meeting.can_manage(current_user, membership)
    require(manager or meeting.is_invitee(current_user, membership), 403)
    reason = deadline_refusal(meeting, manager=manager)
    if reason:
        flash(reason)
        return _to_agenda(meeting)
    people = presenter_choices(meeting.network_id)
    form = AgendaItemForm()
    form.set_members(people)
    if form.validate_on_submit():
        person = me()
        choice = form.presenter.data
        proposal = Proposal(
            title=form.title.data or "", summary=form.summary.data or "",
            presenter_id=person.id if choice == "me" else int(form.presenter_member.data or 0) if choice == "member"
            else None,
            presenter_name=form.presenter_name.data or "" if choice == "other" else "",
        )
        upload = form.paper.data
        paper = None
        if upload is not None and upload.filename:
            try:
                paper = store_paper(upload.stream, upload.filename)
            except PaperTooLargeError:
                abort(413)
            except PaperError as error:
                add_error(form.paper, error.message)
                return _form_page(meeting, form, 400)
        try:
            add_item(person, meeting, proposal, manager=manager, paper=paper)
        except AgendaError as error:
            flash(error.message)
            return _to_agenda(meeting)
        flash(_("Your item is on the agenda.") if manager
              else _("Thank you. The convenor or the secretariat will decide whether to add your item to the agenda."),
              "success")
        return _to_agenda(meeting)
    return _form_page(meeting, form, 400 if form.errors else 200)


def _form_page(meeting: Meeting, form: AgendaItemForm, status: int) -> tuple[str, int]:
    return render_template("meetings/agenda_form.html", meeting=meeting, form=form,
                           paper_limit=size_words(max_bytes())), status


def _managed_item(meeting_id: int, item_id: int) -> tuple[Meeting, AgendaItem]:
    meeting, _membership = managed_meeting(meeting_id)
    item = item_of(meeting.id, item_id)
    if item is None:
        abort(404)
    return meeting, item


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/accept", defaults={"decision": "accept"})
@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/decline", defaults={"decision": "decline"})
@login_required
def decide_agenda_item(meeting_id: int, item_id: int, decision: str) -> Response:
    """Accept an item onto the agenda or decline it (managers)."""
    meeting, item = _managed_item(meeting_id, item_id)
    _confirmed()
    decide(me(), item, decision == "accept")
    flash(_("Item accepted: it is at the end of the agenda.") if decision == "accept"
          else _("Item declined."), "success")
    return _to_agenda(meeting)


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/up", defaults={"direction": "up"})
@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/down", defaults={"direction": "down"})
@login_required
def move_agenda_item(meeting_id: int, item_id: int, direction: str) -> Response:
    """Move an accepted item one place up or down the agenda (managers)."""
    meeting, item = _managed_item(meeting_id, item_id)
    _confirmed()
    try:
        move(me(), item, direction == "up")
    except AgendaError as error:
        flash(error.message)
    return _to_agenda(meeting)


@bp.route("/meetings/<int:meeting_id>/agenda/<int:item_id>/time", methods=["GET", "POST"])
@login_required
def time_agenda_item(meeting_id: int, item_id: int) -> Response | tuple[str, int]:
    """Set how many minutes an accepted item gets (managers)."""
    meeting, item = _managed_item(meeting_id, item_id)
    if item.status != "accepted":
        abort(404)
    form = DurationForm(data={"minutes": item.duration_minutes})
    if form.validate_on_submit():
        set_duration(me(), item, int(form.minutes.data or 0))
        flash(_("Time saved."), "success")
        return _to_agenda(meeting)
    return render_template("meetings/agenda_time.html", meeting=meeting, item=item, form=form), \
        400 if form.errors else 200
