"""The challenge board: what each person sees, the filters, the sort orders, bounded queries."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from tests.challenges.support import EAST, GLASGOW, lead, make_challenge, sector
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.challenges.models import Challenge
from zone_networks.challenges.services import endorse, resolve


def titles(response) -> list[str]:
    """The challenge titles listed, in order."""
    return re.findall(r'<a class="govuk-link" href="/challenges/\d+">([^<]+)</a>', text_of(response))


def test_the_board_lists_what_the_viewer_may_see(client, login, poster, peer, member) -> None:
    make_challenge(poster, title="Innovation challenge")
    make_challenge(member, "skills-forum", title="Skills challenge")
    login(peer)
    assert titles(client.get("/challenges")) == ["Innovation challenge"]
    login(member)
    assert titles(client.get("/challenges")) == ["Skills challenge"]


def test_each_row_shows_zone_theme_sectors_status_and_counts(client, login, poster, peer) -> None:
    challenge = make_challenge(poster, theme="net_zero", sector_ids=[sector("clean-energy-industries").id])
    endorse(peer, challenge)
    login(peer)
    page = text_of(client.get("/challenges"))
    assert "Humber Freeport" in page and "Net zero" in page and "Clean Energy Industries" in page
    assert "govuk-tag--turquoise\">Open<" in page
    assert "1 zone has this too" in page and "0 offers of help" in page


def test_an_outsider_sees_an_empty_board_and_no_post_button(client, login, poster, outsider) -> None:
    make_challenge(poster)
    login(outsider)
    page = text_of(client.get("/challenges"))
    assert "There are no challenges yet." in page and "Post a challenge" not in page


@pytest.mark.parametrize(("query", "expected"), [
    ("status=resolved", ["Resolved one"]),
    ("status=open&status=resolved", ["Glasgow net zero", "Resolved one", "Welders"]),
    ("theme=net_zero", ["Glasgow net zero"]),
    ("sector=clean-energy-industries", ["Welders"]),
    ("zone=glasgow-city-region-investment-zone", ["Glasgow net zero"]),
    ("zone=humber-freeport&theme=skills", ["Resolved one", "Welders"]),
    ("zone=nowhere&theme=weather", ["Glasgow net zero", "Resolved one", "Welders"]),  # unknown values dropped
])
def test_filters(client, login, poster, convenor, peer, query, expected) -> None:
    make_challenge(poster, title="Welders", sector_ids=[sector("clean-energy-industries").id])
    done = make_challenge(poster, title="Resolved one")
    resolve(poster, done)
    make_challenge(convenor, title="Glasgow net zero", theme="net_zero")
    login(peer)
    assert sorted(titles(client.get(f"/challenges?{query}"))) == expected


def test_most_shared_sorts_by_endorsements(client, login, poster, peer, db) -> None:
    first = make_challenge(poster, title="Shared by two")
    make_challenge(poster, title="Newest, shared by none")
    for email, slug in (("a@glasgow.example", GLASGOW), ("b@east.example", EAST)):
        endorse(lead(email, slug), db.session.get(Challenge, first.id))
    login(peer)
    assert titles(client.get("/challenges?sort=shared")) == ["Shared by two", "Newest, shared by none"]
    # Newest activity: the endorsement touched "Shared by two" last.
    assert titles(client.get("/challenges")) == ["Shared by two", "Newest, shared by none"]
    # Without that activity, the newest challenge comes first (but still last when sorted by most shared).
    db.session.execute(update(Challenge).where(Challenge.id == first.id).values(updated_at=Challenge.created_at))
    db.session.commit()
    assert titles(client.get("/challenges")) == ["Newest, shared by none", "Shared by two"]
    assert titles(client.get("/challenges?sort=shared")) == ["Shared by two", "Newest, shared by none"]


def test_chosen_filters_are_shown_as_links_to_remove_them(client, login, poster, peer) -> None:
    make_challenge(poster)
    login(peer)
    page = text_of(client.get("/challenges?theme=skills&status=open&sort=shared"))
    assert "Selected filters" in page
    assert 'href="/challenges?status=open&amp;sort=shared"' in page  # without "Skills"
    assert 'href="/challenges?sort=shared">Clear filters' in page


@pytest.mark.parametrize("who", ["peer", "secretariat"])
@pytest.mark.parametrize("query", ["", "?status=open&theme=skills&sector=clean-energy-industries&sort=shared"])
def test_the_board_runs_the_same_queries_for_3_and_30(request, client, login, count_queries, poster, db,
                                                       who, query) -> None:
    viewer = request.getfixturevalue(who)
    login(viewer)
    poster_id = poster.id
    clean = [sector("clean-energy-industries").id, sector("advanced-manufacturing").id]
    totals = []
    for number in (3, 27):
        author = db.session.get(User, poster_id)
        for index in range(number):
            make_challenge(author, title=f"Challenge {index}", sector_ids=clean)
        db.session.remove()
        with count_queries() as statements:
            response = client.get(f"/challenges{query}")
        assert response.status_code == 200
        totals.append(len(statements))
    assert totals[0] == totals[1], totals
    assert totals[0] <= 10, totals


def test_pages_of_50(client, login, poster, peer, db) -> None:
    for index in range(51):
        make_challenge(db.session.get(User, poster.id), title=f"Challenge {index}")
    login(peer)
    assert len(titles(client.get("/challenges"))) == 50
    second = client.get("/challenges?page=2")
    assert len(titles(second)) == 1 and "page 2 of 2" in text_of(second)
    assert client.get("/challenges?page=3").status_code == 404


def test_the_network_page_of_innovation_leads_links_to_the_board(client, login, peer) -> None:
    login(peer)
    assert 'href="/challenges"' in text_of(client.get("/networks/innovation-leads"))
    assert "The challenge board" not in text_of(client.get("/networks/skills-forum"))


def test_the_navigation_has_challenges_for_signed_in_people(client, login, peer) -> None:
    link = re.compile(r'govuk-service-navigation__link"[^>]*href="/challenges"|href="/challenges"[^>]*'
                      r'class="govuk-service-navigation__link')
    assert not link.search(text_of(client.get("/zones")))
    login(peer)
    assert link.search(text_of(client.get("/zones")))


def test_the_board_loads_its_live_script(client, login, peer) -> None:
    login(peer)
    page = text_of(client.get("/challenges"))
    assert "js/challenges-live.js" in page and 'id="new-challenges"' in page and 'aria-live="polite"' in page


