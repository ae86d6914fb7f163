"""The home page, the list of networks and a network's page, for every kind of visitor."""

from __future__ import annotations

import pytest

from tests.helpers import text_of
from tests.networks.support import add_membership, person


def test_home_signed_out_explains_the_service(client, db) -> None:
    body = text_of(client.get("/"))
    assert "Peer networks for the UK&#39;s Industrial Strategy Zones" in body or "Industrial Strategy Zones" in body
    assert "22 Industrial Strategy Zones" in body
    for name in ("Industrial Strategy Zones Skills Forum", "Innovation Leads Network", "Net Zero Network"):
        assert name in body
    assert "Zones that focus on Clean Energy Industries" in body
    assert 'href="/zones"' in body
    assert 'href="/login"' in body
    assert "Your networks" not in body


def test_home_signed_in_lists_networks_with_roles_and_requests(client, db, login, member) -> None:
    add_membership(member, "innovation-leads", status="requested")
    login(member)
    body = text_of(client.get("/"))
    assert "Your networks" in body
    assert "Industrial Strategy Zones Skills Forum" in body and "Net Zero Network" in body
    assert "Your role: Member" in body
    assert "Your join requests" in body
    assert "Innovation Leads Network: you asked on" in body
    assert "What is next" in body
    assert "No meetings have been scheduled yet." in body
    assert "Join requests waiting for you" not in body


def test_home_tells_convenor_how_many_requests_wait(client, db, login, convenor, outsider) -> None:
    add_membership(outsider, "innovation-leads", status="requested")
    login(convenor)
    body = text_of(client.get("/"))
    assert "Join requests waiting for you" in body
    assert "1 request to join the Innovation Leads Network" in body
    assert 'href="/networks/innovation-leads#requests"' in body
    assert "See all join requests" not in body


def test_home_convenor_does_not_see_other_networks_requests(client, db, login, convenor, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    login(convenor)
    assert "Join requests waiting for you" not in text_of(client.get("/"))


def test_home_tells_secretariat_about_every_request(client, db, login, secretariat, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    add_membership(outsider, "innovation-leads", status="requested")
    login(secretariat)
    body = text_of(client.get("/"))
    assert "1 request to join the Industrial Strategy Zones Skills Forum" in body
    assert "1 request to join the Innovation Leads Network" in body
    assert 'href="/admin/requests"' in body


def test_home_for_someone_in_no_network(client, db, login, outsider) -> None:
    login(outsider)
    body = text_of(client.get("/"))
    assert "You are not a member of any network yet." in body


def test_networks_index_signed_out(client, db) -> None:
    body = text_of(client.get("/networks"))
    assert "Meets twice a year" in body
    assert "People from all 22 zones" in body
    assert "People from the 12 of 22 zones whose sectors include Clean Energy Industries" in body
    assert "Government officials may join" in body
    assert "Not a member" not in body and "Not eligible" not in body


def test_networks_index_shows_your_status(client, db, login, member) -> None:
    add_membership(member, "innovation-leads", status="requested")
    login(member)
    body = text_of(client.get("/networks"))
    assert "govuk-tag--green" in body  # active in two networks
    assert "govuk-tag--blue" in body  # requested the third


def test_networks_index_shows_not_eligible(client, db, login, outsider) -> None:
    login(outsider)
    body = text_of(client.get("/networks"))
    assert "Not eligible" in body  # Net Zero: Wrexham has no Clean Energy Industries
    assert "Not a member" in body


def test_unknown_network_is_404(client, db) -> None:
    assert client.get("/networks/no-such-network").status_code == 404


def test_network_page_signed_out_hides_members(client, db, member) -> None:
    response = client.get("/networks/net-zero")
    assert response.status_code == 200
    body = text_of(response)
    assert "Net Zero Network" in body
    assert "Sign in to see members" in body
    assert "Mina Member" not in body
    assert "The 12 eligible zones" in body
    assert "Humber Freeport" in body and "Wrexham and Flintshire Investment Zone" not in body
    assert "Ask to join" not in body


def test_network_page_lists_members_for_signed_in_people(client, db, login, member, outsider) -> None:
    login(outsider)
    body = text_of(client.get("/networks/net-zero"))
    assert "Mina Member" in body
    assert "Humber Freeport" in body
    assert "Sign in to see members" not in body


def test_skills_forum_lists_all_zones_and_officials(client, db, login, official, member) -> None:
    login(member)
    body = text_of(client.get("/networks/skills-forum"))
    assert "The 22 eligible zones" in body
    assert "Government officials may join" in body
    assert "Olwen Official" in body and "Observer" in body


@pytest.mark.parametrize("slug", ["skills-forum", "innovation-leads", "net-zero"])
def test_network_page_for_staff_says_they_manage(client, db, login, secretariat, slug) -> None:
    login(secretariat)
    body = text_of(client.get(f"/networks/{slug}"))
    assert "You manage this network as part of the secretariat." in body
    assert "Ask to join" not in body
    assert f'href="/networks/{slug}/members"' in body


def test_network_page_status_for_active_member(client, db, login, member) -> None:
    login(member)
    body = text_of(client.get("/networks/net-zero"))
    assert "You are a member of this network. Your role: Member." in body
    assert "Ask to join" not in body
    assert "Manage members" not in body
    assert "Join requests" not in body


def test_network_page_status_for_declined_person_offers_asking_again(client, db, login, outsider) -> None:
    item = add_membership(outsider, "skills-forum", status="declined")
    from zone_networks.core.clock import utcnow

    item.decided_at = utcnow()
    db.session.commit()
    login(outsider)
    body = text_of(client.get("/networks/skills-forum"))
    assert "Your last request to join was declined on" in body
    assert "Ask to join" in body


def test_network_page_for_ineligible_zone(client, db, login, outsider) -> None:
    login(outsider)
    body = text_of(client.get("/networks/net-zero"))
    assert "this network is for zones whose sectors include Clean Energy Industries" in body
    assert "Wrexham and Flintshire Investment Zone" in body
    assert "Ask to join" not in body


def test_network_page_for_official_where_officials_cannot_join(client, db, login, official) -> None:
    login(official)
    body = text_of(client.get("/networks/innovation-leads"))
    assert "Government officials take part in the Skills Forum instead." in body
    assert "Ask to join" not in body


def test_official_can_ask_to_join_skills_forum(client, db, login) -> None:
    scot = person("official@gov.scot.example", "scottish-government")
    login(scot)
    assert "Ask to join" in text_of(client.get("/networks/skills-forum"))


def test_convenor_sees_requests_and_manage_link(client, db, login, convenor, outsider) -> None:
    add_membership(outsider, "innovation-leads", status="requested", note="I lead innovation in Wrexham")
    login(convenor)
    body = text_of(client.get("/networks/innovation-leads"))
    assert "Join requests" in body
    assert "I lead innovation in Wrexham" in body
    assert "Owain Outsider" in body
    assert "/networks/innovation-leads/requests/" in body and "/approve" in body and "/decline" in body
    assert 'href="/networks/innovation-leads/members"' in body


def test_convenor_of_one_network_cannot_manage_another(client, db, login, convenor, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested", note="Please let me in")
    login(convenor)
    body = text_of(client.get("/networks/skills-forum"))
    assert "Please let me in" not in body
    assert "/approve" not in body
    assert "Manage members" not in body


def test_pages_do_not_write(client, db, login, member, count_queries) -> None:
    login(member)
    with count_queries() as statements:
        for url in ("/", "/networks", "/networks/net-zero", "/networks/skills-forum"):
            assert client.get(url).status_code == 200
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
