"""The index follows case studies: drafts for their author and staff, publishing, public, links, zones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tests.search.index_support import entry, sector, zone
from zone_networks.casestudies import services
from zone_networks.casestudies.models import CaseStudy
from zone_networks.extensions import db
from zone_networks.fulltext import engine


def _study(author: Any, *, status: str = "draft", is_public: bool = False) -> CaseStudy:
    study = CaseStudy(title="Blade factory", summary="Jobs on the estuary", theme="skills",
                      challenge="A **shortage** of technicians", approach="A training centre",
                      partners="Siemens Gamesa; Hull College", lessons="Start early", status=status,
                      is_public=is_public, author_id=author.id, zones=[zone("humber-freeport")],
                      sectors=[sector("clean-energy-industries")], documents=[], meetings=[])
    db.session.add(study)
    db.session.commit()
    return study


def _loaded(study_id: int) -> CaseStudy:
    return db.session.scalars(select(CaseStudy).where(CaseStudy.id == study_id).options(
        selectinload(CaseStudy.zones), selectinload(CaseStudy.sectors), selectinload(CaseStudy.documents),
        selectinload(CaseStudy.meetings))).one()


def test_a_draft_is_indexed_for_its_author_and_the_secretariat(db: Any, member: Any, outsider: Any,
                                                               secretariat: Any) -> None:
    study = _study(member)
    indexed = entry("case_study", study.id)
    assert indexed is not None
    assert (indexed.audience, indexed.owner_id) == ("staff", member.id)
    assert indexed.zone_ids == [zone("humber-freeport").id]
    assert indexed.sector_ids == [sector("clean-energy-industries").id]
    for words in ("Jobs on the estuary", "A shortage of technicians", "A training centre", "Siemens Gamesa",
                  "Start early", "Humber Freeport"):
        assert words in indexed.body
    assert engine.search(member, "blade").total == 1
    assert engine.search(secretariat, "blade").total == 1
    assert engine.search(outsider, "blade").total == 0
    assert engine.search(None, "blade").total == 0


def test_publishing_and_making_public_widen_the_audience(db: Any, member: Any) -> None:
    study = _study(member)
    study.status = "published"
    db.session.commit()
    indexed = entry("case_study", study.id)
    assert indexed is not None and (indexed.audience, indexed.owner_id) == ("members", None)
    study.is_public = True
    db.session.commit()
    assert entry("case_study", study.id).audience == "public"  # type: ignore[union-attr]
    study.status = "draft"
    db.session.commit()
    assert entry("case_study", study.id).audience == "staff"  # type: ignore[union-attr]


def test_a_public_flag_on_a_draft_does_not_publish_it(db: Any, member: Any) -> None:
    study = _study(member, is_public=True)
    assert entry("case_study", study.id).audience == "staff"  # type: ignore[union-attr]


def test_changes_to_text_zones_and_sectors_are_indexed(db: Any, member: Any) -> None:
    study = _loaded(_study(member, status="published").id)
    study.title = "Cable factory"
    study.lessons = "Share the curriculum"
    study.zones = [zone("anglesey-freeport"), zone("celtic-freeport")]
    study.sectors = []
    db.session.commit()
    indexed = entry("case_study", study.id)
    assert indexed is not None
    assert indexed.title == "Cable factory"
    assert "Share the curriculum" in indexed.body and "Start early" not in indexed.body
    assert sorted(indexed.zone_ids) == sorted([zone("anglesey-freeport").id, zone("celtic-freeport").id])
    assert indexed.sector_ids == []
    assert "Humber" not in indexed.body
    assert engine.search(member, "ynys mon").total == 1  # Anglesey's Welsh name, from the zone's aliases


def test_renaming_a_zone_reindexes_its_case_studies(db: Any, member: Any) -> None:
    study = _study(member, status="published")
    humber = zone("humber-freeport")
    humber.name = "Humber Estuary Freeport"
    db.session.commit()
    assert "Humber Estuary Freeport" in entry("case_study", study.id).body  # type: ignore[union-attr]


def test_deleting_a_case_study_removes_its_entry(db: Any, member: Any) -> None:
    study = _study(member)
    db.session.delete(study)
    db.session.commit()
    assert entry("case_study", study.id) is None


def test_a_rolled_back_publication_leaves_the_draft_entry(db: Any, member: Any) -> None:
    study = _study(member)
    study.status = "published"
    db.session.flush()
    db.session.rollback()
    assert entry("case_study", study.id).audience == "staff"  # type: ignore[union-attr]


def test_the_case_study_services_keep_the_index_in_step(db: Any, member: Any) -> None:
    details = services.CaseStudyDetails(title="Port skills hub", zone_ids=[zone("humber-freeport").id],
                                        theme="skills", summary="A hub", challenge="Gaps", approach="Courses")
    study = services.create_case_study(member, details)
    assert entry("case_study", study.id).audience == "staff"  # type: ignore[union-attr]
    services.publish(member, _loaded(study.id))
    assert entry("case_study", study.id).audience == "members"  # type: ignore[union-attr]
    services.set_public(member, _loaded(study.id), True)
    assert entry("case_study", study.id).audience == "public"  # type: ignore[union-attr]
    loaded = _loaded(study.id)
    changed = services.CaseStudyDetails.of(loaded)
    changed.approach = "Evening courses for welders"
    services.update_case_study(member, loaded, changed)
    assert "Evening courses for welders" in entry("case_study", study.id).body  # type: ignore[union-attr]
    assert engine.search(None, "welders").total == 1
