"""The engine's matching and ranking, on whichever database the suite runs on (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.fulltext.support import found, put, titles
from zone_networks.extensions import db
from zone_networks.fulltext import engine
from zone_networks.fulltext.models import SearchEntry


@pytest.fixture()
def corpus(db: Any) -> None:
    """A few public entries with distinct words."""
    put("Skills and water", "A plan for skills in the water industry.")
    put("Skills only", "Training for apprentices.")
    put("Water only", "Reservoirs and pipes.")
    put("Unrelated alpha", "Ports and logistics.")
    put("Unrelated beta", "Hydrogen refuelling.")


def test_all_words_must_match(corpus: None) -> None:
    assert found(None, "skills water") == {"Skills and water"}
    assert found(None, "water") == {"Skills and water", "Water only"}


def test_case_and_accents_are_ignored(db: Any) -> None:
    put("Siân's report", "Written in Ynys Môn about Gŵyl Ddŵr and the Tŷ project.")
    put("Other report", "Nothing Welsh here.")
    for query in ("Sian", "SIÂN", "sian", "ynys mon", "Ynys Môn", "gwyl", "ddwr", "ty project", "Tŷ"):
        assert found(None, query) == {"Siân's report"}, query


def test_words_of_three_letters_or_more_match_as_prefixes(db: Any) -> None:
    put("Manufacturing plan", "Advanced manufacturing.")
    assert found(None, "manuf") == {"Manufacturing plan"}
    assert found(None, "manufacturing plan") == {"Manufacturing plan"}


def test_short_words_match_whole_words_only(db: Any) -> None:
    put("NZ plan", "Net zero.")
    put("NZT plan", "Net Zero Teesside.")
    assert found(None, "nz") == {"NZ plan"}
    assert found(None, "ma") == set()


def test_english_stemming_on_both_databases(db: Any) -> None:
    put("First", "Our skills gap.")
    put("Second", "A skill we lack.")
    put("Third", "Skilled workers.")
    everyone = {"First", "Second", "Third"}
    for query in ("skill", "skills", "skilled", "Skills"):
        assert found(None, query) == everyone, query


def test_a_title_match_outranks_a_body_match(db: Any) -> None:
    put("Annual review", "hydrogen " * 40 + "and more hydrogen.")
    put("Hydrogen strategy", "A short note.")
    put("Another review", "Mentions hydrogen once.")
    assert titles(engine.search(None, "hydrogen"))[0] == "Hydrogen strategy"


def test_a_title_match_outranks_the_body_even_when_most_entries_have_the_word(db: Any) -> None:
    for number in range(6):
        put(f"Meeting note {number}", "skills skills skills " * 5)
    put("Skills review", "Short.")
    results = engine.search(None, "skills")
    assert titles(results)[0] == "Skills review"
    assert results.hits[0].rank > results.hits[1].rank


def test_more_matching_words_rank_higher_in_the_body(db: Any) -> None:
    put("One", "ports " + "filler words here " * 30)
    put("Two", "ports ports ports freeport ports logistics")
    results = engine.search(None, "ports")
    assert titles(results) == ["Two", "One"]


@pytest.mark.parametrize("query", [
    '"', '""', "'", "*", "**", ":", "title:", "folded_title:skills", "a:*", "&", "|", "!", "()", "(skills",
    "skills)", "skills & !water", "NEAR(skills water)", "NEAR", "skills OR water", "skills AND water",
    "NOT water", "^skills", "-skills", "+skills", "\\", "%", "_", "%_%", "' OR 1=1 --",
    "'; DROP TABLE search_entries; --", "<script>alert(1)</script>", "x" * 10_000, "skills " * 500,
    "\x00", "🙂", "Ω", "skills:*", "water<->skills", "{folded_title}: skills", "skills*water", "s*",
])
def test_hostile_queries_never_fail_and_never_match_everything(corpus: None, query: str) -> None:
    results = engine.search(None, query)
    titles_found = set(titles(results))
    assert "Unrelated alpha" not in titles_found
    assert "Unrelated beta" not in titles_found
    assert results.total == len(titles_found)
    db.session.scalars(engine.matching_ids(None, query, "document")).all()
    assert db.session.scalar(select(SearchEntry.id).limit(1)) is not None  # the table is still there


def test_operator_words_are_plain_words(db: Any) -> None:
    put("Near the port", "Or not.")
    put("Far away", "Hydrogen.")
    assert found(None, "near") == {"Near the port"}
    assert "Far away" not in found(None, "NOT near")


@pytest.mark.parametrize("query", ["", "   ", "***", "?!"])
def test_a_query_without_words_finds_nothing_without_asking_the_database(
        corpus: None, query: str, count_queries: Any) -> None:
    with count_queries() as statements:
        results = engine.search(None, query)
    assert results.hits == [] and results.total == 0 and results.kind_counts == {} and results.terms == []
    assert statements == []
    assert db.session.scalars(engine.matching_ids(None, query, "document")).all() == []


def test_results_carry_terms_snippets_and_times(db: Any) -> None:
    put("Freeport report", "Intro words. The <b>Siân</b> freeport grew.", kind="meeting", audience="network",
        network="skills-forum")
    results = engine.search(None, "Sian")
    assert results.hits == []
    put("Freeport public", "Intro words. The <b>Siân</b> freeport grew.")
    results = engine.search(None, "Sian freeports")
    assert results.terms == ["sian", "freeports"]
    hit = results.hits[0]
    assert hit.kind == "document"
    assert "<mark>Siân</mark>" in hit.snippet and "&lt;b&gt;" in hit.snippet
    assert hit.updated_at.tzinfo is not None
    assert hit.network_id is None


def test_upsert_replaces_the_text(db: Any) -> None:
    object_id = put("Old title", "old words")
    put("New title", "fresh words", object_id=object_id)
    assert found(None, "old") == set()
    assert found(None, "fresh") == {"New title"}
    assert db.session.scalar(select(SearchEntry.title).where(SearchEntry.object_id == object_id)) == "New title"


def test_remove_takes_the_entry_out(db: Any) -> None:
    object_id = put("Going soon", "temporary")
    engine.remove("document", object_id)
    engine.remove("document", 987_654)  # absent: nothing happens
    db.session.commit()
    assert found(None, "temporary") == set()


def test_the_body_is_stored_and_searched_up_to_the_cap(db: Any) -> None:
    body = "early " + "filler " * 21_000 + "middleword " + "filler " * 10_000 + "lateword"
    object_id = put("Long", body)
    stored = db.session.scalar(select(SearchEntry.body).where(SearchEntry.object_id == object_id))
    assert len(stored) == 200_000
    assert found(None, "middleword") == {"Long"}
    assert found(None, "lateword") == set()
    put("T" * 500, "x", object_id=object_id)
    assert len(db.session.scalar(select(SearchEntry.title).where(SearchEntry.object_id == object_id))) == 300


@pytest.mark.parametrize("fields", [{"kind": "thing"}, {"audience": "everyone"}, {"audience": "network"},
                                    {"audience": "convenors"}])
def test_bad_entries_are_refused(db: Any, fields: dict[str, Any]) -> None:
    values: dict[str, Any] = {"kind": "document", "object_id": 1, "title": "t", "body": "", "audience": "public"}
    values.update(fields)
    with pytest.raises(ValueError):
        engine.upsert(engine.EntryData(**values))
