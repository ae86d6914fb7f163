"""A zone's people, 50 at a time, by name; signed-out visitors see neither people nor counts."""

from __future__ import annotations

import re

import pytest

from tests.bulk_people import add_people
from tests.factories import organisation
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.zones.queries import PEOPLE_PER_PAGE

HUMBER = "/zones/humber-freeport"


@pytest.fixture()
def sixty(db, member) -> None:
    """60 active people at Humber: Mina Member, then Person 000 to Person 058 (in one or two networks each)."""
    add_people(30, networks=["skills-forum"])
    add_people(29, start=30, networks=["skills-forum", "innovation-leads"])
    _db.session.add(User(email="gone@humber.example", name="Aaron Gone", organisation=organisation("humber-freeport"),
                         password_hash="not-a-real-hash", active=False))
    _db.session.commit()


def _rows(body: str) -> list[str]:
    table = body.split('id="people"')[1].split("</table>")[0]
    return re.findall(r"(Mina Member|Person \d{3}|Aaron Gone)", table)


def test_the_page_size_is_fifty() -> None:
    assert PEOPLE_PER_PAGE == 50


def test_first_page_shows_fifty_people_by_name(client, login, sixty, outsider) -> None:
    body = text_of(login(outsider).get(HUMBER))
    rows = _rows(body)
    assert rows[:2] == ["Mina Member", "Person 000"]
    assert len(rows) == 50 and rows[-1] == "Person 048"
    assert "Aaron Gone" not in body  # deactivated: not listed, not counted
    assert "60 people work here" in body
    assert "Showing 1 to 50 of 60 people" in body
    assert 'href="/zones/humber-freeport?page=2#people" rel="next"' in body


def test_page_two_shows_the_51st_person_with_their_networks(client, login, sixty, outsider) -> None:
    body = text_of(login(outsider).get(f"{HUMBER}?page=2"))
    assert _rows(body) == [f"Person {number:03d}" for number in range(49, 59)]
    assert "Showing 51 to 60 of 60 people" in body
    assert "60 people work here" in body
    row = body.split("Person 049")[1].split("</tr>")[0]
    assert "Innovation Leads" in row and "Skills Forum" in row
    assert 'href="/zones/humber-freeport#people" rel="prev"' in body
    assert '<h2 class="govuk-heading-m" id="people">' in body


@pytest.mark.parametrize("value", ["abc", "0", "-1"])
def test_bad_page_values_show_page_one(client, login, sixty, outsider, value) -> None:
    response = login(outsider).get(f"{HUMBER}?page={value}")
    assert response.status_code == 200
    assert "Showing 1 to 50 of 60 people" in text_of(response)


def test_a_page_past_the_end_is_404(client, login, sixty, outsider) -> None:
    client = login(outsider)
    assert client.get(f"{HUMBER}?page=3").status_code == 404
    assert client.get("/zones/thames-freeport?page=2").status_code == 404  # nobody there: page 1 only
    assert client.get("/zones/thames-freeport").status_code == 200


def test_pagination_links_keep_other_query_parameters(client, login, sixty, outsider) -> None:
    body = text_of(login(outsider).get(f"{HUMBER}?sort=name&page=2"))
    assert 'href="/zones/humber-freeport?sort=name#people" rel="prev"' in body


def test_one_page_of_people_has_no_pagination(client, login, member, outsider) -> None:
    body = text_of(login(outsider).get(HUMBER))
    assert "1 person works here" in body
    assert "Showing" not in body and "govuk-pagination" not in body


@pytest.mark.parametrize("page", ["", "?page=2", "?page=99"])
def test_signed_out_visitors_see_no_people_and_no_count(client, sixty, page) -> None:
    response = client.get(f"{HUMBER}{page}")
    assert response.status_code == 200  # not 404 for page 99: that would tell them how many people there are
    body = text_of(response)
    assert "Sign in to see who works here" in body
    assert "Person 0" not in body and "Mina Member" not in body
    assert "work here" not in body and "Showing" not in body and "govuk-pagination" not in body


def _statements(client, count_queries, url: str) -> list[str]:
    _db.session.remove()  # the test shares the session with the requests: start each one cold
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    _db.session.remove()
    return list(statements)


@pytest.mark.parametrize("url", [HUMBER, f"{HUMBER}?page=2"])
def test_query_count_is_the_same_for_60_and_300_people(client, db, login, count_queries, outsider, url) -> None:
    login(outsider)
    add_people(60, networks=["skills-forum", "net-zero"])
    few = _statements(client, count_queries, url)
    add_people(240, start=60, networks=["skills-forum", "innovation-leads", "net-zero"])
    many = _statements(client, count_queries, url)
    assert len(few) == len(many), "\n\n".join(many)
    assert len(many) <= 10
