"""Discussion threads in each network: posts, reactions, moderation, unread tracking and the live layer (issue 6)."""

from flask import Blueprint

bp = Blueprint("discussions", __name__)
