"""Folding and splitting the search box's text into safe engine queries."""

from __future__ import annotations

import re

import pytest

from zone_networks.fulltext.terms import MAX_TERMS, fts5_query, index_fold, query_terms, tsquery


def test_terms_are_folded_words_in_order_without_repeats() -> None:
    assert query_terms("  Siân  SIAN  Ynys Môn! ") == ["sian", "ynys", "mon"]


def test_welsh_circumflexes_fold_to_plain_letters() -> None:
    assert query_terms("Gŵyl Tŷ Ddŵr") == ["gwyl", "ty", "ddwr"]


def test_at_most_eight_terms() -> None:
    words = " ".join(f"word{number}" for number in range(20))
    assert query_terms(words) == [f"word{number}" for number in range(MAX_TERMS)]


@pytest.mark.parametrize("query", ['"', "*", ":", "&|!()", "''", "--", "%_", "<>", "\\", "\x00", "   ", ""])
def test_operators_alone_give_no_terms(query: str) -> None:
    assert query_terms(query) == []


@pytest.mark.parametrize("query", [
    'skills" OR "water', "skills:* & !water", "NEAR(skills water)", "folded_title:skills", "a.b@c+d",
    "'; DROP TABLE search_entries; --", "skills_water", "(skills)|water*",
])
def test_terms_hold_only_letters_and_digits(query: str) -> None:
    terms = query_terms(query)
    assert terms
    assert all(re.fullmatch(r"[^\W_]+", term) for term in terms)
    assert all(re.fullmatch(r'("[^\W_]+"\*? ?)+', part + " ") for part in [fts5_query(terms)])
    assert re.fullmatch(r"[^\W_]+(:\*)?( & [^\W_]+(:\*)?)*", tsquery(terms))


def test_long_words_are_prefixes_and_short_words_are_whole_words() -> None:
    assert fts5_query(["skills", "nz"]) == '"skills"* "nz"'
    assert tsquery(["skills", "nz"]) == "skills:* & nz"


def test_very_long_input_is_cut() -> None:
    terms = query_terms("x" * 100_000)
    assert terms == ["x" * 60]


def test_index_fold_keeps_only_words() -> None:
    assert index_fold("Net-zero: Ynys Môn's CO2 plan (v1.5) — info@example.org") == \
        "net zero ynys mon s co2 plan v1 5 info example org"
