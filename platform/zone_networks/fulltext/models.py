"""The search index: one row per searchable thing, with what the full-text engine matches on.

`search_entries` holds, for each (kind, object_id), the text shown in results
(`title`, `body`), the same text folded (lower case, accents removed) that the
engine indexes, and the columns that decide who may see the result (audience,
network_id, owner_id) and what it can be filtered by (zone and sector ids as
space-padded lists, " 3 12 "). The engine itself is dialect-specific and made
by the migration, not by the models:
- SQLite: an FTS5 table `search_fts` over (folded_title, folded_body) with
  external content `search_entries`, kept in step by triggers;
- PostgreSQL: a generated `tsv` tsvector column (title weight A, body B,
  'english' configuration) with a GIN index.
Both are invisible to the ORM and skipped by the migration drift check.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zone_networks.core.clock import utcnow
from zone_networks.extensions import db

KINDS = ("document", "case_study", "meeting", "minutes", "person", "post", "challenge")
# Who may see an entry (besides the secretariat, who see everything, and its owner):
# public = anyone; members = any signed-in member; network = active members of network_id;
# convenors = active convenors of network_id; staff = the secretariat only.
AUDIENCES = ("public", "members", "network", "convenors", "staff")
ENGINE_TABLES = ("search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config",
                 "search_fts_content")


class SearchEntry(db.Model):  # type: ignore[name-defined]
    """One searchable thing as the index sees it (written only by search.indexer)."""

    __tablename__ = "search_entries"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_entries_kind_audience", "kind", "audience"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    object_id: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    folded_title: Mapped[str] = mapped_column(String(300), nullable=False)
    folded_body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    audience: Mapped[str] = mapped_column(String(20), nullable=False)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    zone_ids: Mapped[str] = mapped_column(String(200), nullable=False, default=" ")
    sector_ids: Mapped[str] = mapped_column(String(200), nullable=False, default=" ")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
