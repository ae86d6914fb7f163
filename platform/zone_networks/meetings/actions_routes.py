"""Action routes: record actions at a meeting, change their status, a network's action log, and home-page actions."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from zone_networks.accounts.models import User
from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.extensions import db
from zone_networks.meetings import bp
from zone_networks.meetings.action_models import ACTION_STATUSES, ActionItem
from zone_networks.meetings.actions_forms import ActionForm, ActionStatusForm, LogFilterForm
from zone_networks.meetings.actions_queries import (
    LogFilters,
    action_in,
    action_log,
    log_meetings,
    log_zones,
    my_open_actions,
)
from zone_networks.meetings.actions_services import add_action, set_status
from zone_networks.meetings.agenda_queries import presenter_choices
from zone_networks.meetings.labels import long_date
from zone_networks.meetings.loaders import managed_meeting, me, network_or_404, viewable_meeting
from zone_networks.meetings.models import is_invitee, manages_network, signed_in
from zone_networks.meetings.queries import membership_in
from zone_networks.meetings.times import london_today


@bp.app_template_global("my_open_actions")
def my_open_actions_global() -> list[ActionItem]:
    """The signed-in person's open actions (for the home page)."""
    return my_open_actions(current_user) if signed_in(current_user) else []


@bp.route("/meetings/<int:meeting_id>/actions/new", methods=["GET", "POST"])
@login_required
def new_action(meeting_id: int) -> Response | tuple[str, int]:
    """Record an action at the meeting (managers)."""
    meeting, _membership = managed_meeting(meeting_id)
    people = presenter_choices(meeting.network_id)
    form = ActionForm()
    form.set_people(people)
    if form.validate_on_submit():
        owner = db.session.get(User, int(form.owner.data or 0))
        assert owner is not None
        add_action(me(), meeting, form.description.data or "", owner, form.due.data)
        flash(_("Action recorded."), "success")
        return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="actions"), 303)
    return render_template("meetings/actions_form.html", meeting=meeting, form=form), 400 if form.errors else 200


@bp.route("/meetings/<int:meeting_id>/actions/<int:action_id>/status", methods=["GET", "POST"])
@login_required
def action_status(meeting_id: int, action_id: int) -> Response | tuple[str, int]:
    """Mark an action open, done or dropped (its owner and the meeting's managers)."""
    meeting, membership = viewable_meeting(meeting_id)
    action = action_in(meeting.id, action_id)
    if action is None:
        abort(404)
    manager = meeting.can_manage(current_user, membership)
    require(manager or meeting.is_invitee(current_user, membership) or action.owner_id == current_user.id)
    require(manager or action.owner_id == current_user.id, 403)
    form = ActionStatusForm(data={"status": action.status})
    if form.validate_on_submit():
        set_status(me(), action, form.status.data or "open")
        flash(_("Action updated."), "success")
        return redirect(_back(meeting.id), 303)
    return render_template("meetings/actions_status.html", meeting=meeting, action=action, form=form,
                           back=_back(meeting.id)), 400 if form.errors else 200


def _back(meeting_id: int) -> str:
    """Where to go after a status change: the page the person came from (home or the log), else the meeting."""
    back = request.args.get("back", "")
    if back == "home":
        return url_for("networks.home")
    return url_for("meetings.show", meeting_id=meeting_id, _anchor="actions")


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/networks/<slug>/actions")
@login_required
def action_log_page(slug: str) -> str:
    """A network's action log, filtered by zone, status and meeting (the network's members and the staff)."""
    network = network_or_404(slug)
    membership = membership_in(current_user, network.id)
    require(is_invitee(current_user, membership, network.id), 403)
    status = request.args.get("status", "")
    filters = LogFilters(zone_id=_int_arg("zone"), status=status if status in ACTION_STATUSES else None,
                         meeting_id=_int_arg("meeting"))
    page = action_log(network.id, current_user, filters, requested_page())
    form = LogFilterForm(request.args)
    form.zone.choices = [SelectChoice("", _("Any zone"))] + [SelectChoice(str(z.id), z.name)
                                                         for z in log_zones(network.id)]
    form.meeting.choices = [SelectChoice("", _("Any meeting"))] + [
        SelectChoice(str(m.id), f"{m.title}, {long_date(m.first_day)}") for m in log_meetings(network.id, current_user)]
    context: dict[str, Any] = {
        "network": network, "form": form, "manager": manages_network(current_user, membership, network),
        "actions": page, "today": london_today(),
        "pagination": pagination_params(page, anchor="actions", label=_("Pages of actions")),
        "filtered": any(value is not None for value in (filters.zone_id, filters.status, filters.meeting_id)),
    }
    return render_template("meetings/actions_log.html", **context)
