"""Marking the search terms in titles and snippets (Python, the same on both databases)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from zone_networks.fulltext.highlight import fold_same_length, highlight, snippet
from zone_networks.fulltext.terms import BODY_CAP


def test_matches_are_marked_in_the_original_spelling() -> None:
    marked = highlight("Siân from Ynys Môn", ["sian", "mon"])
    assert marked == Markup("<mark>Siân</mark> from Ynys <mark>Môn</mark>")


def test_text_is_escaped_and_matches_inside_markup_are_not_unescaped() -> None:
    marked = highlight('<script>alert("skills")</script> & skills', ["skills"])
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert "&amp; <mark>skills</mark>" in marked
    assert str(marked).count("<mark>") == 2


def test_prefix_and_stem_matches_are_marked_whole_words() -> None:
    marked = highlight("Skill, skills, skilled and skilful; reskilling", ["skills"])
    assert str(marked) == ("<mark>Skill</mark>, <mark>skills</mark>, <mark>skilled</mark> and skilful; "
                           "reskilling")


def test_short_terms_mark_whole_words_only() -> None:
    assert str(highlight("NZ and NZT", ["nz"])) == "<mark>NZ</mark> and NZT"


def test_welsh_letters_with_circumflex_are_marked() -> None:
    assert str(highlight("Gŵyl y Tŷ", ["gwyl", "ty"])) == "<mark>Gŵyl</mark> y <mark>Tŷ</mark>"


def test_no_terms_means_no_marks() -> None:
    assert highlight("Plain <b>", []) == Markup("Plain &lt;b&gt;")


def test_snippet_is_a_window_around_the_best_run_of_matches() -> None:
    body = ("filler " * 200 + "water here " + "filler " * 200
            + "the Skills Forum met in Ynys Môn about water skills " + "filler " * 200)
    shown = str(snippet(body, ["skills", "water", "mon"]))
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert "<mark>Skills</mark> Forum met in Ynys <mark>Môn</mark> about <mark>water</mark>" in shown
    assert len(shown.replace("<mark>", "").replace("</mark>", "").split()) <= 32


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    body = "First words of the body. " + "more " * 100
    shown = str(snippet(body, ["absent"]))
    assert shown.startswith("First words of the body.")
    assert "<mark>" not in shown
    assert shown.endswith(" …")


def test_snippet_of_short_text_has_no_ellipsis() -> None:
    assert str(snippet("Skills\nand   jobs", ["jobs"])) == "Skills and <mark>jobs</mark>"


def test_snippet_looks_only_at_the_first_part_of_a_long_body() -> None:
    body = "filler " * (BODY_CAP // 7) + "needle"
    assert "<mark>" not in str(snippet(body, ["needle"]))
    near = "filler " * 20_000 + "needle " + "filler " * 20_000
    assert "<mark>needle</mark>" in str(snippet(near, ["needle"]))


def test_snippet_of_empty_text_is_empty() -> None:
    assert snippet("", ["skills"]) == Markup("")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_folding_keeps_every_character_in_place(text: str) -> None:
    assert len(fold_same_length(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), max_size=3))
def test_highlight_never_loses_or_injects_text(text: str, terms: list[str]) -> None:
    marked = str(highlight(text, terms))
    plain = Markup(marked.replace("<mark>", "").replace("</mark>", "")).unescape()
    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    assert plain == expected
