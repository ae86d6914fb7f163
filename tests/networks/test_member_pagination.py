"""A network's members, on its page and on the manage page, 50 at a time.

The Net Zero Network here has 60 active members: Zed Convenor (first, as the
convenor), Mina Member (the `member` fixture), then Person 000 to Person 057,
so the 51st member is Person 048.
"""

from __future__ import annotations

import re

import pytest

from tests.bulk_people import add_people
from tests.helpers import submit, text_of
from tests.networks.support import add_membership, membership, person
from zone_networks.extensions import db as _db
from zone_networks.networks.queries import MEMBERS_PER_PAGE

SHOW = "/networks/net-zero"
MANAGE = "/networks/net-zero/members"


@pytest.fixture()
def sixty(db, member) -> None:
    """Net Zero with 60 active members (and a few requests, which are not members)."""
    add_membership(person("zed@humber.example", "humber-freeport", name="Zed Convenor"), "net-zero", role="convenor")
    add_people(58, networks=["net-zero"])
    add_people(3, start=900, networks=["net-zero"], status="requested")


def _rows(body: str) -> list[str]:
    """The member names in the table, in order."""
    table = body.split('id="members"')[1].split("</table>")[0]
    return re.findall(r"(Zed Convenor|Mina Member|Person \d{3})", table)


def test_the_page_size_is_fifty() -> None:
    assert MEMBERS_PER_PAGE == 50


def test_first_page_shows_fifty_members_convenors_first(client, login, sixty, member) -> None:
    body = text_of(login(member).get(SHOW))
    rows = _rows(body)
    assert len(rows) == 50
    assert rows[:3] == ["Zed Convenor", "Mina Member", "Person 000"]
    assert rows[-1] == "Person 047"
    assert "Showing 1 to 50 of 60 members" in body
    assert "Person 900" not in body  # a request, not a member


def test_page_two_shows_the_51st_member(client, login, sixty, member) -> None:
    body = text_of(login(member).get(f"{SHOW}?page=2"))
    rows = _rows(body)
    assert rows[0] == "Person 048"
    assert rows == [f"Person {number:03d}" for number in range(48, 58)]
    assert "Showing 51 to 60 of 60 members" in body
    assert 'aria-label="Page 2" aria-current="page"' in body
    assert 'href="/networks/net-zero#members" rel="prev"' in body
    assert 'rel="next"' not in body


def test_pagination_links_jump_to_the_members_heading(client, login, sixty, member) -> None:
    body = text_of(login(member).get(SHOW))
    assert '<h2 class="govuk-heading-l" id="members">' in body
    assert 'href="/networks/net-zero?page=2#members" rel="next"' in body
    assert 'aria-label="Page 1" aria-current="page"' in body
    assert 'aria-label="Pages of members"' in body


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "", "%C2%B2", "99999999999999999999"])
def test_bad_page_values_show_page_one(client, login, sixty, member, value) -> None:
    response = login(member).get(f"{SHOW}?page={value}")
    assert response.status_code == 200
    body = text_of(response)
    assert "Showing 1 to 50 of 60 members" in body
    assert _rows(body)[0] == "Zed Convenor"


@pytest.mark.parametrize("url", [f"{SHOW}?page=3", f"{SHOW}?page=1000", f"{MANAGE}?page=3"])
def test_a_page_past_the_end_is_404(client, login, sixty, secretariat, url) -> None:
    assert login(secretariat).get(url).status_code == 404


def test_one_page_of_members_has_no_pagination(client, login, member) -> None:
    body = text_of(login(member).get(SHOW))
    assert "1 member" in body
    assert "govuk-pagination" not in body
    assert login(member).get(f"{SHOW}?page=2").status_code == 404


def test_an_empty_network_has_page_one_only(client, login, outsider) -> None:
    client = login(outsider)
    body = text_of(client.get("/networks/innovation-leads"))
    assert "This network has no members yet." in body
    assert client.get("/networks/innovation-leads?page=2").status_code == 404


def test_pagination_links_keep_other_query_parameters(client, login, sixty, member) -> None:
    body = text_of(login(member).get(f"{SHOW}?view=table&tag=a&tag=b&page=2"))
    assert 'href="/networks/net-zero?view=table&amp;tag=a&amp;tag=b#members" rel="prev"' in body
    assert 'href="/networks/net-zero?view=table&amp;tag=a&amp;tag=b#members" aria-label="Page 1"' in body


def test_url_for_options_in_the_query_string_stay_plain_parameters(client, login, sixty, member) -> None:
    body = text_of(login(member).get(f"{SHOW}?_external=1&_scheme=javascript&_anchor=x"))
    assert 'href="/networks/net-zero?_external=1&amp;_scheme=javascript&amp;_anchor=x&amp;page=2#members"' in body
    assert "javascript:" not in body


# Permissions: what the count and the pages reveal -----------------------------------------

@pytest.mark.parametrize("page", ["", "?page=2", "?page=99"])
def test_signed_out_visitors_see_no_members_no_count_and_no_pages(client, sixty, page) -> None:
    response = client.get(f"{SHOW}{page}")
    assert response.status_code == 200  # not 404 for page 99: that would tell them how many members there are
    body = text_of(response)
    assert "Sign in to see members" in body
    assert "Person 0" not in body and "Mina Member" not in body
    assert "Showing" not in body
    assert not re.search(r"\d+ members?\b", body)
    assert "govuk-pagination" not in body


@pytest.mark.parametrize("who", ["outsider", "official", "convenor"])
def test_signed_in_people_who_cannot_manage_see_the_count(client, login, request, sixty, who) -> None:
    body = text_of(login(request.getfixturevalue(who)).get(f"{SHOW}?page=2"))
    assert "Showing 51 to 60 of 60 members" in body
    assert "Manage members" not in body


@pytest.mark.parametrize("page", ["", "?page=2", "?page=99"])
def test_manage_page_is_refused_whatever_the_page(client, login, sixty, outsider, page) -> None:
    assert client.get(f"{MANAGE}{page}").status_code == 302  # signed out: to the sign-in page
    response = login(outsider).get(f"{MANAGE}{page}")
    assert response.status_code == 403
    body = text_of(response)
    assert "60 members" not in body and "Person 0" not in body


# The manage page ------------------------------------------------------------------------------

def test_manage_page_two_has_forms_for_its_rows_only(client, login, sixty, secretariat) -> None:
    body = text_of(login(secretariat).get(f"{MANAGE}?page=2"))
    assert '<h2 class="govuk-heading-l" id="members">60 members</h2>' in body
    assert "Showing 51 to 60 of 60 members" in body
    assert len(re.findall(r'name="m\d+-role"', body)) == 10
    assert "Person 048" in body and "Person 047" not in body
    assert 'href="/networks/net-zero/members#members" rel="prev"' in body


def test_role_change_on_page_two_returns_to_page_two(client, login, sixty, secretariat) -> None:
    from zone_networks.accounts.models import User

    login(secretariat)
    target = membership(_db.session.query(User).filter_by(name="Person 050").one(), "net-zero")
    action = f"{MANAGE}/{target.id}/role?page=2"
    assert f'action="{action}"' in text_of(client.get(f"{MANAGE}?page=2"))
    response = submit(client, action, {f"m{target.id}-role": "observer"}, form_url=f"{MANAGE}?page=2")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{MANAGE}?page=2"
    assert membership(target.user, "net-zero").role == "observer"


def test_failed_role_change_on_page_two_shows_page_two_with_the_error(client, login, sixty, secretariat) -> None:
    from zone_networks.accounts.models import User

    login(secretariat)
    target = membership(_db.session.query(User).filter_by(name="Person 050").one(), "net-zero")
    response = submit(client, f"{MANAGE}/{target.id}/role?page=2", {f"m{target.id}-role": "king"},
                      form_url=f"{MANAGE}?page=2")
    assert response.status_code == 400
    body = text_of(response)
    assert "There is a problem" in body
    assert "Showing 51 to 60 of 60 members" in body
    assert f'href="#m{target.id}-role"' in body
    # The pagination links go to the list, not to the form's address.
    assert 'href="/networks/net-zero/members#members" rel="prev"' in body


def test_failed_join_request_keeps_pagination_links_on_the_network_page(client, login, outsider) -> None:
    add_people(60, networks=["skills-forum"])
    login(outsider)
    response = submit(client, "/networks/skills-forum/join", {"note": "x" * 501}, form_url="/networks/skills-forum")
    assert response.status_code == 400
    body = text_of(response)
    assert 'href="/networks/skills-forum?page=2#members" rel="next"' in body
    assert "/join?page" not in body and "/join#members" not in body


# Query counts ----------------------------------------------------------------------------------

def _statements(client, count_queries, url: str) -> list[str]:
    # The test shares the app context (and so the session) with the requests: start each one cold.
    _db.session.remove()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    _db.session.remove()
    return list(statements)


@pytest.mark.parametrize("url", [SHOW, f"{SHOW}?page=2", MANAGE, f"{MANAGE}?page=2"])
def test_query_count_is_the_same_for_60_and_300_members(client, db, login, count_queries, secretariat, url) -> None:
    login(secretariat)
    add_people(60, networks=["net-zero"])
    few = _statements(client, count_queries, url)
    add_people(240, start=60, networks=["net-zero"], org_slug="celtic-freeport")
    many = _statements(client, count_queries, url)
    assert len(few) == len(many), "\n\n".join(many)
    assert len(many) <= 12


@pytest.mark.parametrize("url", [SHOW, MANAGE])
def test_a_full_page_and_a_short_page_run_the_same_queries(client, db, login, count_queries, secretariat, url) -> None:
    login(secretariat)
    add_people(60, networks=["net-zero"])
    full = _statements(client, count_queries, url)  # 50 rows
    short = _statements(client, count_queries, f"{url}?page=2")  # 10 rows
    assert len(full) == len(short)
