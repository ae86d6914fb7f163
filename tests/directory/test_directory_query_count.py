"""The directory page runs the same number of SQL statements however many people it lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.directory.people_support import GLASGOW, HUMBER, TEESSIDE, WREXHAM, add_person, build_world
from zone_networks.accounts.models import User

ZONES = [HUMBER, GLASGOW, WREXHAM, TEESSIDE]
FILTERED = "/directory?nation=England&nation=Wales&role=skills_lead&network=skills-forum&q=skills"
PAGES = [FILTERED, FILTERED + "&sort=zone&tag=hydrogen&tag=apprenticeships", "/directory", "/directory?sort=zone"]
MOST_STATEMENTS = 10


def _add_people(db: Any, start: int, count: int) -> None:
    for number in range(start, start + count):
        add_person(
            f"lead{number}@example.com", ZONES[number % len(ZONES)], name=f"Lead {number:03d}",
            job_title="Skills lead", roles=["skills_lead", "other"] if number % 2 else ["skills_lead"],
            tags=["Hydrogen", f"Topic {number % 7}"] if number % 3 else ["Apprenticeships"],
            networks={"skills-forum": "active", "net-zero": "active" if number % 2 else "requested"},
        )
    db.session.commit()


def _statements(client: Any, db: Any, count_queries: Any, path: str) -> list[str]:
    """The SQL of a signed-in GET of `path` on a cold session (as in production, one session per request)."""
    db.session.remove()
    with count_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    db.session.remove()
    return list(statements)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("who", ["cai", "sec"])
def test_statements_do_not_grow_with_people(db: Any, login: Any, count_queries: Any, path: str, who: str) -> None:
    world: dict[str, User] = build_world()
    client = login(world[who])
    _add_people(db, 0, 5)
    few = _statements(client, db, count_queries, path)

    _add_people(db, 5, 120)
    many = _statements(client, db, count_queries, path)

    assert len(few) == len(many), "\n\n".join(many)
    assert len(many) <= MOST_STATEMENTS, "\n\n".join(many)
