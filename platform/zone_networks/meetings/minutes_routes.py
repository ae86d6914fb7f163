"""Minutes routes: managers write versions and move the minutes on; attendees comment; managers see history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.permissions import require
from zone_networks.meetings import bp
from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.loaders import managed_meeting, me, viewable_meeting
from zone_networks.meetings.minutes_forms import CommentForm, MinutesForm
from zone_networks.meetings.minutes_queries import all_versions, is_attendee, latest_version, minutes_for
from zone_networks.meetings.minutes_rules import can_comment, can_read
from zone_networks.meetings.minutes_services import MinutesError, add_comment, advance, locked_message, save_version
from zone_networks.meetings.models import Meeting

STEP_MESSAGES = {
    "circulate": _l("The minutes have been circulated. We have emailed the people who attended."),
    "agree": _l("The minutes are agreed. They can no longer be changed."),
    "publish": _l("The minutes are published."),
}


def _to_minutes(meeting: Meeting) -> Response:
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="minutes"), 303)


@bp.route("/meetings/<int:meeting_id>/minutes/edit", methods=["GET", "POST"])
@login_required
def edit_minutes(meeting_id: int) -> Response | tuple[str, int]:
    """Write the minutes: each save is a new version (managers; refused once agreed)."""
    meeting, _membership = managed_meeting(meeting_id)
    minutes = minutes_for(meeting.id)
    if minutes is not None and minutes.is_locked:
        flash(locked_message())
        return _to_minutes(meeting)
    latest = latest_version(minutes.id) if minutes is not None else None
    form = MinutesForm(data={"body": latest.body if latest else ""})
    if form.validate_on_submit():
        try:
            save_version(me(), meeting, form.body.data or "", form.note.data or "")
        except MinutesError as error:
            flash(error.message)
            return _to_minutes(meeting)
        flash(_("Minutes saved."), "success")
        return _to_minutes(meeting)
    return render_template("meetings/minutes_form.html", meeting=meeting, form=form, minutes=minutes), \
        400 if form.errors else 200


@bp.post("/meetings/<int:meeting_id>/minutes/circulate", defaults={"step": "circulate"})
@bp.post("/meetings/<int:meeting_id>/minutes/agree", defaults={"step": "agree"})
@bp.post("/meetings/<int:meeting_id>/minutes/publish", defaults={"step": "publish"})
@login_required
def advance_minutes(meeting_id: int, step: str) -> Response:
    """Circulate the minutes to attendees, agree them (locks them) or publish them (managers)."""
    meeting, _membership = managed_meeting(meeting_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        advance(me(), meeting, step)
    except MinutesError as error:
        flash(error.message)
        return _to_minutes(meeting)
    flash(str(STEP_MESSAGES[step]), "success")
    return _to_minutes(meeting)


@bp.route("/meetings/<int:meeting_id>/minutes/comments", methods=["GET", "POST"])
@login_required
def comment_on_minutes(meeting_id: int) -> Response | tuple[str, int]:
    """Comment on circulated minutes (the people who attended, and managers); problems re-show the form."""
    meeting, membership = viewable_meeting(meeting_id)
    manager = meeting.can_manage(current_user, membership)
    minutes = minutes_for(meeting.id)
    attendee = is_attendee(meeting, current_user)
    require(can_read(minutes, manager=manager, attendee=attendee), 404)
    require(can_comment(minutes, manager=manager, attendee=attendee), 403)
    assert minutes is not None
    form = CommentForm()
    if not form.validate_on_submit():
        return render_template("meetings/minutes_comment.html", meeting=meeting, form=form), \
            400 if form.errors else 200
    add_comment(me(), minutes, form.comment.data or "")
    flash(_("Thank you. Your comment has been sent to the convenor and the secretariat."), "success")
    return _to_minutes(meeting)


@bp.get("/meetings/<int:meeting_id>/minutes/history")
@login_required
def minutes_history(meeting_id: int) -> str:
    """Every saved version of the minutes, who saved it and when (managers)."""
    meeting, _membership = managed_meeting(meeting_id)
    minutes = minutes_for(meeting.id)
    if minutes is None:
        abort(404)
    return render_template("meetings/minutes_history.html", meeting=meeting, minutes=minutes,
                           versions=all_versions(minutes.id))
