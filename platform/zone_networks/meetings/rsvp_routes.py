"""Answering a meeting: yes / maybe / no, and sending someone from your zone in your place.

The meeting page (templates/meetings/_rsvp.html) posts its form here. A post
with a problem re-shows the question on its own page, with the GOV.UK error
summary at the top, rather than the whole meeting page.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.permissions import require
from zone_networks.meetings import bp
from zone_networks.meetings.loaders import me, viewable_meeting
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_forms import RsvpForm, SubstituteForm, substitute_options
from zone_networks.meetings.rsvp_locking import DatabaseBusyError
from zone_networks.meetings.rsvp_queries import rsvp_of, substitute_choices
from zone_networks.meetings.rsvp_services import RsvpError, RsvpResult, refusal, respond, send_substitute
from zone_networks.networks.models import Membership


def busy_message() -> str:
    """The message when the database stayed busy (nothing was saved)."""
    return _("Sorry, the service is busy and nothing was saved. Please try again.")


def _back_to(meeting: Meeting) -> Response:
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="rsvp"), 303)


def _open_or_refuse(meeting: Meeting, membership: Membership | None) -> Response | None:
    """403 for people who see the meeting but are not invited; a message for a meeting not open for answers."""
    require(meeting.is_invitee(current_user, membership), 403)
    reason = refusal(meeting, current_user, membership)
    if reason:
        flash(reason)
        return _back_to(meeting)
    return None


def _answer_message(result: RsvpResult) -> str:
    rsvp = result.rsvp
    if rsvp.is_confirmed:
        return _("You said you will come. You have a place.") if result.changed else _("You already have a place.")
    if rsvp.is_waitlisted:
        return _("The meeting is full. You are number %(position)d on the waiting list.", position=result.position or 1)
    if not result.changed:
        return _("Your answer has not changed.")
    return _("You said you might come.") if rsvp.response == "maybe" else _("You said you cannot come.")


@bp.route("/meetings/<int:meeting_id>/rsvp", methods=["GET", "POST"])
@login_required
def rsvp(meeting_id: int) -> Response | tuple[str, int]:
    """Say whether you will come: yes (a place, or the waiting list when full), maybe or no."""
    meeting, membership = viewable_meeting(meeting_id)
    refused = _open_or_refuse(meeting, membership)
    if refused:
        return refused
    if request.method == "POST":
        form = RsvpForm()
    else:
        mine = rsvp_of(meeting.id, me().id)
        form = RsvpForm(formdata=None, data={"rsvp_response": mine.response if mine else None})
    if form.validate_on_submit():
        try:
            result = respond(me(), meeting.id, form.rsvp_response.data or "")
        except RsvpError as error:
            flash(error.message)
            return _back_to(meeting)
        except DatabaseBusyError:
            flash(busy_message())
            return redirect(url_for("meetings.rsvp", meeting_id=meeting_id), 303)
        flash(_answer_message(result), "success")
        return _back_to(meeting)
    status = 400 if form.errors else 200
    return render_template("meetings/rsvp.html", meeting=meeting, form=form), status


def _substitute_message(result: RsvpResult) -> str:
    theirs = result.substitute_rsvp
    name = theirs.user.name if theirs is not None else ""
    if theirs is not None and theirs.is_waitlisted:
        return _("You are sending %(name)s in your place. The meeting is full: they are number %(position)d on "
                 "the waiting list. We have emailed them.", name=name, position=result.substitute_position or 1)
    return _("You are sending %(name)s in your place. They have a place and we have emailed them.", name=name)


@bp.route("/meetings/<int:meeting_id>/rsvp/substitute", methods=["GET", "POST"])
@login_required
def rsvp_substitute(meeting_id: int) -> Response | tuple[str, int]:
    """Send someone from your zone in your place: they get your place, and your answer becomes no."""
    meeting, membership = viewable_meeting(meeting_id)
    refused = _open_or_refuse(meeting, membership)
    if refused:
        return refused
    person = me()
    people = substitute_choices(meeting, person)
    form = SubstituteForm()
    form.substitute.choices = substitute_options(people)
    if people and form.validate_on_submit():
        try:
            result = send_substitute(person, meeting.id, int(form.substitute.data or 0))
        except RsvpError as error:
            flash(error.message)
            return _back_to(meeting)
        except DatabaseBusyError:
            flash(busy_message())
            return redirect(url_for("meetings.rsvp_substitute", meeting_id=meeting_id), 303)
        flash(_substitute_message(result), "success")
        return _back_to(meeting)
    status = 400 if form.errors else 200
    return render_template("meetings/rsvp_substitute.html", meeting=meeting, form=form, people=people,
                           has_zone=person.zone is not None), status
