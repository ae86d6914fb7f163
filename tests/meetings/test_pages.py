"""The meeting pages: /meetings, /meetings/<id> and /networks/<slug>/meetings show only what each person may see."""

from __future__ import annotations

import re

import pytest

from tests.helpers import text_of
from zone_networks.extensions import db


@pytest.fixture()
def spread(db, make_meeting):
    """Meetings across networks: members-only, public, draft, past, cancelled."""
    return {
        "members": make_meeting(title="Members forum", format="hybrid", join_link="https://meet.example/secret"),
        "public": make_meeting(title="Open forum", is_public=True, format="online",
                               join_link="https://meet.example/public-secret", days=3),
        "draft": make_meeting(title="Draft forum", status="draft", is_public=True),
        "past": make_meeting(title="Last years forum", days=-30, status="held", is_public=True),
        "cancelled": make_meeting(title="Cancelled forum", status="cancelled", is_public=True, days=5),
        "innovation": make_meeting("innovation-leads", title="Innovation call"),
    }


def _titles(body: str) -> set[str]:
    return set(re.findall(r'href="/meetings/\d+">([^<]+)</a>', body))


def test_signed_out_visitors_see_public_meetings_only(client, spread) -> None:
    assert _titles(text_of(client.get("/meetings"))) == {"Open forum", "Cancelled forum"}
    assert _titles(text_of(client.get("/meetings?when=past"))) == {"Last years forum"}
    assert client.get(f"/meetings/{spread['public'].id}").status_code == 200
    for key in ("members", "draft", "innovation"):
        assert client.get(f"/meetings/{spread[key].id}").status_code == 404


def test_members_see_their_networks_meetings_but_not_drafts(client, login, member, spread) -> None:
    login(member)
    assert _titles(text_of(client.get("/meetings"))) == {"Members forum", "Open forum", "Cancelled forum"}
    assert client.get(f"/meetings/{spread['innovation'].id}").status_code == 404


def test_staff_see_everything(client, login, secretariat, spread) -> None:
    login(secretariat)
    assert _titles(text_of(client.get("/meetings"))) == {
        "Members forum", "Open forum", "Cancelled forum", "Draft forum", "Innovation call"}


def test_a_convenor_sees_drafts_of_their_network_only(client, login, convenor, spread, make_meeting) -> None:
    make_meeting("innovation-leads", title="Innovation draft", status="draft")
    login(convenor)
    assert _titles(text_of(client.get("/meetings"))) == {
        "Open forum", "Cancelled forum", "Innovation call", "Innovation draft"}


def test_filter_by_network(client, login, secretariat, spread) -> None:
    login(secretariat)
    assert _titles(text_of(client.get("/meetings?network=innovation-leads"))) == {"Innovation call"}
    assert "Innovation call" not in _titles(text_of(client.get("/meetings?network=skills-forum")))
    assert len(_titles(text_of(client.get("/meetings?network=unknown")))) == 5  # unknown network: no filter


def test_join_link_only_for_invitees(client, login, member, outsider, spread) -> None:
    public = spread["public"]
    assert "public-secret" not in text_of(client.get(f"/meetings/{public.id}"))
    assert "to see the link to join" in text_of(client.get(f"/meetings/{public.id}"))
    login(outsider)
    body = text_of(client.get(f"/meetings/{public.id}"))
    assert "public-secret" not in body and "Only members of the" in body
    login(member)
    assert "https://meet.example/public-secret" in text_of(client.get(f"/meetings/{public.id}"))
    assert "https://meet.example/secret" in text_of(client.get(f"/meetings/{spread['members'].id}"))


def test_a_cancelled_meeting_hides_its_link(client, login, member, make_meeting) -> None:
    meeting = make_meeting(status="cancelled", format="online", join_link="https://meet.example/gone")
    login(member)
    body = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "meet.example/gone" not in body and "This meeting has been cancelled." in body


def test_the_meeting_page_shows_details(client, login, member, make_meeting) -> None:
    meeting = make_meeting(capacity=30, description="Agenda to follow.\n\n<script>alert(1)</script>")
    login(member)
    body = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "10am to midday" in body and "UK time" in body
    assert '<span class="zn-pre-line">1 Victoria Street' in body and "London</span>" in body
    assert "30 places (30 left)" in body
    assert "<script>alert(1)</script>" not in body


def test_network_meetings_page(client, login, member, secretariat, spread) -> None:
    body = text_of(client.get("/networks/skills-forum/meetings"))
    assert _titles(body) == {"Open forum", "Cancelled forum"}
    assert "Schedule a meeting" not in body
    login(member)
    assert _titles(text_of(client.get("/networks/skills-forum/meetings"))) == {
        "Members forum", "Open forum", "Cancelled forum"}
    assert _titles(text_of(client.get("/networks/skills-forum/meetings?when=past"))) == {"Last years forum"}
    login(secretariat)
    body = text_of(client.get("/networks/skills-forum/meetings"))
    assert "Schedule a meeting" in body and "Set up a series" in body
    assert client.get("/networks/nope/meetings").status_code == 404


def test_meetings_is_in_the_service_navigation(client, db) -> None:
    body = text_of(client.get("/meetings"))
    assert re.search(r'href="/meetings"[^>]*aria-current="page"|aria-current="page"[^>]*href="/meetings"', body) \
        or 'href="/meetings"' in body


def test_pages_of_fifty(client, login, secretariat, make_meeting) -> None:
    for number in range(52):
        make_meeting(title=f"Meeting {number:02d}", days=1 + number)
    login(secretariat)
    first = text_of(client.get("/meetings"))
    assert len(_titles(first)) == 50 and "Meeting 00" in _titles(first)
    second = text_of(client.get("/meetings?page=2"))
    assert _titles(second) == {"Meeting 50", "Meeting 51"}
    assert client.get("/meetings?page=3").status_code == 404


def _statements(client, db, count_queries, path: str) -> list[str]:
    db.session.remove()
    assert client.get(path).status_code == 200
    db.session.remove()
    with count_queries() as statements:
        assert client.get(path).status_code == 200
    db.session.remove()
    return list(statements)


@pytest.mark.parametrize("path", ["/meetings", "/meetings?when=past", "/networks/skills-forum/meetings"])
def test_list_query_count_does_not_grow_with_meetings(client, login, member, make_meeting, count_queries,
                                                      path) -> None:
    login(member)
    for number in range(3):
        make_meeting(title=f"Few {number}", days=number + 1)
        make_meeting(title=f"Old {number}", days=-number - 1)
    few = _statements(client, db, count_queries, path)
    for number in range(30):
        make_meeting(title=f"Many {number}", days=number + 5, is_public=bool(number % 2))
        make_meeting("net-zero", title=f"Old many {number}", days=-number - 5)
    many = _statements(client, db, count_queries, path)
    assert len(few) == len(many)
    assert len(many) <= 10, "\n".join(many)


def test_meeting_page_query_count_is_small(client, login, member, make_meeting, count_queries) -> None:
    meeting = make_meeting()
    login(member)
    statements = _statements(client, db, count_queries, f"/meetings/{meeting.id}")
    assert len(statements) <= 20, "\n".join(statements)  # 7 for the details and the RSVP area today
