"""One zone's page: facts, networks derived from eligibility, and people for signed-in users only."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.factories import make_user, organisation
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.networks.models import Membership, Network


def _networks_section(body: str) -> str:
    return body.split('id="zone-networks"')[1].split("</ul>")[0]


def test_zone_facts_are_shown(client) -> None:
    response = client.get("/zones/teesside-freeport-and-tees-valley-investment-zone")
    assert response.status_code == 200
    body = text_of(response)
    assert "<h1 class=\"govuk-heading-l\">Teesside Freeport and Tees Valley Investment Zone</h1>" in body
    assert "Freeport and Investment Zone" in body
    assert "England" in body
    assert "Active" in body
    assert "Clean Energy Industries" in body
    assert "Creative Industries" in body
    assert "Clean Energy Industries, digitally-enabled Creative Industries" in body  # specialism


def test_zone_note_and_status_are_shown(client) -> None:
    body = text_of(client.get("/zones/northern-ireland-enhanced-investment-zone"))
    assert "In development" in body
    assert "an envelope of £150 million" in body
    assert "None listed yet" in body  # no sectors


def test_clean_energy_zone_takes_part_in_all_three_networks(client) -> None:
    networks = _networks_section(text_of(client.get("/zones/humber-freeport")))
    assert "Industrial Strategy Zones Skills Forum" in networks
    assert "Innovation Leads Network" in networks
    assert "Net Zero Network" in networks
    assert 'href="/networks/net-zero"' in networks


def test_zone_without_clean_energy_is_not_in_net_zero(client) -> None:
    networks = _networks_section(text_of(client.get("/zones/wrexham-and-flintshire-investment-zone")))
    assert "Skills Forum" in networks
    assert "Innovation Leads Network" in networks
    assert "Net Zero" not in networks


def test_networks_follow_the_eligibility_rule_not_a_list(client, db) -> None:
    # Make Innovation Leads a clean-energy-only network: Wrexham (Advanced Manufacturing) drops out.
    network = db.session.scalars(select(Network).filter_by(slug="innovation-leads")).one()
    net_zero = db.session.scalars(select(Network).filter_by(slug="net-zero")).one()
    network.eligibility = "sector"
    network.eligible_sector_id = net_zero.eligible_sector_id
    db.session.commit()
    wrexham = text_of(client.get("/zones/wrexham-and-flintshire-investment-zone"))
    assert "Innovation Leads" not in _networks_section(wrexham)
    assert "Innovation Leads" in _networks_section(text_of(client.get("/zones/celtic-freeport")))


def test_unknown_zone_is_404(client) -> None:
    response = client.get("/zones/atlantis-freeport")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)


def test_anonymous_visitors_do_not_see_people(client, member) -> None:
    body = text_of(client.get("/zones/humber-freeport"))
    assert "Mina Member" not in body
    assert "Sign in to see who works here" in body
    assert 'href="/login?next=/zones/humber-freeport"' in body


def test_signed_in_people_see_who_works_in_a_zone(login, member, outsider) -> None:
    client = login(outsider)
    body = text_of(client.get("/zones/humber-freeport"))
    assert "Sign in to see who works here" not in body
    assert "Mina Member" in body
    assert "Skills lead" in body
    people = body.split("1 person works here")[1]
    assert "Skills Forum" in people
    assert "Net Zero" in people


def test_people_list_shows_roles_other_than_member(login, convenor, official) -> None:
    client = login(official)
    body = text_of(client.get("/zones/glasgow-city-region-investment-zone"))
    assert "Connor Convenor" in body
    assert "Innovation Leads (Convenor)" in body


def test_people_list_leaves_out_other_zones_inactive_people_and_memberships(login, db, member, outsider) -> None:
    make_user("gone@humber.example", "humber-freeport", name="Gwen Gone", active=False)
    pending = make_user("pending@humber.example", "humber-freeport", name="Pat Pending")
    innovation = db.session.scalars(select(Network).filter_by(slug="innovation-leads")).one()
    db.session.add(Membership(user_id=pending.id, network_id=innovation.id, status="requested"))
    make_user("elsewhere@solent.example", "solent-freeport", name="Sol Elsewhere")
    db.session.commit()
    body = text_of(login(outsider).get("/zones/humber-freeport"))
    assert "Mina Member" in body
    assert "Gwen Gone" not in body
    assert "Sol Elsewhere" not in body
    assert "Owain Outsider" not in body  # Wrexham, not Humber
    assert "Pat Pending" in body
    row = body.split("Pat Pending")[1].split("</tr>")[0]
    assert "Innovation Leads" not in row
    assert "None yet" in row


def test_zone_with_nobody_says_so(login, outsider) -> None:
    body = text_of(login(outsider).get("/zones/thames-freeport"))
    assert "Nobody from this zone has an account yet." in body


def test_deactivated_user_is_treated_as_anonymous(login, db, member) -> None:
    client = login(member)
    member.active = False
    db.session.commit()
    body = text_of(client.get("/zones/humber-freeport"))
    assert "Sign in to see who works here" in body


def test_people_names_are_escaped(login, db, outsider) -> None:
    make_user("xss@humber.example", "humber-freeport", name="<script>alert(1)</script>", job_title="<b>Lead</b>")
    db.session.commit()
    body = text_of(login(outsider).get("/zones/humber-freeport"))
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;Lead&lt;/b&gt;" in body


def _add_people(db, first: int, last: int) -> None:
    """People numbered first..last-1 at Humber, in one to three networks (no slow password hashing)."""
    networks = list(db.session.scalars(select(Network).order_by(Network.id)))
    humber = organisation("humber-freeport")
    for number in range(first, last):
        user = User(email=f"person{number}@humber.example", name=f"Person {number:03d}", job_title="Lead",
                    organisation=humber, password_hash="not-a-real-hash")
        db.session.add(user)
        db.session.flush()
        for network in networks[: 1 + number % len(networks)]:
            db.session.add(Membership(user_id=user.id, network_id=network.id, status="active"))
    db.session.commit()


def _measure(client, db, count_queries, url: str) -> tuple[list[str], str]:
    # The test shares the app context (and so the session) with the requests: start each one cold.
    db.session.remove()
    with count_queries() as statements:
        body = text_of(client.get(url))
    return statements, body


def test_query_count_does_not_grow_with_people(db, login, outsider, count_queries) -> None:
    client = login(outsider)
    _add_people(db, 0, 3)
    few, body = _measure(client, db, count_queries, "/zones/humber-freeport")
    assert "3 people work here" in body
    _add_people(db, 3, 30)
    many, body = _measure(client, db, count_queries, "/zones/humber-freeport")
    assert "30 people work here" in body
    assert len(re.findall(r"Person \d{3}", body)) == 30
    assert len(few) == len(many) <= 10


def test_anonymous_query_count_is_small(client, db, count_queries) -> None:
    statements, body = _measure(client, db, count_queries, "/zones/humber-freeport")
    assert "Sign in to see who works here" in body
    assert len(statements) <= 4


def test_page_views_do_not_write(login, db, member, count_queries) -> None:
    client = login(member)
    users_before = db.session.scalar(select(func.count(User.id)))
    with count_queries() as statements:
        client.get("/zones")
        client.get("/zones/humber-freeport")
        client.get("/zones?nation=Wales")
    writes = [s for s in statements if s.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert db.session.scalar(select(func.count(User.id))) == users_before
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0
