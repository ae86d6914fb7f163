"""Case studies (structured, with outcome figures and history) and the outcomes dashboard (issue 5)."""

from flask import Blueprint

bp = Blueprint("casestudies", __name__)
