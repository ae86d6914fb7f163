"""The index follows people: profile edits, zone roles, expertise, moves, deactivation and deletion."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tests.factories import make_user
from tests.search.index_support import entry, organisation, zone
from zone_networks.accounts.models import User
from zone_networks.directory import admin_services, deletion
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.directory.services import ProfileChanges, update_profile
from zone_networks.extensions import db
from zone_networks.fulltext import engine


def _loaded(user_id: int) -> User:
    return db.session.scalars(select(User).where(User.id == user_id).options(
        selectinload(User.zone_roles), selectinload(User.expertise))).one()


def _changes(**fields: Any) -> ProfileChanges:
    values: dict[str, Any] = {
        "name": "Mina Member", "job_title": "Skills lead", "zone_roles": ("skills_lead",), "managed_tags": (),
        "free_tags": ("Welding",), "bio": "I run **bootcamps**.", "language": "en", "phone": "01482 000000",
        "other_contact": "Teams: mina.member", "email_visibility": "members", "phone_visibility": "members",
        "other_contact_visibility": "members"}
    values.update(fields)
    return ProfileChanges(**values)


def test_a_new_person_is_indexed_for_signed_in_members(db: Any, member: Any, outsider: Any) -> None:
    indexed = entry("person", member.id)
    assert indexed is not None
    assert (indexed.title, indexed.audience, indexed.owner_id) == ("Mina Member", "members", None)
    assert indexed.zone_ids == [zone("humber-freeport").id]
    assert "Skills lead" in indexed.body and "Humber Freeport" in indexed.body
    assert engine.search(outsider, "mina").total == 1
    assert engine.search(None, "mina").total == 0


def test_people_outside_a_zone_have_no_zone(db: Any, official: Any) -> None:
    indexed = entry("person", official.id)
    assert indexed is not None and indexed.zone_ids == [] and "Welsh Government" in indexed.body


def test_profile_edits_roles_and_expertise_are_indexed(db: Any, member: Any) -> None:
    update_profile(_loaded(member.id), _changes(name="Mina Morgan", bio="I run **bootcamps**."))
    indexed = entry("person", member.id)
    assert indexed is not None
    assert indexed.title == "Mina Morgan"
    assert "Welding" in indexed.body and "I run bootcamps." in indexed.body and "Skills lead" in indexed.body
    update_profile(_loaded(member.id), _changes(zone_roles=("net_zero_lead",), free_tags=("Hydrogen",)))
    body = entry("person", member.id).body  # type: ignore[union-attr]
    assert "Net zero lead" in body and "Hydrogen" in body and "Welding" not in body


def test_contact_details_are_never_indexed(db: Any, member: Any, outsider: Any, secretariat: Any) -> None:
    update_profile(_loaded(member.id), _changes(phone="07700 900123", other_contact="Signal: minam"))
    body = entry("person", member.id).body  # type: ignore[union-attr]
    assert "07700" not in body and "Signal" not in body and member.email not in body
    for viewer in (outsider, secretariat):
        for query in ("07700", "900123", "signal minam", "member@humber.example", "humber.example"):
            assert engine.search(viewer, query).kind_counts.get("person", 0) == 0, query


def test_zone_roles_added_directly_are_indexed(db: Any, member: Any) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="innovation_lead"))
    db.session.commit()
    assert "Innovation lead" in entry("person", member.id).body  # type: ignore[union-attr]
    admin_services.change_zone_roles(make_user("boss@zones.example", "industrial-strategy-zones-secretariat",
                                               is_secretariat=True), _loaded(member.id), [])
    assert "Innovation lead" not in entry("person", member.id).body  # type: ignore[union-attr]


def test_renaming_or_deleting_an_expertise_tag_reindexes_its_holders(db: Any, member: Any) -> None:
    update_profile(_loaded(member.id), _changes(free_tags=("Welding",)))
    tag = db.session.scalars(select(ExpertiseTag).where(ExpertiseTag.slug == "welding")).one()
    tag.name = "Welding and fabrication"
    db.session.commit()
    assert "Welding and fabrication" in entry("person", member.id).body  # type: ignore[union-attr]
    db.session.delete(tag)
    db.session.commit()
    assert "Welding" not in entry("person", member.id).body  # type: ignore[union-attr]


def test_moving_someone_and_renaming_their_organisation_are_indexed(db: Any, member: Any,
                                                                    secretariat: Any) -> None:
    admin_services.move_person(secretariat, _loaded(member.id), organisation("anglesey-freeport"))
    indexed = entry("person", member.id)
    assert indexed is not None
    assert indexed.zone_ids == [zone("anglesey-freeport").id] and "Anglesey Freeport" in indexed.body
    assert engine.search(secretariat, "mina ynys mon").total == 1
    anglesey = zone("anglesey-freeport")
    anglesey.aliases = "Ynys Môn, Môn"
    anglesey.name = "Anglesey and Holyhead Freeport"
    db.session.commit()
    assert "Anglesey and Holyhead Freeport" in entry("person", member.id).body  # type: ignore[union-attr]
    org = organisation("welsh-government")
    db.session.execute(select(User)).all()
    official = make_user("civil@gov.wales.example", "welsh-government", name="Ceri Civil")
    db.session.commit()
    org.name = "Llywodraeth Cymru"
    db.session.commit()
    assert "Llywodraeth Cymru" in entry("person", official.id).body  # type: ignore[union-attr]


def test_deactivation_narrows_to_staff_and_reactivation_restores(db: Any, member: Any, outsider: Any,
                                                                 secretariat: Any) -> None:
    admin_services.deactivate(secretariat, member)
    assert entry("person", member.id).audience == "staff"  # type: ignore[union-attr]
    assert engine.search(outsider, "mina").total == 0
    assert engine.search(secretariat, "mina").total == 1
    admin_services.reactivate(secretariat, member)
    assert entry("person", member.id).audience == "members"  # type: ignore[union-attr]


def test_a_deleted_person_leaves_the_index(db: Any, member: Any, secretariat: Any) -> None:
    deletion.request_deletion(member, "correct horse battery staple 42")
    assert deletion.confirm_deletion(secretariat, member)
    assert entry("person", member.id) is None
    assert engine.search(secretariat, "mina").total == 0
    assert engine.search(secretariat, "former member").total == 0


def test_removing_a_row_removes_its_entry(db: Any, outsider: Any) -> None:
    db.session.delete(outsider)
    db.session.commit()
    assert entry("person", outsider.id) is None


def test_a_rolled_back_rename_leaves_the_old_name(db: Any, member: Any) -> None:
    member.name = "Someone Else"
    db.session.flush()
    db.session.rollback()
    assert entry("person", member.id).title == "Mina Member"  # type: ignore[union-attr]


def test_signing_in_does_not_touch_the_index(db: Any, member: Any, count_queries: Any) -> None:
    from zone_networks.core.clock import utcnow

    member.last_login_at = utcnow()
    member.end_sessions()
    with count_queries() as statements:
        db.session.commit()
    assert not any("search_entries" in statement for statement in statements)
