"""Demo people have real directory profiles: zone roles, expertise, a bio, contact details, searchable text."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from zone_networks.accounts.models import CONTACT_VISIBILITIES, User
from zone_networks.core.markdown import render_markdown
from zone_networks.core.text import fold
from zone_networks.demo import DEFAULT_SEED, DEMO_DOMAIN
from zone_networks.demo.plan import DEMO_LOGINS, EXTRA_ROLES, OTHER_STAFF, plan_people
from zone_networks.demo.profiles import FREEPORT_EXPERTISE, KIND_EXPERTISE, SECTOR_EXPERTISE
from zone_networks.demo.services import build_demo_data
from zone_networks.directory.filters import DirectoryFilters
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.directory.queries import people_query
from zone_networks.directory.search import search_document
from zone_networks.directory.tags import MANAGED_TAGS, tag_slug
from zone_networks.networks.models import Network
from zone_networks.zones.models import Zone

LEAD_ROLES = {"skills": "skills_lead", "innovation": "innovation_lead", "net-zero": "net_zero_lead"}
WELSH_ZONES = ("anglesey-freeport", "celtic-freeport", "wrexham-and-flintshire-investment-zone",
               "cardiff-and-newport-investment-zone")


def _people(db: Any, pattern: str = "%") -> list[User]:
    db.session.remove()
    query = (
        select(User)
        .where(User.email.like(pattern))
        .options(selectinload(User.zone_roles), selectinload(User.expertise))
        .order_by(User.id)
    )
    return list(db.session.scalars(query))


def _roles(user: User) -> set[str]:
    return {held.role for held in user.zone_roles}


def _by_email(people: list[User]) -> dict[str, User]:
    return {user.email: user for user in people}


def test_every_expertise_the_demo_uses_is_on_the_managed_list() -> None:
    names = {name for names in KIND_EXPERTISE.values() for name in names}
    names |= {name for names in SECTOR_EXPERTISE.values() for name in names} | set(FREEPORT_EXPERTISE)
    assert names <= set(MANAGED_TAGS), names - set(MANAGED_TAGS)


def test_core_people_hold_the_zone_roles_their_jobs_say(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    people = _by_email(_people(db))
    for email, user in people.items():
        prefix, place = email.split("@")[0].split(".", 1) if "." in email.split("@")[0] else (email, "")
        if prefix in LEAD_ROLES:
            assert LEAD_ROLES[prefix] in _roles(user), email
            kind = {"net-zero": "net_zero"}.get(prefix, prefix)
            extra = set(EXTRA_ROLES.get((kind, place), ()))
            assert _roles(user) == {LEAD_ROLES[prefix]} | extra, email
        elif user.zone is None:
            assert _roles(user) == set(), f"{email} works in no zone, so holds no zone role"
        else:
            assert _roles(user) == {"other"}, email
    two_roles = [user.email for user in people.values() if len(user.zone_roles) == 2]
    assert len(two_roles) == len(EXTRA_ROLES) == 3
    wrexham = people[f"skills.wrexham-and-flintshire-investment-zone@{DEMO_DOMAIN}"]
    assert _roles(wrexham) == {"skills_lead", "innovation_lead"}
    others = [user for user in people.values() if _roles(user) == {"other"}]
    assert len(others) == len(OTHER_STAFF)


def test_every_demo_person_lists_one_to_four_managed_areas_of_expertise(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=120)
    people = _people(db)
    assert len(people) == 186
    counts = Counter(len(user.expertise) for user in people)
    assert set(counts) <= {1, 2, 3, 4} and len(counts) == 4, counts
    assert all(tag.managed for user in people for tag in user.expertise)
    net_zero = [user for user in people if "net_zero_lead" in _roles(user)]
    clean = {tag_slug(name) for name in KIND_EXPERTISE["net_zero"] + SECTOR_EXPERTISE["Clean Energy Industries"]}
    clean |= {tag_slug(name) for names in SECTOR_EXPERTISE.values() for name in names}
    assert all(any(tag.slug in clean for tag in user.expertise) for user in net_zero)


def test_bios_are_short_markdown_that_renders(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=60)
    people = _people(db)
    assert all(user.bio for user in people)
    assert all(len(user.bio) <= 2000 for user in people)
    assert any("**" in user.bio for user in people) and any("\n- " in user.bio for user in people)
    html = render_markdown(next(user.bio for user in people if "\n- " in user.bio))
    assert "<li>" in html and "<p>" in html


def test_contact_details_vary_and_the_demo_logins_have_a_phone(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=200)
    people = _people(db)
    with_phone = [user for user in people if user.phone]
    assert 0.3 < len(with_phone) / len(people) < 0.65
    assert {user.phone_visibility for user in with_phone} == set(CONTACT_VISIBILITIES)
    assert all(user.phone_visibility == "only_me" for user in people if not user.phone)
    assert {user.email_visibility for user in people} == set(CONTACT_VISIBILITIES)
    assert Counter(user.email_visibility for user in people).most_common(1)[0][0] == "networks"
    assert any(user.other_contact for user in people)
    assert all(user.other_contact_visibility == "only_me" for user in people if not user.other_contact)
    # Ofcom's drama and example ranges only.
    assert all(user.phone.startswith(("01", "020 7946", "028 9649", "029 2018", "07700 900")) for user in with_phone)
    by_email = _by_email(people)
    assert all(by_email[login.email].phone for login in DEMO_LOGINS)


def test_every_profile_passes_the_profile_form(app: Flask, db: Any) -> None:
    from zone_networks.directory.profile_forms import ProfileForm
    from zone_networks.directory.tags import managed_tags

    build_demo_data(seed=DEFAULT_SEED, extra_people=100)
    people = _people(db)
    with app.test_request_context():
        managed = managed_tags()
        for user in people:
            answers: MultiDict[str, str] = MultiDict()
            for key, value in ProfileForm.initial_data(user).items():
                for item in value if isinstance(value, list) else [value]:
                    answers.add(key, item)
            form = ProfileForm(managed, formdata=answers, meta={"csrf": False})
            assert form.validate(), (user.email, form.errors)


def test_search_text_is_what_refresh_person_writes(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=50)
    people = _people(db)
    for user in people:
        assert user.search_text == search_document(user), user.email
        assert user.sort_name == fold(user.name)[:200]


def test_welsh_zones_have_welsh_names_with_accents_that_search_finds_without_them(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED)
    welsh = [user for user in _people(db) if user.zone is not None and user.zone.slug in WELSH_ZONES]
    accented = [user for user in welsh if not user.name.isascii()]
    assert len(accented) >= 2, [user.name for user in welsh]
    viewer = next(user for user in _people(db) if user.email == DEMO_LOGINS[0].email)
    for person in accented:
        typed = fold(person.name)  # what someone types without the accents
        assert typed.isascii() and typed != person.name.lower()
        found = db.session.scalars(people_query(viewer, DirectoryFilters(q=typed))).all()
        assert person in found, (person.name, typed)


def test_extra_people_have_zone_roles_some_other_and_some_two(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=500)
    extra = _people(db, f"person-%@{DEMO_DOMAIN}")
    assert len(extra) == 500
    assert all(user.zone_roles for user in extra)
    counts = Counter(len(user.zone_roles) for user in extra)
    assert set(counts) == {1, 2} and 0.02 < counts[2] / 500 < 0.12, counts
    others = [user for user in extra if _roles(user) == {"other"}]
    assert 0.03 < len(others) / 500 < 0.15
    leads = {"skills_lead", "innovation_lead", "net_zero_lead"}
    assert all(_roles(user) & leads for user in extra if user not in others)
    for user in extra:
        assert user.zone is not None
        if "net_zero_lead" in _roles(user):
            net_zero = db.session.scalars(select(Network).filter_by(slug="net-zero")).one()
            assert net_zero.zone_is_eligible(user.zone), (user.email, user.zone.slug)


def test_profiles_are_fixed_by_the_seed_and_email(app: Flask, db: Any) -> None:
    zones = list(db.session.scalars(select(Zone)))
    networks = {network.slug: network for network in db.session.scalars(select(Network))}
    first = {plan.email: plan.profile for plan in plan_people(zones, networks, DEFAULT_SEED)}
    other = {plan.email: plan.profile for plan in plan_people(zones, networks, DEFAULT_SEED + 1)}
    assert all(profile is not None for profile in first.values())
    assert first != other

    build_demo_data(seed=DEFAULT_SEED, extra_people=30)
    before = {user.email: (user.bio, user.phone, sorted(_roles(user)), [t.slug for t in user.expertise])
              for user in _people(db)}
    build_demo_data(seed=DEFAULT_SEED, extra_people=60)
    after = {user.email: (user.bio, user.phone, sorted(_roles(user)), [t.slug for t in user.expertise])
             for user in _people(db)}
    assert {email: after[email] for email in before} == before


def test_running_again_adds_no_roles_or_tags(app: Flask, db: Any) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=80)

    def rows() -> tuple[int, int, int]:
        db.session.remove()
        return (
            db.session.scalar(select(func.count()).select_from(PersonZoneRole)),
            db.session.scalar(select(func.count()).select_from(person_tags)),
            db.session.scalar(select(func.count(ExpertiseTag.id))),
        )

    first = rows()
    assert first[2] == len(MANAGED_TAGS)
    build_demo_data(seed=DEFAULT_SEED, extra_people=80)
    assert rows() == first


@pytest.mark.parametrize("facet, value", [("roles", "other"), ("roles", "net_zero_lead"), ("tags", "hydrogen")])
def test_directory_filters_find_demo_people(app: Flask, db: Any, facet: str, value: str) -> None:
    build_demo_data(seed=DEFAULT_SEED, extra_people=100)
    viewer = _people(db, DEMO_LOGINS[0].email)[0]
    found = db.session.scalars(people_query(viewer, DirectoryFilters().only(facet, (value,)))).all()
    assert len(found) >= 3
