"""Folding text for search and ordering: case-, accent- and punctuation-insensitive.

"Siân", "SIAN" and "sian" all fold to "sian"; "Ynys Môn" to "ynys mon". The
same folding is applied to the stored search text and to the query, so the
match is the same on SQLite and PostgreSQL (SQLite's lower() is ASCII-only).
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[^\w@.+]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case `text`, strip accents and collapse punctuation and spaces to one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _SEPARATORS.sub(" ", stripped)).strip()


def search_terms(query: str, limit: int = 8) -> list[str]:
    """The folded words of a search query (at most `limit`, each at least one character)."""
    return [word for word in fold(query).split(" ") if word][:limit]
