"""The /directory page: who may open it, filters in the address, counts, removable filters, sort and pages."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import func, select

from tests.directory.people_support import GLASGOW, HUMBER, WREXHAM, add_person, build_world
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent

_RESULT_LINK = re.compile(r'<h3 class="govuk-heading-s[^"]*">\s*<a class="govuk-link" href="/people/(\d+)">([^<]+)</a>')


@pytest.fixture()
def world(db: Any) -> dict[str, User]:
    """The shared cast of people."""
    return build_world()


def _listed(body: str) -> list[str]:
    return [unescape(name) for _id, name in _RESULT_LINK.findall(body)]


def _hrefs(body: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', body)]


def _checkbox(body: str, name: str, value: str) -> str:
    match = re.search(rf'<input class="govuk-checkboxes__input"[^>]*name="{name}"[^>]*value="{re.escape(value)}"[^>]*>',
                      body)
    assert match, f"no checkbox {name}={value}"
    return match.group(0)


def _label_for(body: str, name: str, value: str) -> str:
    checkbox = _checkbox(body, name, value)
    checkbox_id = re.search(r'id="([^"]+)"', checkbox)
    assert checkbox_id
    label = re.search(rf'<label[^>]*for="{checkbox_id.group(1)}"[^>]*>\s*([^<]+?)\s*</label>', body)
    assert label
    return unescape(label.group(1))


# Who may open it -------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client: Any, world: dict[str, User]) -> None:
    response = client.get("/directory?zone=humber-freeport")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_deactivated_person_cannot_use_it(client: Any, login: Any, world: dict[str, User]) -> None:
    login(world["fran"])
    response = client.get("/directory")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_signed_in_members_see_the_directory(login: Any, world: dict[str, User]) -> None:
    response = login(world["cai"]).get("/directory")
    assert response.status_code == 200
    body = text_of(response)
    assert "<title>Directory - Zone Networks</title>" in body
    assert _listed(body) == ["Bryn Bell", "Cai Rhys", "Dilys Evans", "Siân Jones", "Tom Teal", "Zara Secretariat"]
    assert "6 people" in body
    assert "Deactivated" not in body


def test_staff_see_deactivated_people_with_a_tag(login: Any, world: dict[str, User]) -> None:
    body = text_of(login(world["sec"]).get("/directory?zone=humber-freeport"))
    assert _listed(body) == ["Fran Former", "Siân Jones"]
    assert "Deactivated</strong>" in body
    assert "Former member" not in body


def test_the_navigation_offers_the_directory_to_signed_in_people_only(client: Any, login: Any,
                                                                       world: dict[str, User]) -> None:
    assert 'href="/directory"' not in text_of(client.get("/zones"))
    login(world["cai"])
    assert 'href="/directory"' in text_of(client.get("/zones"))
    on_directory = text_of(client.get("/directory"))
    current = re.search(r'<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*'
                        r'<a class="govuk-service-navigation__link" href="/directory" aria-current="true">',
                        on_directory)
    assert current, "the Directory item is marked as the current section"


# The page shows what the query lists ------------------------------------------------------------------------


def test_results_show_job_organisation_roles_and_networks(login: Any, world: dict[str, User]) -> None:
    body = text_of(login(world["cai"]).get("/directory?q=cai"))
    assert _listed(body) == ["Cai Rhys"]
    assert "1 person" in body and "1 people" not in body
    assert "Skills officer, Wrexham and Flintshire Investment Zone" in body
    assert "Skills lead, Net zero lead" in body
    assert "Networks: Skills Forum" in body
    assert "Innovation Leads" not in body.split('id="results"')[1], "a declined membership is not shown"
    assert f'href="/people/{world["cai"].id}"' in body


def test_filters_in_the_address_narrow_the_list(login: Any, world: dict[str, User]) -> None:
    client = login(world["cai"])
    body = text_of(client.get(f"/directory?role=skills_lead&not_zone={WREXHAM}"))
    assert _listed(body) == ["Siân Jones"]
    body = text_of(client.get("/directory?q=Wrecsam"))
    assert _listed(body) == ["Cai Rhys"]
    body = text_of(client.get("/directory?network=skills-forum&network=innovation-leads&nation=Wales"))
    assert _listed(body) == ["Cai Rhys"]


def test_counts_are_shown_next_to_each_value_and_empty_values_are_hidden(login: Any,
                                                                          world: dict[str, User]) -> None:
    body = text_of(login(world["cai"]).get(f"/directory?zone={HUMBER}&tag=offshore-wind"))
    assert _label_for(body, "zone", GLASGOW) == "Glasgow City Region Investment Zone (1)"
    assert _label_for(body, "zone", HUMBER) == "Humber Freeport (0)"
    assert "checked" in _checkbox(body, "zone", HUMBER)
    assert "checked" not in _checkbox(body, "zone", GLASGOW)
    assert f'value="{WREXHAM}"' not in body
    assert _label_for(body, "tag", "offshore-wind") == "Offshore wind (0)"
    assert "No people match these filters." in body


def test_counts_never_include_people_the_viewer_may_not_see(login: Any, world: dict[str, User]) -> None:
    member_body = text_of(login(world["cai"]).get("/directory"))
    assert _label_for(member_body, "zone", HUMBER) == "Humber Freeport (1)"
    assert _label_for(member_body, "tag", "hydrogen") == "Hydrogen (2)"
    staff_body = text_of(login(world["sec"]).get("/directory"))
    assert _label_for(staff_body, "zone", HUMBER) == "Humber Freeport (2)"  # Fran; never the deleted person


def test_each_chosen_filter_is_a_link_to_the_list_without_it(login: Any, world: dict[str, User]) -> None:
    body = text_of(login(world["cai"]).get(
        f"/directory?q=skills&zone={HUMBER}&zone={WREXHAM}&role=skills_lead&not_zone={GLASGOW}&sort=zone"))
    assert "Selected filters" in body
    removals = {}
    for href, label in re.findall(r'<a class="govuk-link zn-selected-filter" href="([^"]+)">'
                                  r'<span class="govuk-visually-hidden">Remove this filter: </span>([^<]+)<', body):
        removals[unescape(label)] = sorted(parse_qsl(urlsplit(unescape(href)).query))
    full = [("not_zone", GLASGOW), ("q", "skills"), ("role", "skills_lead"), ("sort", "zone"), ("zone", HUMBER),
            ("zone", WREXHAM)]
    assert removals == {
        "“skills”": [pair for pair in full if pair[0] != "q"],
        "Not in Glasgow City Region Investment Zone": [pair for pair in full if pair[0] != "not_zone"],
        "Humber Freeport": [pair for pair in full if pair != ("zone", HUMBER)],
        "Wrexham and Flintshire Investment Zone": [pair for pair in full if pair != ("zone", WREXHAM)],
        "Skills lead": [pair for pair in full if pair[0] != "role"],
    }
    # Clear filters keeps only the sort; the form keeps not_zone and sort as hidden fields.
    assert "/directory?sort=zone" in _hrefs(body)
    assert f'<input type="hidden" name="not_zone" value="{GLASGOW}">' in body
    assert '<input type="hidden" name="sort" value="zone">' in body


def test_no_filters_means_no_selected_filters_and_no_clear_link(login: Any, world: dict[str, User]) -> None:
    body = text_of(login(world["cai"]).get("/directory?sort=zone"))
    assert "Selected filters" not in body
    assert "Clear filters" not in body


def test_sort_links_keep_the_filters(login: Any, world: dict[str, User]) -> None:
    client = login(world["cai"])
    body = text_of(client.get("/directory?role=skills_lead"))
    assert "/directory?role=skills_lead&sort=zone#results" in _hrefs(body)
    body = text_of(client.get("/directory?role=skills_lead&role=net_zero_lead&sort=zone"))
    assert _listed(body) == ["Siân Jones", "Tom Teal", "Cai Rhys"]
    assert "/directory?role=skills_lead&role=net_zero_lead#results" in _hrefs(body)


def test_unknown_values_in_the_address_are_ignored(login: Any, world: dict[str, User]) -> None:
    body = text_of(login(world["cai"]).get("/directory?zone=atlantis&role=captain&sort=height&page=abc"))
    assert "6 people" in body
    assert "Selected filters" not in body


def test_viewing_the_directory_writes_nothing(db: Any, login: Any, world: dict[str, User]) -> None:
    client = login(world["cai"])
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    with db.engine.connect() as connection:
        users_before = connection.exec_driver_sql("SELECT id, last_login_at, search_text FROM users ORDER BY id").all()
    assert client.get("/directory?q=skills&zone=humber-freeport").status_code == 200
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT id, last_login_at, search_text FROM users ORDER BY id").all() \
            == users_before
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before


# Pages ------------------------------------------------------------------------------------------------------


def test_pages_of_50_with_links_that_keep_the_filters(db: Any, login: Any, world: dict[str, User]) -> None:
    for number in range(60):
        add_person(f"p{number:02d}@humber.example", HUMBER, name=f"Pat {number:02d}", roles=["other"])
    db.session.commit()
    client = login(world["cai"])
    body = text_of(client.get(f"/directory?zone={HUMBER}&role=other"))
    assert "60 people" in body
    assert len(_listed(body)) == 50
    assert _listed(body)[0] == "Pat 00"
    assert "Showing 1 to 50 of 60" in body
    next_link = f"/directory?zone={HUMBER}&role=other&page=2#results"
    assert next_link in _hrefs(body)
    second = text_of(client.get(next_link.split("#")[0]))
    assert _listed(second) == [f"Pat {number}" for number in range(50, 60)]
    assert "(page 2 of 2)" in second
    assert client.get(f"/directory?zone={HUMBER}&role=other&page=3").status_code == 404
