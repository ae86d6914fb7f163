"""The /search page runs a bounded number of SQL queries, however many results there are."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_user
from tests.search.page_support import make_case_study, make_document, make_meeting, make_minutes, zone

# The user loader, the header's notifications badge (an unread COUNT), the zones/sectors/networks vocabulary,
# the search itself (at most 3), the zones of the page's hits and the meetings of any minutes among them.
MAX_QUERIES = 8


def _add(count: int, start: int) -> None:
    """`count` more matching things of every kind: documents, case studies, meetings with minutes, people."""
    from zone_networks.extensions import db

    humber = zone("humber-freeport")
    for number in range(start, start + count):
        make_document(f"Quayside paper {number}", visibility="members", text="quayside works", commit=False)
        make_document(f"Quayside network paper {number}", network_slug="net-zero", text="quayside", commit=False)
        make_user(f"quayside{number}@humber.example", "humber-freeport", name=f"Quayside Person {number}")
    db.session.commit()
    for number in range(start, start + count):
        make_case_study(f"Quayside study {number}", zones=[humber])
        meeting = make_meeting(f"Quayside meeting {number}", network_slug="net-zero")
        make_minutes(meeting, f"Quayside minutes {number}")


def _statements(client: Any, db: Any, count_queries: Any, url: str) -> list[str]:
    db.session.remove()
    assert client.get(url).status_code == 200
    db.session.remove()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert "Quayside" in response.get_data(as_text=True)
    db.session.remove()
    return list(statements)


def _without_minutes(statements: list[str]) -> list[str]:
    return [statement for statement in statements if not statement.startswith("SELECT minutes.id, minutes.meeting_id")]


@pytest.mark.parametrize("url", [
    "/search?q=quayside", "/search?q=quayside&kind=minutes&kind=person",
    "/search?q=quayside&network=net-zero&kind=meeting&kind=minutes", "/search?q=quayside&zone=humber-freeport",
    "/search?q=quayside&page=2",
])
@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_query_count_does_not_grow_with_results(request, db, login, count_queries, url: str, role: str) -> None:
    client = login(request.getfixturevalue(role))
    _add(4, 0)  # about 24 results, so there is a second page
    few = _statements(client, db, count_queries, url)
    _add(8, 4)  # about 72
    many = _statements(client, db, count_queries, url)
    # The meetings of minutes are looked up only when the page shows minutes (page 2 of the smaller set has none).
    assert len(_without_minutes(few)) == len(_without_minutes(many)), "\n\n".join(many)
    assert len(many) <= MAX_QUERIES, "\n\n".join(many)


def test_signed_out_search_query_count(client, db, count_queries) -> None:
    for number in range(30):
        make_document(f"Quayside public paper {number}", visibility="public", commit=False)
    db.session.commit()
    statements = _statements(client, db, count_queries, "/search?q=quayside")
    assert len(statements) <= MAX_QUERIES - 2, "\n\n".join(statements)  # no user to load, no badge
