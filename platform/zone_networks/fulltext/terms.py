"""From text to index words and from a search box to safe engine queries, the same on every database.

The index and the query are folded the same way (`core.text.fold`: lower case,
accents removed, so "Siân" is "sian" and "Ynys Môn" is "ynys mon"), then cut
into words of letters and digits only. Nothing else survives, so a query can
never carry an engine operator (FTS5's quotes, `*`, `:`, `NEAR`, `OR`;
tsquery's `&|!():*<>`): words such as "or" and "near" are searched as words.

Matching (documented for the search page):
- every word must match (AND), at most MAX_TERMS words are used;
- a word of PREFIX_MIN letters or more also matches longer words that start
  with it ("manuf" finds "manufacturing"); shorter words match whole words only,
  so "a" never finds everything;
- both engines stem English ("skills", "skill" and "skilled" find each other).
"""

from __future__ import annotations

import re

from zone_networks.core.text import fold

MAX_TERMS = 8
PREFIX_MIN = 3  # words this long or longer are prefix-matched
MAX_TERM_LENGTH = 60  # longer "words" are cut (no real word is this long)
MAX_QUERY_LENGTH = 1000  # characters of the search box looked at
BODY_CAP = 200_000  # characters of an entry's body stored and indexed
TITLE_CAP = 300

_WORD = re.compile(r"[^\W_]+")


def index_fold(text: str) -> str:
    """`text` folded to the words the engine indexes, separated by single spaces."""
    return " ".join(_WORD.findall(fold(text)))


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a search box's text, in order (at most MAX_TERMS)."""
    terms: list[str] = []
    for word in _WORD.findall(fold((query or "")[:MAX_QUERY_LENGTH])):
        word = word[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def is_prefix(term: str) -> bool:
    """Whether `term` also matches longer words starting with it."""
    return len(term) >= PREFIX_MIN


def fts5_query(terms: list[str]) -> str:
    """An SQLite FTS5 MATCH expression: each term quoted (prefix-starred when long enough), all required."""
    return " ".join(f'"{term}"*' if is_prefix(term) else f'"{term}"' for term in terms)


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL to_tsquery() text: each term (prefix-marked when long enough) joined with AND."""
    return " & ".join(f"{term}:*" if is_prefix(term) else term for term in terms)
