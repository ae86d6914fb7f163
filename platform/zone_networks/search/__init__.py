"""Search across documents, case studies, meetings, minutes and people, filtered by what the viewer may see."""

from flask import Blueprint

bp = Blueprint("search", __name__)

# Keep the search index in step with every flush (helper h4).
from zone_networks.search.indexer import install  # noqa: E402

install()

# The /search page (helper h5).
from zone_networks.search import routes  # noqa: E402,F401
