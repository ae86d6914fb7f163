"""Tell the upload sweeper which files documents use: every version's `blob_key` (core/uploads.py)."""

from __future__ import annotations

from sqlalchemy import select

from zone_networks.core.uploads import register_references
from zone_networks.documents.models import DocumentVersion

register_references("document_versions", lambda: select(DocumentVersion.blob_key))
