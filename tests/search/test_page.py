"""The /search page: the form and its error, ranked results with marked titles and snippets, filters, pages."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_user
from tests.helpers import text_of
from tests.search.page_support import (
    make_case_study,
    make_document,
    make_meeting,
    make_minutes,
    result_titles,
    search,
    sector,
    zone,
)


def test_empty_search_shows_only_the_form(client, db) -> None:
    response = client.get("/search")
    page = text_of(response)
    assert response.status_code == 200
    assert "<title>Search - Zone Networks</title>" in page
    assert 'role="search"' in page and 'name="q"' in page and 'type="search"' in page
    assert 'id="results"' not in page and "Filter results" not in page


def test_search_is_in_the_service_navigation_signed_in_and_out(client, member, login) -> None:
    assert 'href="/search"' in text_of(client.get("/zones"))
    login(member)
    assert 'href="/search"' in text_of(client.get("/zones"))


def test_a_search_over_200_characters_is_refused_without_searching(client, db, count_queries) -> None:
    make_document("Quayside plan", visibility="public")
    db.session.remove()
    with count_queries() as statements:
        response = search(client, "quayside " + "x" * 192)
    page = text_of(response)
    assert response.status_code == 400
    assert "<title>Error: Search - Zone Networks</title>" in page
    assert "There is a problem" in page
    assert page.count("Search must be 200 characters or fewer") == 2  # the summary and the field
    assert 'href="#q"' in page
    assert not any("search_entries" in statement or "search_fts" in statement for statement in statements)
    assert 'id="results"' not in page


def test_a_search_of_exactly_200_characters_runs(client, db) -> None:
    make_document("Quayside plan", visibility="public")
    response = search(client, "quayside" + " " * 2 + "x" * 190)
    assert response.status_code == 200
    assert 'id="results"' in text_of(response)


def test_a_result_shows_kind_marked_title_snippet_network_and_date(client, db) -> None:
    document = make_document(
        "Hydrogen skills survey", network_slug="net-zero", visibility="public",
        description="What employers told us.", text="Employers need electrolyser technicians by 2030.",
    )  # fmt: skip
    page = text_of(search(client, "electrolyser"))
    assert '<h2 class="govuk-heading-m" id="results">1 result</h2>' in page
    assert "govuk-tag--blue zn-search-result__kind\">Document</strong>" in page
    assert f'href="/documents/{document.id}"' in page
    assert "<mark>electrolyser</mark>" in page
    assert "Network: Net Zero" in page
    assert "Updated " in page
    assert "<title>Search results for “electrolyser” - Zone Networks</title>" in page


def test_title_words_are_marked(client, db) -> None:
    make_document("Hydrogen skills survey", visibility="public")
    page = text_of(search(client, "hydrogen"))
    assert "<mark>Hydrogen</mark> skills survey" in page


def test_text_in_results_is_escaped(client, db) -> None:
    make_document("<script>alert(1)</script> quayside", visibility="public", text="<b>quayside</b> & more")
    page = text_of(search(client, "quayside"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>quayside</b>" not in page


def test_no_results_gives_advice(client, db) -> None:
    page = text_of(search(client, "zzyzx"))
    assert '<h2 class="govuk-heading-m" id="results">0 results</h2>' in page
    assert "There are no matching results." in page
    assert "double-checking your spelling" in page and "using fewer words" in page
    assert "removing filters" not in page  # nothing to remove
    assert "to search your networks" in page  # signed out: signing in finds more
    page = text_of(search(client, "zzyzx", kind="document"))
    assert "removing filters" in page


def test_kind_filter_has_counts_and_narrows_results(client, member, login, db) -> None:
    make_document("Quayside skills paper", visibility="members")
    make_document("Quayside survey", visibility="members")
    study = make_case_study("Quayside training centre")
    login(member)
    page = text_of(search(client, "quayside"))
    assert "3 results" in page
    assert f'href="/case-studies/{study.id}"' in page
    assert ">Case study</strong>" in page
    assert re.search(r'value="document"\s*>\s*<label[^>]*>Documents \(2\)</label>', page)
    assert re.search(r'value="case_study"\s*>\s*<label[^>]*>Case studies \(1\)</label>', page)
    assert 'value="person"' not in page  # no people match: no empty choice offered

    response = search(client, "quayside", kind="case_study")
    assert result_titles(response) == ["Quayside training centre"]
    page = text_of(response)
    assert re.search(r'value="case_study" checked', page)
    assert "Selected filters" in page
    assert 'href="/search?q=quayside"' in page  # removes the kind filter (and clears all)


def test_several_kinds_can_be_chosen(client, member, login, db) -> None:
    make_document("Quayside skills paper", visibility="members")
    make_case_study("Quayside training centre")
    make_meeting("Quayside visit", network_slug="skills-forum")
    login(member)
    response = client.get("/search?q=quayside&kind=document&kind=meeting")
    assert sorted(result_titles(response)) == ["Quayside skills paper", "Quayside visit"]


def test_network_filter(client, member, login, db) -> None:
    make_document("Quayside skills paper", network_slug="skills-forum", visibility="members")
    make_document("Quayside net zero paper", network_slug="net-zero", visibility="members")
    login(member)
    assert result_titles(search(client, "quayside", network="net-zero")) == ["Quayside net zero paper"]
    page = text_of(search(client, "quayside", network="net-zero"))
    assert '<option value="net-zero" selected>' in page


def test_zone_and_sector_filters(client, member, login, db) -> None:
    humber, glasgow = zone("humber-freeport"), zone("glasgow-city-region-investment-zone")
    clean_energy = sector("clean-energy-industries")
    make_case_study("Quayside academy in the Humber", zones=[humber], sectors=[clean_energy])
    make_case_study("Quayside academy in Glasgow", zones=[glasgow])
    login(member)
    assert result_titles(search(client, "quayside", zone="humber-freeport")) == ["Quayside academy in the Humber"]
    assert result_titles(search(client, "quayside", sector="clean-energy-industries")) == [
        "Quayside academy in the Humber"]
    page = text_of(search(client, "quayside academy humber"))
    assert "Zone: Humber Freeport" in page


def test_unknown_filter_values_are_ignored(client, member, login, db) -> None:
    make_document("Quayside skills paper", visibility="members")
    login(member)
    response = client.get("/search?q=quayside&kind=nonsense&network=nowhere&zone=atlantis&sector=x")
    assert result_titles(response) == ["Quayside skills paper"]
    assert "Selected filters" not in text_of(response)


def test_pages_of_twenty(client, db) -> None:
    for number in range(25):
        make_document(f"Quayside paper {number:02d}", visibility="public", commit=False)
    db.session.commit()
    first = search(client, "quayside")
    assert len(result_titles(first)) == 20
    page = text_of(first)
    assert "25 results" in page and "Showing 1 to 20 of 25" in page
    assert 'href="/search?q=quayside&amp;page=2#results"' in page
    second = search(client, "quayside", page=2)
    assert len(result_titles(second)) == 5
    assert "(page 2 of 2)" in text_of(second)
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert search(client, "quayside", page=3).status_code == 404
    assert search(client, "quayside", page="abc").status_code == 200  # not a number: page 1


def test_welsh_names_are_found_without_accents(client, member, login, db) -> None:
    make_user("sian@anglesey.example", "anglesey-freeport", name="Siân Llŷr", job_title="Skills lead")
    db.session.commit()
    login(member)
    page = text_of(search(client, "Sian"))
    assert "Siân" in page and "Person" in page
    assert result_titles(search(client, "sian llyr")) == ["Siân Llŷr"]


def test_people_link_to_their_profile_with_their_zone(client, member, login, db) -> None:
    person = make_user("sian@anglesey.example", "anglesey-freeport", name="Siân Quayside-Jones")
    db.session.commit()
    login(member)
    page = text_of(search(client, "quayside", kind="person"))
    assert f'href="/people/{person.id}"' in page
    assert "Zone: Anglesey Freeport" in page


def test_meetings_and_minutes_link_to_the_meeting(client, member, login, db) -> None:
    meeting = make_meeting("Quayside visit", network_slug="skills-forum", description="Walk the quayside.")
    make_minutes(meeting, "We agreed to fund the cofferdam study.")
    login(member)
    page = text_of(search(client, "quayside"))
    assert f'href="/meetings/{meeting.id}"' in page
    page = text_of(search(client, "cofferdam"))
    assert f'href="/meetings/{meeting.id}#minutes"' in page
    assert ">Minutes</strong>" in page


@pytest.mark.parametrize("q", ['"quayside', "quay*", "quayside:", "a & b | !c (d)", "NEAR(quayside)", "OR", "'; --",
                               "!!!", "\u0000quayside"])
def test_odd_searches_never_fail(client, db, q: str) -> None:
    make_document("Quayside plan", visibility="public")
    assert search(client, q).status_code == 200


def test_the_words_searched_for_are_escaped_on_the_page(client, db) -> None:
    page = text_of(search(client, "<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
