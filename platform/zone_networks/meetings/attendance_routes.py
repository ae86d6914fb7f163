"""Recording who came to a meeting (the secretariat and the network's convenors, once it has started)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import login_required
from werkzeug.wrappers import Response

from zone_networks.meetings import bp
from zone_networks.meetings.attendance_forms import AttendanceForm, initial_data
from zone_networks.meetings.attendance_queries import candidates
from zone_networks.meetings.attendance_services import AttendanceError, attendance_refusal, record_attendance
from zone_networks.meetings.loaders import managed_meeting, me
from zone_networks.meetings.rsvp_locking import DatabaseBusyError
from zone_networks.meetings.rsvp_routes import busy_message


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def record_meeting_attendance(meeting_id: int) -> Response | tuple[str, int]:
    """Tick who came; the meeting page then shows attendance by zone and nation."""
    meeting, _membership = managed_meeting(meeting_id)
    back = url_for("meetings.show", meeting_id=meeting.id, _anchor="attendance")
    reason = attendance_refusal(meeting)
    if reason:
        flash(reason)
        return redirect(back, 303)
    listed = candidates(meeting)
    form = AttendanceForm() if request.method == "POST" else AttendanceForm(formdata=None, data=initial_data(listed))
    form.set_choices(listed)
    if form.validate_on_submit():
        try:
            result = record_attendance(me(), meeting.id, form.attended(), listed.allowed_ids)
        except AttendanceError as error:
            flash(error.message)
            return redirect(back, 303)
        except DatabaseBusyError:
            flash(busy_message())
            return redirect(url_for("meetings.record_meeting_attendance", meeting_id=meeting.id), 303)
        else:
            flash(ngettext("Attendance saved: %(num)d person came.", "Attendance saved: %(num)d people came.",
                           result.total), "success")
            return redirect(back, 303)
    status = 400 if form.errors else 200
    return render_template("meetings/attendance.html", meeting=meeting, form=form, candidates=listed), status
