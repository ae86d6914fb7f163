"""The member directory and profiles: find your counterpart in any zone."""

from flask import Blueprint

bp = Blueprint("directory", __name__)
