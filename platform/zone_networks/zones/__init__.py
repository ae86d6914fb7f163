"""The zones register: the 22 Freeports and Investment Zones, their sectors and people."""

from flask import Blueprint

bp = Blueprint("zones", __name__)

from zone_networks.zones import routes  # noqa: E402,F401
