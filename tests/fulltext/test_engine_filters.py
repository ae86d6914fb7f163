"""Filters (kind, network, zone, sector), counts, pages, the query budget, and the list helpers."""

from __future__ import annotations

from typing import Any

from tests.fulltext.support import found, network_id, put, titles
from zone_networks.fulltext import engine


def test_kind_filter_keeps_counts_for_every_kind(db: Any) -> None:
    put("Port document", "port", kind="document")
    put("Port study", "port", kind="case_study")
    put("Port meeting", "port", kind="meeting")
    put("Port talk", "port", kind="meeting")
    results = engine.search(None, "port", kinds=["meeting"])
    assert set(titles(results)) == {"Port meeting", "Port talk"}
    assert results.total == 2
    assert results.kind_counts == {"document": 1, "case_study": 1, "meeting": 2}
    both = engine.search(None, "port", kinds=["meeting", "document"])
    assert both.total == 3
    assert engine.search(None, "port").total == 4
    assert engine.search(None, "port", kinds=["person"]).total == 0


def test_network_filter(db: Any) -> None:
    put("Forum port", "port", network="skills-forum")
    put("Net zero port", "port", network="net-zero")
    put("No network port", "port")
    assert found(None, "port", network_id=network_id("net-zero")) == {"Net zero port"}


def test_zone_and_sector_filters_match_whole_ids(db: Any) -> None:
    put("Zones 3 and 12", "port", zone_ids=[12, 3], sector_ids=[5])
    put("Zone 1", "port", zone_ids=[1], sector_ids=[2, 15])
    put("No zone", "port")
    assert found(None, "port", zone_id=3) == {"Zones 3 and 12"}
    assert found(None, "port", zone_id=12) == {"Zones 3 and 12"}
    assert found(None, "port", zone_id=1) == {"Zone 1"}
    assert found(None, "port", zone_id=2) == set()
    assert found(None, "port", sector_id=5) == {"Zones 3 and 12"}
    assert found(None, "port", sector_id=1) == set()
    assert found(None, "port", zone_id=1, sector_id=15) == {"Zone 1"}


def test_pages(db: Any) -> None:
    for number in range(25):
        put(f"Harbour {number:02d}", "harbour")
    first = engine.search(None, "harbour", per_page=10)
    third = engine.search(None, "harbour", page=3, per_page=10)
    beyond = engine.search(None, "harbour", page=4, per_page=10)
    assert first.total == third.total == beyond.total == 25
    assert len(first.hits) == 10 and len(third.hits) == 5 and beyond.hits == []
    every = {hit.title for page in (1, 2, 3) for hit in engine.search(None, "harbour", page=page, per_page=10).hits}
    assert len(every) == 25
    assert len(engine.search(None, "harbour", page=0, per_page=1000).hits) == 25


def test_search_runs_at_most_two_queries_whatever_the_hits(db: Any, member: Any, count_queries: Any) -> None:
    for number in range(60):
        put(f"Quay {number}", "quay " + "words " * 50, audience="network" if number % 2 else "members",
            network="skills-forum")
    assert member.is_staff is False  # loaded before counting
    with count_queries() as statements:
        results = engine.search(member, "quay", per_page=50)
    assert len(results.hits) == 50
    assert len(statements) <= 2
    with count_queries() as statements:
        engine.search(member, "absentword")
    assert len(statements) == 1


def test_matching_ids_and_ranked_matches_narrow_a_list(db: Any, member: Any) -> None:
    wanted = put("Dock plan", "dock", kind="case_study", audience="members")
    put("Dock meeting", "dock", kind="meeting")
    hidden = put("Dock draft", "dock", kind="case_study", audience="staff")
    assert db.session.scalars(engine.matching_ids(member, "dock", "case_study")).all() == [wanted]
    assert db.session.scalars(engine.matching_ids(None, "dock", "case_study")).all() == []
    ranked = db.session.execute(engine.ranked_matches(member, "dock", "case_study")).all()
    assert [row[0] for row in ranked] == [wanted]
    assert hidden not in db.session.scalars(engine.matching_ids(member, "dock", "case_study")).all()
    assert db.session.execute(engine.ranked_matches(member, "", "case_study")).all() == []
