"""The case study list: newest first, filters in the address (zone, nation, sector, theme, figures, status, words)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.casestudies.support import make_case_study
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.casestudies.filters import CaseStudyFilters, Vocabulary
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db


def _titles(page: str, titles: list[str]) -> list[str]:
    """Which of `titles` the page lists in its results, in the order shown."""
    results = page[page.find('id="results"'):]
    found = [(results.find(f">{title}</a>"), title) for title in titles if f">{title}</a>" in results]
    return [title for _position, title in sorted(found)]


ALL = ["Humber wind", "Anglesey hydrogen", "Glasgow robots", "Teesside screens", "Belfast draft plan"]


@pytest.fixture()
def stories(db, member, outsider):
    """Four published case studies across nations, sectors and themes, one with figures; and a draft."""
    now = utcnow()
    made = [
        make_case_study(member, title="Humber wind", zones=("humber-freeport",), sectors=("clean-energy-industries",),
                        theme="net_zero", investment_gbp=186_000_000, investment_gbp_source="Action Plan",
                        jobs_created=1_200, jobs_created_source="Siemens Gamesa", is_public=True),
        make_case_study(outsider, title="Anglesey hydrogen", zones=("anglesey-freeport", "celtic-freeport"),
                        sectors=("clean-energy-industries",), theme="innovation"),
        make_case_study(member, title="Glasgow robots", zones=("glasgow-city-region-investment-zone",),
                        sectors=("advanced-manufacturing",), theme="skills"),
        make_case_study(member, title="Teesside screens",
                        zones=("teesside-freeport-and-tees-valley-investment-zone",),
                        sectors=("creative-industries",), theme="skills"),
        make_case_study(member, title="Belfast draft plan", zones=("northern-ireland-enhanced-investment-zone",),
                        status="draft", theme="planning"),
    ]
    for index, case_study in enumerate(made):  # the first is the newest
        case_study.published_at = now - timedelta(days=index) if case_study.is_published else None
        case_study.updated_at = now - timedelta(days=index)
    db.session.commit()
    return made


def test_newest_first_with_zones_theme_and_figures(client, login, outsider, stories) -> None:
    login(outsider)
    page = text_of(client.get("/case-studies"))
    assert _titles(page, ALL) == ["Humber wind", "Anglesey hydrogen", "Glasgow robots", "Teesside screens"]
    assert "4 case studies" in page
    assert "£186 million private investment" in page and "1,200 jobs created" in page
    assert "Anglesey Freeport, Celtic Freeport" in page
    assert ">Net zero</strong>" in page


@pytest.mark.parametrize(("query", "expected"), [
    ("zone=humber-freeport", ["Humber wind"]),
    ("zone=humber-freeport&zone=celtic-freeport", ["Humber wind", "Anglesey hydrogen"]),
    ("nation=Wales", ["Anglesey hydrogen"]),
    ("nation=Scotland&nation=Wales", ["Anglesey hydrogen", "Glasgow robots"]),
    ("nation=England", ["Humber wind", "Teesside screens"]),
    ("sector=clean-energy-industries", ["Humber wind", "Anglesey hydrogen"]),
    ("sector=clean-energy-industries&theme=innovation", ["Anglesey hydrogen"]),
    ("theme=skills", ["Glasgow robots", "Teesside screens"]),
    ("theme=skills&nation=England", ["Teesside screens"]),
    ("figures=yes", ["Humber wind"]),
    ("figures=yes&theme=skills", []),
    ("zone=not-a-zone&nation=Atlantis&theme=x&figures=maybe&status=draft",
     ["Humber wind", "Anglesey hydrogen", "Glasgow robots", "Teesside screens"]),
])
def test_filters(client, login, outsider, stories, query: str, expected: list[str]) -> None:
    login(outsider)
    response = client.get(f"/case-studies?{query}")
    assert response.status_code == 200
    assert _titles(text_of(response), ALL) == expected


def test_chosen_filters_can_be_removed_one_by_one(client, login, outsider, stories) -> None:
    login(outsider)
    page = text_of(client.get("/case-studies?nation=Wales&theme=innovation&figures=yes"))
    assert 'href="/case-studies?theme=innovation&amp;figures=yes"' in page  # remove Wales
    assert 'href="/case-studies?nation=Wales&amp;figures=yes"' in page  # remove the theme
    assert 'href="/case-studies?nation=Wales&amp;theme=innovation"' in page  # remove "has figures"
    assert 'id="filter-figures" name="figures" type="checkbox" value="yes" checked' in page
    assert "No case studies match these filters" in page


def test_signed_out_visitors_see_public_ones_only(client, stories) -> None:
    page = text_of(client.get("/case-studies"))
    assert _titles(page, ALL) == ["Humber wind"]
    assert "Sign in" in page


def test_the_secretariat_sees_drafts_tagged_and_can_filter_by_status(client, login, secretariat, stories) -> None:
    login(secretariat)
    page = text_of(client.get("/case-studies"))
    assert _titles(page, ALL) == ["Humber wind", "Anglesey hydrogen", "Glasgow robots", "Teesside screens",
                                  "Belfast draft plan"]
    assert "govuk-tag--grey\">Draft</strong>" in page
    assert _titles(text_of(client.get("/case-studies?status=draft")), ALL) == ["Belfast draft plan"]
    assert len(_titles(text_of(client.get("/case-studies?status=published")), ALL)) == 4
    assert "Your drafts" not in page


def test_authors_see_their_own_drafts_in_a_section(client, login, member, outsider, stories) -> None:
    login(member)
    page = text_of(client.get("/case-studies"))
    assert "Your drafts" in page
    drafts = page[page.find('id="drafts"'):page.find('id="results"')]
    assert "Belfast draft plan" in drafts
    assert "Belfast draft plan" not in page[page.find('id="results"'):]
    assert 'name="status"' not in page  # the status filter is the secretariat's
    login(outsider)
    assert "Your drafts" not in text_of(client.get("/case-studies"))


def test_words_narrow_the_list_through_the_search_index(client, login, outsider, stories) -> None:
    login(outsider)
    page = text_of(client.get("/case-studies?q=hydrogen"))
    assert _titles(page, ALL) == ["Anglesey hydrogen"]
    assert "“hydrogen”" in page
    assert _titles(text_of(client.get("/case-studies?q=technicians")), ALL) == [
        "Humber wind", "Anglesey hydrogen", "Glasgow robots", "Teesside screens"]  # in every summary
    # A draft's words find nothing for someone who may not see it.
    assert _titles(text_of(client.get("/case-studies?q=belfast")), ALL) == []
    assert _titles(text_of(client.get("/case-studies?q=%22%20OR%20*")), ALL) == []


def test_filters_from_the_address(db) -> None:
    vocabulary = Vocabulary(zones={"humber-freeport": "Humber Freeport"}, sectors={"defence": "Defence"})
    args = {"zone": ["humber-freeport", "humber-freeport", "nowhere"], "nation": ["Wales", "Mars"],
            "sector": "defence", "theme": ["skills", "cooking"], "figures": "yes", "status": "draft",
            "q": "  wind    turbines  "}
    filters = CaseStudyFilters.from_args(args, vocabulary)
    assert filters == CaseStudyFilters(zones=("humber-freeport",), nations=("Wales",), sectors=("defence",),
                                       themes=("skills",), figures=True, q="wind turbines")
    assert CaseStudyFilters.from_args(args, vocabulary, staff=True).statuses == ("draft",)
    assert filters.to_args() == [("q", "wind turbines"), ("zone", "humber-freeport"), ("nation", "Wales"),
                                 ("sector", "defence"), ("theme", "skills"), ("figures", "yes")]
    assert CaseStudyFilters.from_args({"q": "x" * 500}, vocabulary).q == "x" * 100


def test_fifty_a_page(db, client, login, outsider) -> None:
    now = utcnow()
    for number in range(52):
        case_study = make_case_study(None, title=f"Story {number:02d}", commit=False)
        case_study.published_at = now - timedelta(minutes=number)
    db.session.commit()
    login(outsider)
    first = text_of(client.get("/case-studies"))
    assert "Story 00" in first and "Story 49" in first and "Story 50" not in first
    assert "Showing 1 to 50 of 52" in first
    second = text_of(client.get("/case-studies?page=2"))
    assert "Story 50" in second and "Story 51" in second and "Story 00" not in second
    assert client.get("/case-studies?page=3").status_code == 404


def _add(author_id: int, number: int) -> None:
    author = db.session.get(User, author_id)
    for index in range(number):
        make_case_study(author, title=f"Story {index}", zones=("humber-freeport", "freeport-east"),
                        sectors=("defence",), jobs_created=index, jobs_created_source="x", commit=False)
        make_case_study(author, title=f"Draft {index}", status="draft", commit=False)
    db.session.commit()


@pytest.mark.parametrize("who", ["member", "secretariat", None])
@pytest.mark.parametrize("query", ["", "?nation=England&figures=yes&zone=humber-freeport&q=technicians"])
def test_the_list_runs_the_same_queries_for_3_and_30(request, client, login, count_queries, member,
                                                     who: str | None, query: str) -> None:
    if who:
        login(request.getfixturevalue(who))
    counts = []
    author_id = member.id
    for number in (3, 27):
        _add(author_id, number)
        db.session.remove()
        with count_queries() as statements:
            response = client.get(f"/case-studies{query}")
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
    assert counts[0] <= 9, counts  # 9 signed in: one is the header's notifications badge (an unread COUNT)
