"""Calendar files and feeds: download a meeting or a series as .ics, and the Calendar page with its feed link.

Feed addresses carry a secret token instead of a session (calendar apps do
not sign in): `/calendar/<token>.ics` (meetings you said yes or maybe to) and
`/calendar/<token>/networks/<slug>.ics` (a network's meetings, while you are
an active member). Unknown, revoked or no-longer-allowed links are 404.
"""

from __future__ import annotations

import hashlib

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.urls import absolute_url
from zone_networks.meetings import bp, feed_calendars
from zone_networks.meetings.feed_forms import FeedLinkForm
from zone_networks.meetings.feed_queries import current_token, feed_networks, occurrences_of, token_from_link
from zone_networks.meetings.feed_services import create_feed_link, turn_off_feed
from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.loaders import me, network_or_404, viewable_meeting, viewable_series
from zone_networks.meetings.queries import membership_in


def ics_response(body: bytes, filename: str, *, download: bool) -> Response:
    """A calendar response: text/calendar, an ETag so apps can ask "has it changed?", never indexed."""
    response = make_response(body)
    response.mimetype = "text/calendar"
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.set_etag(hashlib.sha256(body).hexdigest())
    return response.make_conditional(request)


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int) -> Response:
    """Download one meeting as a calendar file (the link to join only for invitees)."""
    meeting, membership = viewable_meeting(meeting_id)
    body = feed_calendars.meeting_ics(meeting, current_user, membership)
    return ics_response(body, f"meeting-{meeting.id}.ics", download=True)


@bp.get("/series/<int:series_id>.ics")
def series_ics(series_id: int) -> Response:
    """Download a whole series as one repeating calendar event, with its exceptions."""
    series, membership = viewable_series(series_id)
    occurrences = occurrences_of([series.id])[series.id]
    body = feed_calendars.series_ics(series, occurrences, current_user, membership)
    return ics_response(body, f"series-{series.id}.ics", download=True)


@bp.get("/calendar/<token>.ics")
def personal_feed(token: str) -> Response:
    """A person's calendar feed: the meetings they said yes or maybe to."""
    found = token_from_link(token)
    if found is None:
        abort(404)
    return ics_response(feed_calendars.personal_feed(found), "meetings.ics", download=False)


@bp.get("/calendar/<token>/networks/<slug>.ics")
def network_feed(token: str, slug: str) -> Response:
    """A network's calendar feed, for its active members and the staff."""
    found = token_from_link(token)
    if found is None:
        abort(404)
    network = network_or_404(slug)
    membership = membership_in(found.user, network.id)
    if not feed_calendars.can_use_network_feed(found, network, membership):
        abort(404)
    return ics_response(feed_calendars.network_feed(found, network, membership), f"{network.slug}.ics",
                        download=False)


def _calendar_page(form: FeedLinkForm, *, status: int = 200, raw_token: str | None = None) -> Response:
    user = me()
    networks = feed_networks(user)
    links = None
    if raw_token is not None:
        personal = absolute_url("meetings.personal_feed", token=raw_token)
        links = {
            "personal": personal,
            "webcal": "webcal://" + personal.split("://", 1)[1],
            "networks": [(network, absolute_url("meetings.network_feed", token=raw_token, slug=network.slug))
                         for network in networks],
        }
    page = render_template("meetings/calendar.html", form=form, token=current_token(user), links=links,
                           networks=networks, turn_off_form=ConfirmForm())
    response = make_response(page, status)
    # The page may show a secret link: keep it out of every cache and the back/forward history.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/calendar", methods=["GET", "POST"])
@login_required
def calendar_settings() -> Response:
    """The Calendar page: make (or replace) your calendar feed link, or turn it off."""
    form = FeedLinkForm()
    if form.validate_on_submit():
        raw = create_feed_link(me(), with_alarm=form.with_alarm)
        # Shown in this response only: the link is never stored or put in the session.
        return _calendar_page(FeedLinkForm(formdata=None), raw_token=raw)
    return _calendar_page(form, status=400 if form.errors else 200)


@bp.post("/account/calendar/turn-off")
@login_required
def turn_off_calendar() -> Response:
    """Turn off your calendar feed link: calendar apps using it stop getting meetings."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    if turn_off_feed(me()):
        flash(_("Your calendar link is turned off. Calendar apps that use it will stop showing your meetings."),
              "success")
    return redirect(url_for("meetings.calendar_settings"), 303)
