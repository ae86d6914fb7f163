"""The member directory and profiles: find your counterpart in any zone."""

from flask import Blueprint

bp = Blueprint("directory", __name__)

from zone_networks.directory import (  # noqa: E402,F401
    admin_routes,
    profile_routes,
    rights_routes,
    routes,
    shared_work_routes,
)
