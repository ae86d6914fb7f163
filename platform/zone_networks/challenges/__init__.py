"""The challenge board: problems posted by one zone for peers in other zones to answer (issue 6)."""

from flask import Blueprint

bp = Blueprint("challenges", __name__)
