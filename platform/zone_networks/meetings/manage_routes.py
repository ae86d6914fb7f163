"""Scheduling pages for the secretariat and convenors: schedule, edit and cancel a meeting."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required
from werkzeug.wrappers import Response

from zone_networks.meetings import bp
from zone_networks.meetings.fields import add_error
from zone_networks.meetings.forms import ConfirmForm, MeetingForm, meeting_form_data, status_choices
from zone_networks.meetings.loaders import managed_meeting, managed_network, me
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, MeetingRuleError, create_meeting, update_meeting
from zone_networks.networks.models import Network

NEW_STATUSES = ("scheduled", "draft")
EDIT_STATUSES = ("draft", "scheduled", "cancelled", "held")


def _form_page(form: MeetingForm, network: Network, meeting: Meeting | None) -> tuple[str, int]:
    status = 400 if form.errors else 200
    return render_template("meetings/form.html", form=form, network=network, meeting=meeting), status


def _rule_error(form: MeetingForm, error: MeetingRuleError) -> None:
    field = getattr(form, error.field, None) or form.title
    add_error(field, error.message)


@bp.route("/networks/<slug>/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting(slug: str) -> Response | tuple[str, int]:
    """Schedule a meeting for a network (the secretariat and the network's convenors)."""
    network, _membership = managed_network(slug)
    form = MeetingForm()
    form.status.choices = status_choices(NEW_STATUSES)
    if form.validate_on_submit():
        try:
            meeting = create_meeting(me(), network, form.details())
        except MeetingRuleError as error:
            _rule_error(form, error)
        else:
            message = _("Meeting scheduled.") if meeting.status == "scheduled" else \
                _("Draft meeting saved. Only the secretariat and convenors can see it.")
            flash(message, "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id), 303)
    return _form_page(form, network, None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_meeting(meeting_id: int) -> Response | tuple[str, int]:
    """Change a meeting: move it, change its details or status (people who said yes are told)."""
    meeting, _membership = managed_meeting(meeting_id)
    form = MeetingForm() if request.method == "POST" else MeetingForm(formdata=None, data=meeting_form_data(meeting))
    form.status.choices = status_choices(EDIT_STATUSES)
    if form.validate_on_submit():
        try:
            result = update_meeting(me(), meeting, form.details())
        except MeetingRuleError as error:
            _rule_error(form, error)
        else:
            if not result.changed:
                flash(_("Nothing was changed."))
            elif result.notified:
                flash(ngettext("Meeting updated. We emailed %(num)d person who said they would come.",
                               "Meeting updated. We emailed %(num)d people who said they would come.",
                               result.notified), "success")
            else:
                flash(_("Meeting updated."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id), 303)
    return _form_page(form, meeting.network, meeting)


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_meeting(meeting_id: int) -> Response | str:
    """Confirm, then cancel a meeting; everyone who said yes is emailed."""
    meeting, _membership = managed_meeting(meeting_id)
    if meeting.status == "cancelled":
        flash(_("This meeting is already cancelled."))
        return redirect(url_for("meetings.show", meeting_id=meeting.id), 303)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("meetings/cancel.html", meeting=meeting, form=form)
    details = MeetingDetails.of(meeting)
    details.status = "cancelled"
    try:
        result = update_meeting(me(), meeting, details)
    except MeetingRuleError as error:
        flash(_("The meeting could not be cancelled: %(problem)s. Edit the meeting to fix this first.",
                problem=error.message))
        return redirect(url_for("meetings.edit_meeting", meeting_id=meeting.id), 303)
    flash(ngettext("Meeting cancelled. We emailed %(num)d person who said they would come.",
                   "Meeting cancelled. We emailed %(num)d people who said they would come.", result.notified),
          "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id), 303)
