"""The document library: shared files with versions, checked types and permission-checked downloads (issue 5)."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

# Each part of the library adds its route module here (one line each); `storage` registers document
# files with the upload sweeper whenever the app is built.
from zone_networks.documents import manage_routes, routes, storage  # noqa: E402,F401
