"""A person's documents and case studies: in their data download (theirs only), and after their account is deleted."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tests.helpers import submit, text_of
from zone_networks.accounts.models import FORMER_MEMBER_NAME, User
from zone_networks.casestudies.history import snapshot
from zone_networks.casestudies.models import CaseStudy, CaseStudyRevision
from zone_networks.core.clock import utcnow
from zone_networks.directory import deletion
from zone_networks.directory.data_export import source
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.extensions import db as _db
from zone_networks.fulltext.models import SearchEntry
from zone_networks.search.indexer import reindex

from .library_support import add_case_study, add_document


def _download(client: Any) -> dict[str, bytes]:
    response = submit(client, "/account/data.zip", form_url="/account/data")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _shared(member: User, convenor: User) -> dict[str, Any]:
    """Mina's documents and case studies, and Connor's: one of his names Mina as the contact."""
    mine = add_document(member, "Port skills survey", visibility="members", versions=2)
    theirs = add_document(convenor, "Glasgow robotics paper", network="innovation-leads")
    written = add_case_study(member, "Port skills academy", is_public=True)
    named = add_case_study(convenor, "Glasgow robotics hub", status="draft", contact=member)
    _db.session.add(CaseStudyRevision(case_study_id=written.id, number=2, editor_id=member.id, note="Fixed a typo",
                                      snapshot={"title": "Port skills academy", "lessons": "Secret old lessons"}))
    written.revision_count = 2
    _db.session.commit()
    return {"mine": mine, "theirs": theirs, "written": written, "named": named}


def test_the_download_holds_the_persons_documents_and_case_studies(db: Any, member: User, convenor: User,
                                                                    login: Any) -> None:
    made = _shared(member, convenor)
    files = _download(login(member))
    data = json.loads(files["data.json"])

    [document] = data["documents"]
    assert document["title"] == "Port skills survey" and document["network_slug"] == "skills-forum"
    assert document["visibility"] == "members" and document["version_count"] == 2
    versions = data["document_versions"]
    assert [(row["number"], row["original_name"], row["document_title"]) for row in versions] == [
        (1, "Port skills survey v1.txt", "Port skills survey"), (2, "Port skills survey v2.txt", "Port skills survey")]
    assert all("blob_key" not in row and "text" not in row for row in versions)

    [study] = data["case_studies"]
    assert study["id"] == made["written"].id and study["challenge"] == "Challenge of Port skills academy"
    assert study["jobs_created"] == 12 and study["jobs_created_source"] == "Our evaluation"
    [named] = data["case_studies_naming_you"]
    assert named["title"] == "Glasgow robotics hub" and named["status"] == "draft"
    assert "challenge" not in named and "lessons" not in named
    assert [(row["number"], row["note"], row["case_study_title"]) for row in data["case_study_revisions"]] == [
        (1, "Saved", "Port skills academy"), (2, "Fixed a typo", "Port skills academy")]
    assert all("snapshot" not in row for row in data["case_study_revisions"])
    assert "documents.csv" in files and "case_studies_naming_you.csv" in files
    assert list(json.loads(files["data.json"])["left_out"]["document_versions"]) == ["blob_key", "text",
                                                                                      "uploaded_by_id"]
    readme = files["README.txt"].decode()
    assert "document_versions.csv" in readme and "search_entries rows linked by owner_id" in readme


def test_nobody_elses_documents_or_case_studies_are_in_the_download(db: Any, member: User, convenor: User,
                                                                     login: Any, app: Any) -> None:
    _shared(member, convenor)
    everything = b"".join(_download(login(member)).values()).decode("utf-8", "replace")
    for text in ("Glasgow robotics paper", "Challenge of Glasgow robotics hub", "Secret old lessons"):
        assert text not in everything, text
    with app.test_client() as other:
        with other.session_transaction() as session:
            session["_user_id"] = convenor.get_id()
        theirs = b"".join(_download(other).values()).decode("utf-8", "replace")
    assert "Glasgow robotics paper" in theirs and "Challenge of Glasgow robotics hub" in theirs
    for text in ("Port skills survey", "Port skills academy"):
        assert text not in theirs, text


def test_the_registry_follows_every_link_of_the_new_tables() -> None:
    assert source("documents").links == ("owner_id",)
    assert source("document_versions").links == ("uploaded_by_id",)
    assert {source("case_studies").links, source("case_studies_naming_you").links} == {("author_id",),
                                                                                        ("contact_id",)}
    assert source("case_study_revisions").links == ("editor_id",)


# Deleting the account ---------------------------------------------------------------------------------------

def _delete(member: User, secretariat: User) -> None:
    member.deletion_requested_at = utcnow() - timedelta(days=1)
    _db.session.commit()
    assert deletion.confirm_deletion(secretariat, member)
    _db.session.expire_all()


def test_their_documents_and_case_studies_stay_as_former_members(db: Any, member: User, convenor: User,
                                                                 secretariat: User, login: Any) -> None:
    made = _shared(member, convenor)
    document_id, study_id = made["mine"].id, made["written"].id
    _delete(member, secretariat)

    document = db.session.get(Document, document_id)
    assert document is not None and document.owner_id == member.id
    assert db.session.scalars(select(DocumentVersion).where(DocumentVersion.document_id == document_id)).all()
    study = db.session.get(CaseStudy, study_id)
    assert study is not None and study.author_id == member.id and study.status == "published"
    client = login(convenor)
    page = text_of(client.get(f"/documents/{document_id}"))
    assert FORMER_MEMBER_NAME in page and "Mina Member" not in page
    assert "Mina Member" not in text_of(client.get(f"/case-studies/{study_id}"))


def _loaded(study: CaseStudy) -> CaseStudy:
    """The case study with the links a snapshot reads."""
    query = select(CaseStudy).where(CaseStudy.id == study.id).options(
        selectinload(CaseStudy.zones), selectinload(CaseStudy.sectors), selectinload(CaseStudy.documents),
        selectinload(CaseStudy.meetings)).execution_options(populate_existing=True)
    return _db.session.scalars(query).one()


def test_case_studies_lose_them_as_contact_and_their_name_leaves_the_history(db: Any, member: User,
                                                                             convenor: User, secretariat: User,
                                                                             login: Any) -> None:
    named = add_case_study(convenor, "Glasgow robotics hub", contact=member, is_public=True)
    db.session.add(CaseStudyRevision(case_study_id=named.id, number=2, editor_id=convenor.id, note="Named Mina",
                                     snapshot=snapshot(_loaded(named))))
    db.session.commit()
    assert "Mina Member" in json.dumps(db.session.scalars(select(CaseStudyRevision.snapshot)).all())

    _delete(member, secretariat)

    assert db.session.get(CaseStudy, named.id).contact_id is None
    snapshots = db.session.scalars(select(CaseStudyRevision.snapshot)).all()
    assert "Mina Member" not in json.dumps(snapshots, ensure_ascii=False)
    assert any(s.get("contact") == {"id": member.id, "name": FORMER_MEMBER_NAME} for s in snapshots)
    page = text_of(login(convenor).get(f"/case-studies/{named.id}"))
    assert "Mina Member" not in page and f'href="/people/{member.id}"' not in page


def test_the_search_index_forgets_the_person_but_keeps_their_work(db: Any, member: User, convenor: User,
                                                                  secretariat: User) -> None:
    made = _shared(member, convenor)
    reindex()  # the helpers write rows the index listeners see; this makes sure the person is there too
    assert db.session.scalars(select(SearchEntry).where(SearchEntry.kind == "person",
                                                        SearchEntry.object_id == member.id)).one()
    _delete(member, secretariat)

    assert db.session.scalars(select(SearchEntry).where(SearchEntry.kind == "person",
                                                        SearchEntry.object_id == member.id)).all() == []
    texts = " ".join(title + " " + body for title, body in db.session.execute(
        select(SearchEntry.title, SearchEntry.body)))
    assert "Mina" not in texts and "member@humber.example" not in texts
    kept = {(kind, object_id) for kind, object_id in db.session.execute(
        select(SearchEntry.kind, SearchEntry.object_id))}
    assert ("document", made["mine"].id) in kept and ("case_study", made["written"].id) in kept
