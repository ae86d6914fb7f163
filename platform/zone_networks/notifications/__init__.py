"""Notifications: in-app list, live badge, and email immediately, as a daily digest or never (issue 6)."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

# Each part of the feature adds its own module here (one line each).
from zone_networks.notifications import badge, routes  # noqa: E402,F401
