"""Networks: the three peer networks, memberships, join requests and invitations."""

from flask import Blueprint

bp = Blueprint("networks", __name__)

from zone_networks.networks import (  # noqa: E402,F401
    admin_routes,
    invitation_routes,
    member_routes,
    routes,
    template_filters,
)
