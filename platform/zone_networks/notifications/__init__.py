"""Notifications: in-app list, live badge, and email immediately, as a daily digest or never (issue 6)."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)
