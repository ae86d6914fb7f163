"""Meetings: scheduling, series, RSVPs, date polls, agendas, minutes, actions and calendars (issue 4)."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)

# Each part of issue 4 adds its own route module here (one line each).
from zone_networks.meetings import (  # noqa: E402,F401
    actions_routes,
    agenda_paper_routes,
    agenda_routes,
    attendance_routes,
    feed_routes,
    manage_routes,
    minutes_routes,
    poll_routes,
    routes,
    rsvp_routes,
    series_routes,
    template_filters,
)
