"""Editing your own profile at /account/profile: what is saved, and every bad answer refused with nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.helpers import submit, text_of
from zone_networks.directory.models import ExpertiseTag
from zone_networks.directory.tags import seed_expertise_tags

from .profile_support import fresh, profile_answers, snapshot

URL = "/account/profile"


@pytest.fixture(autouse=True)
def managed(db) -> None:
    """The managed expertise list, as `flask seed` loads it."""
    seed_expertise_tags()


def _tag_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ExpertiseTag))


# Access


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_account_page_links_to_the_profile(client, login, member) -> None:
    login(member)
    page = text_of(client.get("/account"))
    assert f'href="/people/{member.id}"' in page
    assert 'href="/account/profile"' in page


def test_the_form_shows_the_current_profile(db, client, login, member) -> None:
    person = fresh(member)
    hydrogen = db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == "hydrogen")).one()
    person.expertise = [hydrogen, ExpertiseTag(name="Port logistics", slug="port-logistics")]
    person.phone = "01632 960 001"
    db.session.commit()
    login(member)
    page = text_of(client.get(URL))
    assert 'value="Mina Member"' in page
    assert 'value="hydrogen" checked' in page
    assert 'name="other_expertise" type="text" spellcheck="true" value="Port logistics"' in page
    assert "member@humber.example" in page  # shown, not editable
    assert 'name="email"' not in page
    assert 'value="01632 960 001"' in page
    assert "Only the secretariat and service administrators can see it." in page  # a visibility hint


# Saving


def test_saving_the_whole_profile(db, client, login, member) -> None:
    login(member)
    answers = profile_answers(
        member,
        name="Mina Member-Jones", job_title="Head of Skills", zone_roles=["skills_lead", "net_zero_lead"],
        expertise=["hydrogen", "apprenticeships"], other_expertise="Port logistics, Green skills",
        bio="Runs the **academy**.", language="cy", phone="+44 (0)1632 960-001", phone_visibility="members",
        other_contact="Teams: mina", other_contact_visibility="secretariat", email_visibility="only_me",
    )
    response = submit(client, URL, answers)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/people/{member.id}")
    saved = snapshot(member)
    assert saved["name"] == "Mina Member-Jones"
    assert saved["job_title"] == "Head of Skills"
    assert saved["roles"] == ["net_zero_lead", "skills_lead"]
    assert saved["tags"] == ["apprenticeships", "green-skills", "hydrogen", "port-logistics"]
    assert saved["bio"] == "Runs the **academy**."
    assert saved["language"] == "cy"
    assert saved["phone"] == "+44 (0)1632 960-001"
    assert saved["other_contact"] == "Teams: mina"
    assert saved["visibility"] == ("only_me", "members", "secretariat")
    new_tags = db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug.in_(["port-logistics", "green-skills"])))
    assert {(tag.name, tag.managed) for tag in new_tags} == {("Port logistics", False), ("Green skills", False)}


def test_saving_shows_a_success_banner_on_the_profile(client, login, member) -> None:
    login(member)
    response = submit(client, URL, profile_answers(member), follow_redirects=True)
    assert response.status_code == 200
    assert "Your profile has been saved" in text_of(response)


def test_saving_refreshes_the_search_text(client, login, member) -> None:
    login(member)
    submit(client, URL, profile_answers(member, job_title="Head of Sgiliau", other_expertise="Tîm Hydrogen Cymru"))
    text = fresh(member).search_text
    assert "head of sgiliau" in text
    assert "tim hydrogen cymru" in text


def test_a_free_tag_matching_a_managed_tag_is_the_same_tag(db, client, login, member) -> None:
    before = _tag_count(db)
    login(member)
    submit(client, URL, profile_answers(member, other_expertise="HYDROGEN, offshore WIND"))
    assert snapshot(member)["tags"] == ["hydrogen", "offshore-wind"]
    assert _tag_count(db) == before


def test_free_tags_are_matched_ignoring_case_and_accents(db, client, login, member, outsider) -> None:
    login(member)
    submit(client, URL, profile_answers(member, other_expertise="Ynys Môn ports"))
    before = _tag_count(db)
    login(outsider)
    submit(client, URL, profile_answers(outsider, other_expertise="ynys mon PORTS, Ynys Mon Ports"))
    assert snapshot(outsider)["tags"] == ["ynys-mon-ports"]
    assert _tag_count(db) == before
    tag = db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == "ynys-mon-ports")).one()
    assert tag.name == "Ynys Môn ports"  # the first spelling stays


def test_unticking_everything_clears_roles_and_tags(db, client, login, member) -> None:
    login(member)
    submit(client, URL, profile_answers(member, zone_roles=["skills_lead", "other"], expertise=["nuclear"],
                                        other_expertise="Port logistics"))
    assert snapshot(member)["roles"] == ["other", "skills_lead"]
    submit(client, URL, profile_answers(member))
    saved = snapshot(member)
    assert saved["roles"] == []
    assert saved["tags"] == []
    assert db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == "port-logistics")).one()  # may stay


def test_keeping_a_role_while_adding_another(client, login, member) -> None:
    login(member)
    submit(client, URL, profile_answers(member, zone_roles=["skills_lead"]))
    submit(client, URL, profile_answers(member, zone_roles=["skills_lead", "innovation_lead"]))
    assert snapshot(member)["roles"] == ["innovation_lead", "skills_lead"]


def test_unknown_choices_are_ignored(client, login, member) -> None:
    login(member)
    response = submit(client, URL, profile_answers(member, zone_roles=["skills_lead", "emperor"],
                                                   expertise=["hydrogen", "not-a-tag"]))
    assert response.status_code == 302
    saved = snapshot(member)
    assert saved["roles"] == ["skills_lead"]
    assert saved["tags"] == ["hydrogen"]


def test_saving_the_language_changes_the_interface(client, login, member) -> None:
    login(member)
    submit(client, URL, profile_answers(member, language="cy"))
    assert fresh(member).language == "cy"


@pytest.mark.parametrize("phone", ["01632 960 001", "+44 808 157 0192", "(01632) 960-001", "0044 20 7946 0000"])
def test_ordinary_phone_numbers_are_accepted(client, login, member, phone) -> None:
    login(member)
    assert submit(client, URL, profile_answers(member, phone=phone)).status_code == 302
    assert fresh(member).phone == phone


def test_an_empty_phone_is_fine(client, login, member) -> None:
    login(member)
    assert submit(client, URL, profile_answers(member, phone="   ")).status_code == 302
    assert fresh(member).phone == ""


# Bad answers: an error summary, an inline error, and nothing written


BAD_ANSWERS = [
    ({"name": "  "}, "Enter your full name"),
    ({"name": "x" * 201}, "Full name must be 200 characters or fewer"),
    ({"job_title": "x" * 201}, "Job title must be 200 characters or fewer"),
    ({"bio": "x" * 2001}, "About you must be 2,000 characters or fewer"),
    ({"phone": "call me"}, "Enter a telephone number"),
    ({"phone": "123 456"}, "Enter a telephone number"),  # 6 digits
    ({"phone": "1" * 21}, "Enter a telephone number"),
    ({"phone": "0800 FLOWERS"}, "Enter a telephone number"),
    ({"other_contact": "x" * 201}, "Other contact details must be 200 characters or fewer"),
    ({"other_expertise": "x"}, "Each area of expertise must be between 2 and 40 characters"),
    ({"other_expertise": "Port logistics, " + "y" * 41}, "Each area of expertise must be between 2 and 40 characters"),
    ({"other_expertise": "<script>"}, "must only include letters, numbers, spaces"),
    ({"other_expertise": "under_score"}, "must only include letters, numbers, spaces"),
    ({"other_expertise": ", ".join(f"Topic {n}" for n in range(11))}, "Enter 10 other areas of expertise or fewer"),
    ({"language": "fr"}, "Select the language for the service"),
    ({"email_visibility": "everyone"}, "Select who can see this"),
    ({"phone_visibility": ""}, "Select who can see this"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_ANSWERS)
def test_bad_answers_are_refused_and_nothing_is_written(db, client, login, member, changes, message) -> None:
    before, tags_before = snapshot(member), _tag_count(db)
    login(member)
    answers = profile_answers(member, zone_roles=["skills_lead"], expertise=["hydrogen"],
                              other_expertise="Green skills", bio="New bio")
    answers.update(changes)
    response = submit(client, URL, answers)
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "govuk-error-message" in page
    assert message in page
    assert "<title>Error:" in page
    assert snapshot(member) == before
    assert _tag_count(db) == tags_before


def test_ten_free_tags_are_allowed(client, login, member) -> None:
    login(member)
    tags = ", ".join(f"Topic {chr(ord('a') + n)}" for n in range(10))
    assert submit(client, URL, profile_answers(member, other_expertise=tags)).status_code == 302
    assert len(snapshot(member)["tags"]) == 10


def test_repeated_free_tags_count_once(client, login, member) -> None:
    login(member)
    tags = ", ".join(["Port logistics"] * 12)
    assert submit(client, URL, profile_answers(member, other_expertise=tags)).status_code == 302
    assert snapshot(member)["tags"] == ["port-logistics"]


def test_a_post_without_the_csrf_token_is_refused(client, login, member) -> None:
    before = snapshot(member)
    login(member)
    response = client.post(URL, data=profile_answers(member, name="Forged Name"))
    assert response.status_code == 400
    assert snapshot(member) == before


def test_the_service_refuses_what_the_form_would(db, member) -> None:
    from zone_networks.directory.profile_queries import person_for_profile
    from zone_networks.directory.services import ProfileChanges, ProfileError, update_profile

    person = person_for_profile(member.id)
    assert person is not None
    changes = ProfileChanges(
        name="Mina", job_title="", zone_roles=(), managed_tags=(), free_tags=("x",), bio="", language="en",
        phone="", other_contact="", email_visibility="networks", phone_visibility="only_me",
        other_contact_visibility="only_me",
    )
    with pytest.raises(ProfileError) as refused:
        update_profile(person, changes)
    assert refused.value.field == "other_expertise"
    db.session.rollback()
    assert fresh(member).name == "Mina Member"


def test_a_free_tag_created_at_the_same_moment_by_someone_else_is_reused(db, monkeypatch, member) -> None:
    from zone_networks.directory import services
    from zone_networks.directory.profile_queries import person_for_profile
    from zone_networks.directory.tags import tags_by_slug

    db.session.add(ExpertiseTag(name="Port logistics", slug="port-logistics"))  # "the other person's" new tag
    db.session.commit()
    calls = []

    def stale_first(slugs):
        calls.append(1)
        return {} if len(calls) == 1 else tags_by_slug(slugs)  # the first look misses the other person's tag

    monkeypatch.setattr(services, "tags_by_slug", stale_first)
    person = person_for_profile(member.id)
    assert person is not None
    changes = services.ProfileChanges(
        name="Mina Member", job_title="", zone_roles=("skills_lead",), managed_tags=(), free_tags=("port logistics",),
        bio="", language="en", phone="", other_contact="", email_visibility="networks", phone_visibility="only_me",
        other_contact_visibility="only_me",
    )
    services.update_profile(person, changes)
    assert len(calls) == 2  # the duplicate insert failed; the second attempt used the existing tag
    saved = snapshot(member)
    assert saved["tags"] == ["port-logistics"]
    assert saved["roles"] == ["skills_lead"]
    count = select(func.count()).select_from(ExpertiseTag).where(ExpertiseTag.slug == "port-logistics")
    assert db.session.scalar(count) == 1
