"""Search terms marked in titles and snippets, in Python, so both databases show the same thing.

The text is folded one character for one character (lower case, accents
removed: "Siân" -> "sian"), so a match found in the folded text is at the same
place in the original, which is what gets shown (escaped, with <mark> around
each matching word). A term matches a word that starts with it (or, under
PREFIX_MIN letters, the whole word), or that starts with its English stem, so
"skills" marks "skill", "skilled" and "skilling", as the engines match them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape

from zone_networks.fulltext.terms import BODY_CAP, is_prefix

SNIPPET_WORDS = 30
CONTEXT_WORDS = 6  # words shown before the first match in a snippet
MAX_MATCHES = 2000  # matches considered when choosing a snippet's window
WINDOW_CHARS = 220  # about SNIPPET_WORDS words: the span a window's matches are counted in
LOOKBACK_CHARS = 200  # how far back the context words are looked for

_stemmer = snowballstemmer.stemmer("english")
_SPACES = re.compile(r"\s+")
_WORD_START = re.compile(r"\S+")


class _FoldTable(dict[int, str]):
    """A str.translate table folding each character to exactly one character (built as characters are met)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = "".join(part for part in unicodedata.normalize("NFKD", char.casefold())
                         if not unicodedata.combining(part))
        if not folded:
            folded = "_"  # a lone combining mark: part of no word we search for
        elif char.isalnum() and not folded[0].isalnum():
            folded = "_"
        self[code] = folded[0]
        return folded[0]


_FOLD = _FoldTable()


def fold_same_length(text: str) -> str:
    """`text` lower-cased and without accents, one character for each character of `text`."""
    return text.translate(_FOLD)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression finding any term's words; group n+1 is term n."""
    alternatives = []
    for term in terms:
        stems = {term}
        stem = _stemmer.stemWord(term)
        if is_prefix(stem):
            stems.add(stem)
        words = "|".join(re.escape(word) for word in sorted(stems, key=len, reverse=True))
        tail = r"[^\W_]*" if is_prefix(term) else r"(?![^\W_])"
        alternatives.append(f"((?:{words}){tail})")
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")")


def _matches(folded: str, terms: Iterable[str]) -> list[re.Match[str]]:
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(folded):
        found.append(match)
        if len(found) >= MAX_MATCHES:
            break
    return found


def _marked(text: str, matches: list[re.Match[str]], start: int, end: int) -> Markup:
    """text[start:end] escaped, whitespace collapsed, with the matches inside it wrapped in <mark>."""
    parts: list[str] = []
    position = start
    for match in matches:
        if match.start() < position or match.end() > end:
            continue
        parts.append(str(escape(_SPACES.sub(" ", text[position:match.start()]))))
        parts.append(f"<mark>{escape(text[match.start():match.end()])}</mark>")
        position = match.end()
    parts.append(str(escape(_SPACES.sub(" ", text[position:end]))))
    return Markup("".join(parts))  # noqa: S704 (every piece is escaped above)


def highlight(text: str, terms: list[str]) -> Markup:
    """All of `text` (up to the body cap) HTML-escaped, with the words matching `terms` in <mark>."""
    text = unicodedata.normalize("NFC", text or "")[:BODY_CAP]
    return _marked(text, _matches(fold_same_length(text), terms), 0, len(text))


def _best_anchor(matches: list[re.Match[str]]) -> int:
    """The start of the window (a match) holding the most different terms, then the most matches."""
    best, best_score = matches[0].start(), (0, 0)
    ahead = 0
    for index, match in enumerate(matches):
        ahead = max(ahead, index)
        while ahead + 1 < len(matches) and matches[ahead + 1].start() < match.start() + WINDOW_CHARS:
            ahead += 1
        window = matches[index:ahead + 1]
        score = (len({m.lastindex for m in window}), len(window))
        if score > best_score:
            best, best_score = match.start(), score
    return best


def snippet(text: str, terms: list[str], words: int = SNIPPET_WORDS) -> Markup:
    """About `words` words of `text` around its best run of matches, escaped, matches in <mark>.

    With no match (the title matched, not the body) it is the start of the text.
    Only the first BODY_CAP characters are looked at.
    """
    text = unicodedata.normalize("NFC", text or "")[:BODY_CAP]
    matches = _matches(fold_same_length(text), terms)
    start = 0
    if matches:
        anchor = _best_anchor(matches)
        lookback = max(0, anchor - LOOKBACK_CHARS)
        before = [m.start() for m in _WORD_START.finditer(text, lookback, anchor)]
        if len(before) > CONTEXT_WORDS:
            start = before[-CONTEXT_WORDS]
        elif lookback == 0:
            start = 0
        else:  # a few very long words: skip the first, which may be cut
            start = before[1] if len(before) > 1 else anchor
    end = start
    for count, word in enumerate(_WORD_START.finditer(text, start), start=1):
        end = word.end()
        if count >= words:
            break
    if start == end:
        return Markup("")
    shown = _marked(text, matches, start, end)
    prefix = Markup("… ") if text[:start].strip() else Markup("")
    suffix = Markup(" …") if text[end:].strip() else Markup("")
    return prefix + shown + suffix
