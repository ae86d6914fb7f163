"""The challenge board: problems posted by one zone for peers in other zones to answer (issue 6)."""

from flask import Blueprint

bp = Blueprint("challenges", __name__)

# Each part of the feature adds its own module here (one line each).
from zone_networks.challenges import (  # noqa: E402,F401
    action_routes,
    routes,
    template_globals,
)
