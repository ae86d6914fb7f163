"""Demo documents and case studies: the Action Plan's real examples, real files, mixed visibility, idempotent."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.casestudies.demo import build_demo_case_studies
from zone_networks.casestudies.demo_content import CASE_STUDIES, SOURCE_NOTE
from zone_networks.casestudies.models import FIGURES, CaseStudy, CaseStudyRevision
from zone_networks.core.uploads import upload_path
from zone_networks.demo import DEFAULT_SEED, DEMO_DOMAIN
from zone_networks.demo.plan import DEMO_LOGINS
from zone_networks.demo.services import build_demo_data
from zone_networks.documents.demo import build_demo_documents
from zone_networks.documents.demo_content import DOCUMENTS
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.fulltext.engine import search
from zone_networks.meetings.models import Meeting
from zone_networks.networks.models import Membership

# Every example in ../shared/reference/zones.yaml `examples:`: (zone slug, words in the case study's title).
EXAMPLES = (
    ("humber-freeport", "Siemens Gamesa"),
    ("inverness-and-cromarty-firth-green-freeport", "Sumitomo"),
    ("north-east-investment-zone", "Nissan"),
    ("west-midlands-investment-zone", "Coventry and Warwick Gigapark"),
    ("inverness-and-cromarty-firth-green-freeport", "Ardersier"),
    ("freeport-east", "Skills and Innovation Centre"),
    ("north-east-investment-zone", "MADE NE"),
    ("plymouth-and-south-devon-freeport", "Babcock and Supacat"),
    ("south-yorkshire-investment-zone", "FourJaw"),
    ("south-yorkshire-investment-zone", "Suiso"),
    ("east-midlands-freeport-and-investment-zone", "Zero Carbon Innovation Centre"),
    ("liverpool-city-region-innovation-zone", "Hartree Centre"),
    ("thames-freeport", "London Gateway"),
)
# The only figures the Action Plan gives that are what the columns mean (private investment, jobs).
FIGURES_GIVEN = {
    "Siemens Gamesa": {"investment_gbp": 186_000_000},
    "Sumitomo": {"investment_gbp": 350_000_000},
    "Nissan": {"investment_gbp": 1_120_000_000},
    "Babcock and Supacat": {"jobs_created": 100},
}
CONTENT_TYPES = {
    "application/pdf", "text/plain", "text/csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
MEMBER = DEMO_LOGINS[0]  # the Humber Freeport's skills lead


@pytest.fixture()
def demo(db: Any) -> None:
    """The demo data, as `flask demo` makes it."""
    build_demo_data(seed=DEFAULT_SEED)
    db.session.remove()


def _studies(db: Any) -> list[CaseStudy]:
    """The demo case studies of casestudies/demo_content.py (not the demo challenge's write-up)."""
    from zone_networks.challenges.models import Challenge

    written_up = select(Challenge.case_study_id).where(Challenge.case_study_id.is_not(None))
    query = select(CaseStudy).where(CaseStudy.id.not_in(written_up)).options(
        selectinload(CaseStudy.zones), selectinload(CaseStudy.sectors), selectinload(CaseStudy.documents),
        selectinload(CaseStudy.meetings), selectinload(CaseStudy.revisions),
    ).order_by(CaseStudy.id)
    return list(db.session.scalars(query))


def _find(studies: list[CaseStudy], words: str) -> CaseStudy:
    [found] = [study for study in studies if words in study.title]
    return found


def _user(db: Any, email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def test_every_action_plan_example_is_a_published_demo_case_study(db: Any, demo: None) -> None:
    studies = _studies(db)
    assert len(studies) == len(CASE_STUDIES) == len(EXAMPLES) + 2
    for zone_slug, words in EXAMPLES:
        study = _find(studies, words)
        assert study.status == "published" and study.published_at is not None, words
        assert zone_slug in {zone.slug for zone in study.zones}, words
        assert study.is_demo and "Demo content" in study.summary, words
        assert study.challenge and study.approach and study.partners and study.lessons, words
        assert study.sectors or study.theme == "planning", words
    drafts = [study for study in studies if study.status == "draft"]
    assert len(drafts) == 2 and not any(study.is_public for study in drafts)
    public = [study for study in studies if study.status == "published" and study.is_public]
    assert len(public) >= 10  # most are public; a few are for signed-in members only
    assert {study.theme for study in studies} >= {"skills", "innovation", "net_zero", "investment", "planning"}


def test_figures_are_only_the_action_plans_each_with_its_source(db: Any, demo: None) -> None:
    for study in _studies(db):
        given = next((figures for words, figures in FIGURES_GIVEN.items() if words in study.title), {})
        for name in FIGURES:
            assert getattr(study, name) == given.get(name), (study.title, name)
            source = getattr(study, f"{name}_source")
            assert (SOURCE_NOTE in source) if name in given else source == "", (study.title, name)


def test_each_is_written_by_a_demo_lead_of_its_zone_with_one_revision(db: Any, demo: None) -> None:
    for study in _studies(db):
        author = db.session.get(User, study.author_id)
        contact = db.session.get(User, study.contact_id)
        assert author is not None and contact is not None
        assert author.email.endswith(f"@{DEMO_DOMAIN}") and contact.email.endswith(f"@{DEMO_DOMAIN}")
        zone_ids = {zone.id for zone in study.zones}
        assert author.organisation.zone_id in zone_ids and contact.organisation.zone_id in zone_ids, study.title
        [revision] = study.revisions
        assert revision.number == study.revision_count == 1 and revision.editor_id == author.id
        assert revision.snapshot["title"] == study.title and revision.snapshot["status"] == study.status
        assert revision.snapshot["contact"] == {"id": contact.id, "name": contact.name}


def test_demo_documents_are_real_files_with_their_text_extracted(app: Flask, db: Any, demo: None) -> None:
    documents = list(db.session.scalars(select(Document).options(selectinload(Document.versions))))
    assert len(documents) == len(DOCUMENTS) >= 12
    assert {document.current_version.content_type for document in documents} == CONTENT_TYPES
    assert {document.visibility for document in documents} == {"public", "members", "network"}
    assert {document.network.slug for document in documents} == {"skills-forum", "innovation-leads", "net-zero"}
    active = {(user_id, network_id) for user_id, network_id in db.session.execute(
        select(Membership.user_id, Membership.network_id).where(Membership.status == "active"))}
    for document in documents:
        assert document.is_demo and document.owner_id is not None
        owner = db.session.get(User, document.owner_id)
        assert owner is not None and owner.email.endswith(f"@{DEMO_DOMAIN}")
        assert owner.is_staff or (owner.id, document.network_id) in active, document.title  # they could upload it
        for version in document.versions:
            stored = Path(upload_path(version.blob_key))
            assert stored.is_file() and hashlib.sha256(stored.read_bytes()).hexdigest() == version.blob_key
            assert version.size == stored.stat().st_size and version.uploaded_by_id == document.owner_id
            assert version.text_status == "extracted", (document.title, version.text_status)
            assert "demo content" in version.text.lower(), document.title
    [two] = [document for document in documents if document.version_count == 2]
    assert [version.number for version in two.versions] == [2, 1]
    assert two.current_version_id == two.versions[0].id and two.versions[0].blob_key != two.versions[1].blob_key
    assert "turns to host" in two.versions[0].text and "turns to host" not in two.versions[1].text


def test_case_studies_link_demo_documents_and_meetings(db: Any, demo: None) -> None:
    studies = _studies(db)
    made = _find(studies, "MADE NE")
    assert [document.title for document in made.documents] == ["MADE NE training facility: course outline"]
    assert [meeting.title for meeting in made.meetings] == ["Industrial Strategy Zones Skills Forum"]
    gigapark = _find(studies, "Gigapark")
    assert [meeting.title for meeting in gigapark.meetings] == ["Grid connections: what the zones have learned"]
    assert all(meeting.status == "held" for study in studies for meeting in study.meetings)
    linked = {document.title for study in studies for document in study.documents}
    assert len(linked) >= 5 and linked <= {plan.title for plan in DOCUMENTS}
    assert sum(1 for study in studies if study.meetings) >= 3


def test_running_again_adds_nothing(app: Flask, db: Any, demo: None) -> None:
    def counts() -> tuple[int, ...]:
        db.session.remove()
        return tuple(int(db.session.scalar(select(func.count()).select_from(model)) or 0)
                     for model in (Document, DocumentVersion, CaseStudy, CaseStudyRevision, Meeting))

    before = counts()
    folder = Path(upload_path("0" * 64)).parent
    files = sorted(path.name for path in folder.iterdir())
    assert build_demo_documents() == 0 and build_demo_case_studies() == 0
    build_demo_data(seed=DEFAULT_SEED)
    assert counts() == before
    assert sorted(path.name for path in folder.iterdir()) == files


def test_without_demo_people_no_documents_or_case_studies_are_made(db: Any) -> None:
    assert build_demo_documents() == 0 and build_demo_case_studies() == 0
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert db.session.scalar(select(func.count(CaseStudy.id))) == 0


def test_search_finds_demo_content_by_words_inside_files_for_those_who_may_see_it(db: Any, demo: None) -> None:
    member = _user(db, MEMBER.email)  # Skills Forum only
    innovation = _user(db, "innovation.south-yorkshire-investment-zone@" + DEMO_DOMAIN)
    # "Cluster Champions" appears only inside the South Yorkshire PDF, shared with the Innovation Leads Network.
    [hit] = search(innovation, "cluster champions").hits
    assert hit.kind == "document" and hit.title.startswith("Early-stage funding") and "<mark>" in hit.snippet
    assert search(member, "cluster champions").hits == []
    kinds = {hit.kind for hit in search(member, "Siemens Gamesa").hits}
    assert "case_study" in kinds
    assert {hit.title for hit in search(None, "pyrolysis").hits} >= {
        "Suiso: demonstrating pyrolysis to industry with the University of Sheffield"}


def test_the_pages_show_demo_content_as_demo(db: Any, demo: None, client: Any) -> None:
    studies = _studies(db)
    public = _find(studies, "Siemens Gamesa")
    page = text_of(client.get(f"/case-studies/{public.id}"))
    assert "Demo content" in page and "£186 million" in page
    members_only = _find(studies, "London Gateway")
    assert client.get(f"/case-studies/{members_only.id}").status_code in (302, 404)
    listing = text_of(client.get("/case-studies"))
    assert "Siemens Gamesa" in listing and "London Gateway" not in listing


def test_generated_people_are_in_the_search_index_too(db: Any) -> None:
    """Extra people are bulk inserted (past the index listeners), so the demo indexes them itself."""
    from zone_networks.demo.services import extra_email
    from zone_networks.fulltext.models import SearchEntry

    build_demo_data(seed=DEFAULT_SEED, extra_people=30)
    people = set(db.session.scalars(select(User.id)))
    indexed = set(db.session.scalars(select(SearchEntry.object_id).where(SearchEntry.kind == "person")))
    assert indexed == people
    extra = _user(db, extra_email(7))
    assert any(hit.object_id == extra.id for hit in search(extra, extra.name).hits)
