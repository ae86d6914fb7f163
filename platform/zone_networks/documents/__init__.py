"""The document library: shared files with versions, checked types and permission-checked downloads (issue 5)."""

from flask import Blueprint

bp = Blueprint("documents", __name__)
