"""The profile page /people/<id>: who may see it, what it shows, and each contact rule as rendered."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import text_of
from zone_networks.core.clock import utcnow
from zone_networks.directory import sections
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.directory.search import refresh_person
from zone_networks.networks.models import Membership, Network

from .library_support import add_case_study, add_document
from .profile_support import fresh


def _network(db, slug: str) -> Network:
    return db.session.scalars(select(Network).where(Network.slug == slug)).one()


def _main(response) -> str:
    """The page's main content (not the header, navigation or footer)."""
    page = text_of(response)
    return page[page.index('<main'):page.index('</main>')]


@pytest.fixture()
def rich(db, member):
    """The member with roles, tags, a bio and a pending request, as the profile form would leave them."""
    person = fresh(member)
    person.zone_roles = [PersonZoneRole(role="skills_lead"), PersonZoneRole(role="net_zero_lead")]
    person.expertise = [
        ExpertiseTag(name="Hydrogen", slug="hydrogen", managed=True),
        ExpertiseTag(name="Port logistics", slug="port-logistics"),
    ]
    person.bio = "Runs the **port skills academy**.\n\n<script>alert(1)</script>[bad](javascript:alert(1))"
    db.session.add(Membership(user_id=person.id, network_id=_network(db, "innovation-leads").id, status="requested"))
    refresh_person(person)
    db.session.commit()
    return person


# Who may see a profile


def test_anonymous_visitors_are_sent_to_sign_in(client, member) -> None:
    response = client.get(f"/people/{member.id}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_unknown_person_is_not_found(client, login, outsider) -> None:
    login(outsider)
    assert client.get("/people/99999").status_code == 404


def test_any_signed_in_person_sees_an_active_profile(client, login, member, outsider) -> None:
    login(outsider)
    response = client.get(f"/people/{member.id}")
    assert response.status_code == 200
    assert "Mina Member" in _main(response)
    assert "Deactivated" not in _main(response)


def test_a_deactivated_person_is_hidden_from_members(db, client, login, member, outsider) -> None:
    member.active = False
    db.session.commit()
    login(outsider)
    assert client.get(f"/people/{member.id}").status_code == 404


@pytest.mark.parametrize("staff", ["secretariat", "admin"])
def test_staff_see_a_deactivated_person_marked_as_such(request, db, client, login, member, staff) -> None:
    member.active = False
    db.session.commit()
    login(request.getfixturevalue(staff))
    response = client.get(f"/people/{member.id}")
    assert response.status_code == 200
    assert "Deactivated" in _main(response)


@pytest.mark.parametrize("viewer", ["outsider", "secretariat", "admin"])
def test_a_deleted_person_is_not_found_by_anyone(request, db, client, login, member, viewer) -> None:
    member.deleted_at = utcnow()
    db.session.commit()
    login(request.getfixturevalue(viewer))
    assert client.get(f"/people/{member.id}").status_code == 404


# What it shows


def test_the_profile_shows_who_they_are(client, login, rich, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{rich.id}"))
    assert "<h1 class=\"govuk-heading-l\">Mina Member</h1>" in main
    assert "Skills lead" in main  # job title and role
    assert 'href="/zones/humber-freeport">Humber Freeport</a>' in main
    assert "Net zero lead" in main


def test_networks_list_active_memberships_with_roles(client, login, rich, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{rich.id}"))
    assert 'href="/networks/skills-forum"' in main
    assert 'href="/networks/net-zero"' in main
    assert "(member)" in main
    assert 'href="/networks/innovation-leads"' not in main  # only requested


def test_a_convenor_is_shown_as_convenor(client, login, convenor, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{convenor.id}"))
    assert 'href="/networks/innovation-leads"' in main
    assert "(convenor)" in main


def test_expertise_links_to_the_directory(client, login, rich, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{rich.id}"))
    assert 'href="/directory?tag=hydrogen">Hydrogen</a>' in main
    assert 'href="/directory?tag=port-logistics">Port logistics</a>' in main


def test_each_zone_role_links_to_counterparts_in_other_zones(client, login, rich, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{rich.id}"))
    assert 'href="/directory?role=skills_lead&amp;not_zone=humber-freeport"' in main
    assert 'href="/directory?role=net_zero_lead&amp;not_zone=humber-freeport"' in main
    assert main.count("Find counterparts") == 2


def test_counterparts_of_someone_without_a_zone_are_not_limited_by_zone(db, client, login, official, outsider) -> None:
    person = fresh(official)
    person.zone_roles = [PersonZoneRole(role="skills_lead")]
    db.session.commit()
    login(outsider)
    main = _main(client.get(f"/people/{official.id}"))
    assert 'href="/directory?role=skills_lead"' in main
    assert "not_zone" not in main
    assert "Welsh Government" in main
    assert 'href="/zones/' not in main


def test_a_person_without_roles_tags_or_bio_shows_no_empty_rows(client, login, outsider, secretariat) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{secretariat.id}"))
    for absent in ("Roles", "Expertise", "Networks", "About", "Find counterparts", "Contact details"):
        assert absent not in main


def test_the_bio_is_rendered_as_sanitised_markdown(client, login, rich, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{rich.id}"))
    assert "<strong>port skills academy</strong>" in main
    assert "<script>alert(1)</script>" not in main
    assert 'href="javascript:' not in main


def test_your_own_profile_has_an_edit_link(client, login, member) -> None:
    login(member)
    main = _main(client.get(f"/people/{member.id}"))
    assert 'href="/account/profile"' in main
    assert 'href="/account/profile/photo"' in main


def test_someone_elses_profile_has_no_edit_link(client, login, member, outsider) -> None:
    login(outsider)
    main = _main(client.get(f"/people/{member.id}"))
    assert 'href="/account/profile"' not in main
    assert "/manage" not in main


@pytest.mark.parametrize("staff", ["secretariat", "admin"])
def test_staff_see_a_link_to_manage_the_person(request, client, login, member, staff) -> None:
    login(request.getfixturevalue(staff))
    assert f'href="/people/{member.id}/manage"' in _main(client.get(f"/people/{member.id}"))


def test_viewing_a_profile_writes_nothing(db, client, login, rich, outsider, count_queries) -> None:
    login(outsider)
    with count_queries() as statements:
        client.get(f"/people/{rich.id}")
    writes = [s for s in statements if re.match(r"\s*(INSERT|UPDATE|DELETE)", s, re.IGNORECASE)]
    assert writes == []


# Contact details, each rule as the page renders it


def _set_contacts(db, person, rule: str) -> None:
    person.phone = "07700 900123"
    person.other_contact = "Teams: mina.member"
    person.email_visibility = person.phone_visibility = person.other_contact_visibility = rule
    db.session.commit()


def _shown(client, person) -> set[str]:
    main = _main(client.get(f"/people/{person.id}"))
    found = set()
    if "member@humber.example" in main:
        found.add("email")
    if "07700 900123" in main:
        found.add("phone")
    if "Teams: mina.member" in main:
        found.add("other")
    return found


ALL = {"email", "phone", "other"}


def test_only_me_is_shown_to_the_owner_alone(db, client, login, member, secretariat, official) -> None:
    _set_contacts(db, member, "only_me")
    login(member)
    assert _shown(client, member) == ALL
    login(secretariat)
    assert _shown(client, member) == set()
    login(official)
    assert _shown(client, member) == set()


def test_secretariat_rule_is_shown_to_staff_not_to_a_network_peer(db, client, login, member, secretariat,
                                                                 admin, official) -> None:
    _set_contacts(db, member, "secretariat")
    login(secretariat)
    assert _shown(client, member) == ALL
    login(admin)
    assert _shown(client, member) == ALL
    login(official)
    assert _shown(client, member) == set()


def test_networks_rule_is_shown_to_active_peers_only(db, client, login, member, official, outsider,
                                                     convenor) -> None:
    _set_contacts(db, member, "networks")
    waiting = make_user("waiting@thames.example", "thames-freeport", name="Waiting Peer")
    db.session.add(Membership(user_id=waiting.id, network_id=_network(db, "skills-forum").id, status="requested"))
    db.session.commit()
    login(official)  # observer in the Skills Forum
    assert _shown(client, member) == ALL
    for viewer in (outsider, convenor, waiting):
        login(viewer)
        assert _shown(client, member) == set()


def test_members_rule_is_shown_to_every_signed_in_person(db, client, login, member, outsider) -> None:
    _set_contacts(db, member, "members")
    login(outsider)
    assert _shown(client, member) == ALL


def test_the_owner_sees_who_can_see_each_detail(db, client, login, member) -> None:
    _set_contacts(db, member, "members")
    login(member)
    assert _main(client.get(f"/people/{member.id}")).count("Who can see this: All members") == 3


# Sections that later features fill


def test_no_section_headings_while_nothing_is_shared(client, login, member, outsider) -> None:
    assert sections.profile_sections(member, outsider) == []
    login(outsider)
    main = _main(client.get(f"/people/{member.id}"))
    assert "Case studies" not in main


def test_a_section_renders_with_its_heading_and_items(monkeypatch, client, login, member, outsider) -> None:
    shared = sections.ProfileSection(
        key="case-studies", heading="Case studies",
        items=(sections.SectionItem("Port skills academy", "/case-studies/1", "Published 1 May 2026"),),
        more_text="All case studies by Mina Member", more_href="/case-studies?author=1",
    )
    monkeypatch.setattr("zone_networks.directory.profile_routes.profile_sections", lambda person, viewer: [shared])
    login(outsider)
    main = _main(client.get(f"/people/{member.id}"))
    assert '<h2 class="govuk-heading-m" id="case-studies">Case studies</h2>' in main
    assert 'href="/case-studies/1">Port skills academy</a>' in main
    assert "Published 1 May 2026" in main
    assert 'href="/case-studies?author=1">All case studies by Mina Member</a>' in main


def test_an_empty_section_is_dropped() -> None:
    kept: list[sections.ProfileSection] = []
    sections._add(kept, sections.ProfileSection(key="documents", heading="Documents"))
    sections._add(kept, None)
    assert kept == []


# Bounded queries


def _add_lots(db, person, count: int) -> None:
    person = fresh(person)
    person.expertise = [ExpertiseTag(name=f"Tag {n}", slug=f"tag-{n}") for n in range(count)]
    person.zone_roles = [PersonZoneRole(role=role) for role in ("skills_lead", "innovation_lead", "net_zero_lead")]
    person.phone, person.phone_visibility = "07700 900123", "networks"
    db.session.add(Membership(user_id=person.id, network_id=_network(db, "innovation-leads").id, status="active"))
    for n in range(count):  # more than a section shows: their lists must not add queries per item
        add_document(person, f"Paper {n}", visibility="members", age_days=n)
        add_case_study(person, f"Study {n}", age_days=n)
    db.session.commit()


def test_the_profile_page_runs_a_fixed_number_of_queries(db, client, login, member, official,
                                                         count_queries) -> None:
    other = make_user("small@humber.example", "humber-freeport", name="Small Profile")
    db.session.add(Membership(user_id=other.id, network_id=_network(db, "skills-forum").id, status="active"))
    other.phone, other.phone_visibility = "07700 900999", "networks"
    db.session.commit()
    _add_lots(db, member, 25)
    login(official)
    other_url, member_url = f"/people/{other.id}", f"/people/{member.id}"
    client.get(other_url)  # warm up (the first request compiles templates)
    db.session.remove()  # each request starts with an empty session, as in production
    with count_queries() as small:
        assert client.get(other_url).status_code == 200
    db.session.remove()
    with count_queries() as large:
        assert client.get(member_url).status_code == 200
    assert len(large) == len(small)
    # The viewer, the header's notifications badge, the person (organisation and zone joined), the zone's
    # sectors, zone roles, expertise, active memberships, the shared networks, and one each for the case studies
    # and documents sections.
    assert len(large) <= 10
