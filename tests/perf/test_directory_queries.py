"""The directory and profile pages run the same number of SQL statements however many people there are.

The people come from the demo command (the same code as `make bench`'s 5,000
people), with zone roles, expertise, networks and search text, so a page that
passes here cannot fall into N+1 queries under the bench. Measured when this
was written: /directory with three filters and a text query ran 8 statements
for a member (7 for the secretariat) both with 77 people and with 367; a
profile ran 7 (6), whoever's it was.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.demo import DEFAULT_SEED
from zone_networks.demo.services import build_demo_data
from zone_networks.directory.filters import FACETS, DirectoryFilters
from zone_networks.directory.queries import people_count_query

# Three filters and a text query, as in the issue and in bench/directory.py; the second adds a
# second value to two facets, sorts by zone and searches two words.
SEARCHES = [
    [("nation", "England"), ("programme", "freeport"), ("role", "skills_lead"), ("q", "skills")],
    [("network", "net-zero"), ("tag", "hydrogen"), ("tag", "offshore-wind"), ("nation", "Scotland"),
     ("nation", "England"), ("q", "net zero"), ("sort", "zone")],
]
FEW, MANY = 10, 300
MAX_DIRECTORY_STATEMENTS = 10
MAX_PROFILE_STATEMENTS = 10  # 10 since the header's notifications badge (one unread COUNT per page)


def _statements(client: Any, db: Any, count_queries: Any, path: str) -> list[str]:
    """The SQL a signed-in GET of `path` runs, measured on a second, cold-session request."""
    db.session.remove()  # the test shares the app context (and session) with the requests
    assert client.get(path).status_code == 200
    db.session.remove()
    with count_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    db.session.remove()
    return list(statements)


def _difference(few: list[str], many: list[str]) -> str:
    extra = list(many)
    for statement in few:
        if statement in extra:
            extra.remove(statement)
    return f"{len(few)} statements with {FEW} extra people, {len(many)} with {MANY}; the extra ones:\n" + "\n\n".join(
        extra
    )


def _matches(db: Any, viewer: User, args: list[tuple[str, str]]) -> int:
    from werkzeug.datastructures import MultiDict

    filters = DirectoryFilters.from_args(MultiDict(args))
    assert len([facet for facet, _parameter in FACETS if filters.values(facet)]) >= 3, "three filters, or more"
    return int(db.session.scalar(people_count_query(viewer, filters)) or 0)


@pytest.mark.parametrize("args", SEARCHES, ids=["three-filters", "more-values-by-zone"])
@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_directory_statements_do_not_grow_with_people(
    request: pytest.FixtureRequest, db: Any, login: Any, count_queries: Any, args: list[tuple[str, str]], role: str
) -> None:
    viewer = request.getfixturevalue(role)
    client = login(viewer)
    path = f"/directory?{urlencode(args)}"
    build_demo_data(seed=DEFAULT_SEED, extra_people=FEW)
    matched_few = _matches(db, viewer, args)
    few = _statements(client, db, count_queries, path)

    build_demo_data(seed=DEFAULT_SEED, extra_people=MANY)
    matched_many = _matches(db, viewer, args)
    assert 0 < matched_few < matched_many, (matched_few, matched_many)
    assert db.session.scalar(select(func.count(User.id))) > MANY
    many = _statements(client, db, count_queries, path)

    assert len(few) == len(many), _difference(few, many)
    assert len(many) <= MAX_DIRECTORY_STATEMENTS, "\n\n".join(many)


def test_a_second_page_of_results_runs_as_many_statements(db: Any, login: Any, member: User,
                                                          count_queries: Any) -> None:
    client = login(member)
    build_demo_data(seed=DEFAULT_SEED, extra_people=MANY)
    args = [("nation", "England"), ("nation", "Wales"), ("org_kind", "zone"), ("role", "skills_lead"),
            ("role", "innovation_lead"), ("q", "lead")]
    assert _matches(db, member, args) > 50
    first = _statements(client, db, count_queries, f"/directory?{urlencode(args)}")
    second = _statements(client, db, count_queries, f"/directory?{urlencode([*args, ('page', '2')])}")
    assert len(first) == len(second), _difference(first, second)


def _busiest_and_quietest(db: Any) -> tuple[int, int]:
    """The demo people in zones with the most and the fewest zone roles + expertise tags + memberships."""
    from zone_networks.directory.models import PersonZoneRole, person_tags
    from zone_networks.networks.models import Membership
    from zone_networks.zones.models import Organisation

    def counts(column: Any, table: Any) -> dict[int, int]:
        return dict(db.session.execute(select(column, func.count()).select_from(table).group_by(column)).all())

    roles = counts(PersonZoneRole.user_id, PersonZoneRole)
    tags = counts(person_tags.c.user_id, person_tags)
    memberships = counts(Membership.user_id, Membership)
    weight = {user_id: roles.get(user_id, 0) + tags.get(user_id, 0) + memberships.get(user_id, 0)
              for user_id in db.session.scalars(
                  select(User.id).join(Organisation).where(Organisation.zone_id.is_not(None))
              )}
    ordered = sorted(weight, key=lambda user_id: (weight[user_id], user_id))
    return ordered[-1], ordered[0]


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_profile_statements_are_bounded(request: pytest.FixtureRequest, db: Any, login: Any, count_queries: Any,
                                        role: str) -> None:
    viewer = request.getfixturevalue(role)
    client = login(viewer)
    build_demo_data(seed=DEFAULT_SEED, extra_people=FEW)
    busiest, quietest = _busiest_and_quietest(db)
    few = _statements(client, db, count_queries, f"/people/{busiest}")
    quiet = _statements(client, db, count_queries, f"/people/{quietest}")

    build_demo_data(seed=DEFAULT_SEED, extra_people=MANY)
    many = _statements(client, db, count_queries, f"/people/{busiest}")

    assert len(few) == len(many), _difference(few, many)
    assert len(quiet) == len(few), _difference(quiet, few)
    assert len(many) <= MAX_PROFILE_STATEMENTS, "\n\n".join(many)
