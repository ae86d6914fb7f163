"""The foundation pages of `make bench` run the same number of SQL queries however many people there are.

The larger data comes from the same code as the bench's data set (the demo
command's extra people), so a page that passes here cannot fall into N+1
queries under `make bench`.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.demo import DEFAULT_SEED
from zone_networks.demo.services import build_demo_data
from zone_networks.networks.models import Membership, Network

PAGES = ["/zones", "/networks/net-zero"]


def _statements(client: Any, db: Any, count_queries: Any, path: str) -> list[str]:
    """The SQL a signed-in GET of `path` runs, measured on a second, cold-session request."""
    db.session.remove()  # the test shares the app context (and session) with the requests
    assert client.get(path).status_code == 200
    db.session.remove()
    with count_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    db.session.remove()
    return list(statements)


def _net_zero_members(db: Any) -> int:
    query = (
        select(func.count(Membership.id))
        .join(Network, Network.id == Membership.network_id)
        .where(Network.slug == "net-zero", Membership.status == "active")
    )
    return int(db.session.scalar(query) or 0)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_query_count_does_not_grow_with_people(request, db, login, count_queries, path: str, role: str) -> None:
    user = request.getfixturevalue(role)
    client = login(user)
    build_demo_data(seed=DEFAULT_SEED, extra_people=10)
    people_before, members_before = db.session.scalar(select(func.count(User.id))), _net_zero_members(db)
    few = _statements(client, db, count_queries, path)

    build_demo_data(seed=DEFAULT_SEED, extra_people=200)
    assert db.session.scalar(select(func.count(User.id))) == people_before + 190
    assert _net_zero_members(db) > members_before
    many = _statements(client, db, count_queries, path)

    assert len(few) == len(many), _difference(few, many)
    assert len(many) <= 12, "\n".join(many)


def _difference(few: list[str], many: list[str]) -> str:
    extra = list(many)
    for statement in few:
        if statement in extra:
            extra.remove(statement)
    return f"{len(few)} queries with 10 extra people, {len(many)} with 200; the extra ones:\n" + "\n\n".join(extra)
