"""Case studies (structured, with outcome figures and history) and the outcomes dashboard (issue 5)."""

from flask import Blueprint

bp = Blueprint("casestudies", __name__)

# Each part of the feature adds its own route module here (one line each).
from zone_networks.casestudies import (  # noqa: E402,F401
    history_routes,
    manage_routes,
    outcomes_routes,
    routes,
    template_filters,
)
