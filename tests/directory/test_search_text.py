"""Folding text for search, the search text kept for each person, zone aliases and the seed command."""

from __future__ import annotations

from sqlalchemy import func, select, update

from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.core.text import fold, search_terms
from zone_networks.directory.models import ExpertiseTag
from zone_networks.directory.search import refresh_person
from zone_networks.directory.tags import MANAGED_TAGS, seed_expertise_tags, split_free_tags, tag_slug
from zone_networks.zones.models import Zone
from zone_networks.zones.seed import seed_reference_data

from .profile_support import fresh

# Folding


def test_fold_strips_welsh_diacritics() -> None:
    assert fold("ŵ ŷ â ô ê î û") == "w y a o e i u"
    assert fold("Ŵ Ŷ Â Ô") == "w y a o"
    assert fold("Siân") == fold("SIAN") == fold("sian") == "sian"
    assert fold("Ynys Môn") == "ynys mon"
    assert fold("Gwynedd, Powys & Caerdydd") == "gwynedd powys caerdydd"


def test_fold_handles_other_accents_and_case() -> None:
    assert fold("Zoë Müller-Łódź") == "zoe muller łodz"  # Ł has no decomposition: kept, lower-cased
    assert fold("STRASSE") == fold("Straße") == "strasse"
    assert fold("  many   spaces\tand\nlines ") == "many spaces and lines"


def test_search_terms_fold_and_split() -> None:
    assert search_terms("  Wrecsam  Sgiliau ") == ["wrecsam", "sgiliau"]
    assert search_terms("Môn") == ["mon"]
    assert search_terms("") == []
    assert len(search_terms("a b c d e f g h i j")) == 8


# Tag slugs: one tag per folded name


def test_tag_slugs_ignore_case_accents_and_punctuation() -> None:
    assert tag_slug("Hydrogen") == tag_slug("hydrogen") == tag_slug(" HYDROGEN ") == "hydrogen"
    assert tag_slug("Ynys Môn") == tag_slug("ynys mon") == "ynys-mon"
    assert tag_slug("Carbon capture & storage") == "carbon-capture-storage"


def test_split_free_tags_trims_and_deduplicates() -> None:
    assert split_free_tags(" Hydrogen, hydrogen ,  Port   logistics,,  HYDROGEN ") == ["Hydrogen", "Port logistics"]
    assert split_free_tags("Ynys Môn, ynys mon, O\u2019Neill") == ["Ynys Môn", "O'Neill"]
    assert split_free_tags("") == []


# The stored search text


def test_a_person_in_wrexham_is_found_by_the_welsh_name(db) -> None:
    person = make_user("cai@wrexham.example", "wrexham-and-flintshire-investment-zone", name="Cai Rhys", expertise=[])
    refresh_person(person)
    db.session.commit()
    text = fresh(person).search_text
    assert "wrecsam" in text
    assert "sir y fflint" in text
    assert "wrexham and flintshire investment zone" in text


def test_welsh_zone_aliases_come_from_the_reference_data(db) -> None:
    aliases = {zone.slug: zone.aliases for zone in db.session.scalars(select(Zone))}
    assert aliases["anglesey-freeport"] == "Ynys Môn, Caergybi"
    assert aliases["celtic-freeport"] == "Port Talbot, Aberdaugleddau, Porthladd Rhydd Celtaidd"
    assert aliases["wrexham-and-flintshire-investment-zone"] == "Wrecsam, Sir y Fflint"
    assert aliases["cardiff-and-newport-investment-zone"] == "Caerdydd, Casnewydd"
    assert aliases["humber-freeport"] == ""


def test_anglesey_is_found_as_ynys_mon(db) -> None:
    person = make_user("ela@anglesey.example", "anglesey-freeport", name="Ela Owen", expertise=[])
    refresh_person(person)
    db.session.commit()
    assert "ynys mon" in fresh(person).search_text


def test_search_text_covers_profile_fields_but_never_contact_details(db) -> None:
    person = make_user(
        "rhian@humber.example", "humber-freeport", name="Rhian Ŵyn", job_title="Head of Skills",
        bio="Runs the **port academy**.", phone="07700 900123", other_contact="teams: rhian.wyn",
        phone_visibility="members", expertise=[ExpertiseTag(name="Offshore wind", slug="offshore-wind")],
    )
    refresh_person(person)
    db.session.commit()
    text = fresh(person).search_text
    for expected in ("rhian wyn", "head of skills", "port academy", "offshore wind", "humber freeport"):
        assert expected in text
    for hidden in ("07700", "900123", "teams", "rhian@humber.example", "humber.example"):
        assert hidden not in text
    assert fresh(person).sort_name == "rhian wyn"


# The seed command


def test_seed_expertise_tags_is_idempotent(db) -> None:
    assert seed_expertise_tags() == len(MANAGED_TAGS)
    assert seed_expertise_tags() == 0
    managed = db.session.scalar(select(func.count()).select_from(ExpertiseTag).where(ExpertiseTag.managed.is_(True)))
    assert managed == len(MANAGED_TAGS) >= 20


def test_seeding_adopts_a_free_tag_with_a_managed_name(db) -> None:
    db.session.add(ExpertiseTag(name="hydrogen", slug="hydrogen", managed=False))
    db.session.commit()
    seed_expertise_tags()
    tags = list(db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == "hydrogen")))
    assert [(tag.name, tag.managed) for tag in tags] == [("Hydrogen", True)]


def test_seed_command_loads_tags_and_builds_missing_search_text(db, app) -> None:
    person = make_user("new@wrexham.example", "wrexham-and-flintshire-investment-zone", name="Nia New")
    indexed = make_user("old@humber.example", "humber-freeport", name="Owen Old")
    # Rows from before the directory migration have no search text; write them as SQL would, past the ORM hook.
    db.session.execute(update(User).where(User.id == person.id).values(search_text=""))
    db.session.execute(update(User).where(User.id == indexed.id).values(search_text="kept as it was"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "Reference data loaded" in result.output
    assert "search text built for 1 people" in result.output
    assert "wrecsam" in fresh(person).search_text
    assert fresh(indexed).search_text == "kept as it was"
    managed = db.session.scalar(select(func.count()).select_from(ExpertiseTag).where(ExpertiseTag.managed.is_(True)))
    assert managed == len(MANAGED_TAGS)
    assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0  # again: nothing breaks, nothing doubles


def test_reseeding_keeps_aliases(db) -> None:
    seed_reference_data()
    zone = db.session.scalars(select(Zone).where(Zone.slug == "anglesey-freeport")).one()
    assert zone.aliases == "Ynys Môn, Caergybi"


def test_people_made_or_changed_outside_the_directory_are_searchable_at_once(client, db, login, member, outsider):
    """Accepting an invitation, create-admin and the /account form live below the directory: a flush hook keeps up."""
    from tests.helpers import submit

    fresh = make_user("gwenllian@wrexham.example", "wrexham-and-flintshire-investment-zone", name="Gwenllïan Parry")
    assert "gwenllian parry" in fresh.search_text and "wrecsam" in fresh.search_text
    assert fresh.sort_name == "gwenllian parry"

    login(member)
    response = submit(client, "/account", {"name": "Mina Môn", "job_title": "Skills and hydrogen lead",
                                           "language": "en"})
    assert response.status_code in (302, 303)
    db.session.expire_all()
    changed = db.session.get(User, member.id)
    assert "mina mon" in changed.search_text and "hydrogen" in changed.search_text
    assert changed.sort_name == "mina mon"
