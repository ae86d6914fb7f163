"""Discussion threads in each network: posts, reactions, moderation, unread tracking and the live layer (issue 6)."""

from flask import Blueprint

bp = Blueprint("discussions", __name__)

# Each part of the feature adds its own modules here (one line each).
from zone_networks.discussions import (  # noqa: E402,F401
    moderation_routes,
    post_routes,
    report_routes,
    rooms_meeting,
    routes,
)
