"""The dialect-specific part of a search: what to select from, the match condition and the score.

SQLite: the FTS5 table `search_fts` (external content over search_entries,
porter stemming, diacritics removed) joined on rowid, `search_fts MATCH
'"term"* "term2"*'`, scored by -bm25 with the title weighted 10 to the body's 1,
plus TITLE_BONUS when every term starts a word of the folded title (by its
stem, so "skilled" counts "Skills"): bm25's word weights fall to nothing for a
word most entries contain, and title matches must still come first.
PostgreSQL: the generated `tsv` column (title weight A, body B, 'english'),
`tsv @@ to_tsquery('english', 'term:* & term2:*')`, scored by ts_rank_cd
squashed into 0..1 plus 1 when the title alone matches, so title matches come
first there too. The query text is always a bound parameter built from folded
letters and digits (fulltext.terms), never the user's raw text.
Higher scores are better on both.
"""

from __future__ import annotations

import os
from typing import Any

import snowballstemmer
from sqlalchemy import ColumnElement, FromClause, Integer, and_, cast, column, func, literal, literal_column, table

from zone_networks.fulltext.models import SearchEntry
from zone_networks.fulltext.terms import PREFIX_MIN, fts5_query, is_prefix, tsquery

_FTS = table("search_fts", column("rowid", Integer))
_FTS_NAME: ColumnElement[Any] = literal_column("search_fts")
_TSV: ColumnElement[Any] = literal_column("search_entries.tsv")
_ENGLISH: ColumnElement[Any] = literal_column("'english'::regconfig")
_PG_WEIGHTS: ColumnElement[Any] = literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]")  # D, C, B (body), A (title)
_TITLE_ONLY: ColumnElement[Any] = literal_column("'{a}'::\"char\"[]")
TITLE_BONUS = 10_000.0  # SQLite: above any -bm25 score


class UnsupportedDatabaseError(RuntimeError):
    """Full-text search needs SQLite (FTS5) or PostgreSQL."""


_stemmer = snowballstemmer.stemmer("english")


def _in_title(term: str) -> ColumnElement[bool]:
    """Whether `term` (by its stem when long enough; else the whole word) starts a word of the folded title."""
    title = literal(" ").concat(SearchEntry.folded_title)
    if not is_prefix(term):
        return func.instr(title.concat(" "), literal(f" {term} ")) > 0
    stem = os.path.commonprefix([term, _stemmer.stemWord(term)])  # noqa: RUF071 (words, not paths)
    return func.instr(title, literal(" " + (stem if len(stem) >= PREFIX_MIN else term))) > 0


def match_parts(dialect: str, terms: list[str]) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """(the FROM clause, the WHERE condition matching all `terms`, the score) for `dialect`."""
    entries = SearchEntry.__table__
    if dialect == "sqlite":
        source = entries.join(_FTS, _FTS.c.rowid == entries.c.id)
        condition = _FTS_NAME.bool_op("MATCH")(literal(fts5_query(terms)))
        title_hit = cast(and_(*(_in_title(term) for term in terms)), Integer)
        score = -func.bm25(_FTS_NAME, 10.0, 1.0) + title_hit * TITLE_BONUS
        return source, condition, score
    if dialect == "postgresql":
        query = func.to_tsquery(_ENGLISH, literal(tsquery(terms)))
        condition = _TSV.bool_op("@@")(query)
        title_hit = cast(func.ts_filter(_TSV, _TITLE_ONLY).bool_op("@@")(query), Integer)
        score = func.ts_rank_cd(_PG_WEIGHTS, _TSV, query, 32) + title_hit
        return entries, condition, score
    raise UnsupportedDatabaseError(dialect)
