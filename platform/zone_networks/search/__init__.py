"""Search across documents, case studies, meetings, minutes and people, filtered by what the viewer may see."""

from flask import Blueprint

bp = Blueprint("search", __name__)
