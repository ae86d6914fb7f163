"""Every save keeps a revision: edits, publishing, moving back to draft and visibility, and the history pages."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.casestudies.support import (
    form_data,
    fresh,
    make_case_study,
    make_document,
    make_meeting,
    revisions,
    zone,
)
from tests.helpers import submit, text_of
from zone_networks.casestudies.history import changed_fields, snapshot
from zone_networks.casestudies.queries import case_study_for_page
from zone_networks.casestudies.services import CaseStudyDetails, create_case_study, update_case_study
from zone_networks.core.audit import AuditEvent
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.extensions import db

FORM = "/case-studies/new"


def _audits() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "case_study")
                                   .order_by(AuditEvent.id)))


def _new(client, **overrides) -> int:
    response = submit(client, FORM, form_data(**overrides))
    assert response.status_code == 303, text_of(response)[:3000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_an_edit_writes_a_revision_listing_what_changed(db, client, login, member) -> None:
    login(member)
    case_study_id = _new(client)
    before = fresh(case_study_id).updated_at
    response = submit(client, f"/case-studies/{case_study_id}/edit", form_data(
        title="Offshore wind skills centre, year two", people_trained="350",
        people_trained_source="Centre records", zones=[str(zone("humber-freeport").id),
                                                       str(zone("freeport-east").id)],
        note="Added the second year"))
    assert response.status_code == 303
    case_study = fresh(case_study_id)
    assert case_study.revision_count == 2 and case_study.updated_at >= before
    first, second = revisions(case_study_id)
    assert second.number == 2 and second.note == "Added the second year" and second.snapshot["_action"] == "edited"
    assert changed_fields(first.snapshot, second.snapshot) == [
        "title", "zones", "people_trained", "people_trained_source"]
    page = text_of(client.get(f"/case-studies/{case_study_id}/history/2"))
    assert "Changed from version 1" in page
    for label in ("Title", "Zones", "People trained", "Source of the figure for people trained"):
        assert f"<li>{label}</li>" in page
    assert "<li>Summary</li>" not in page
    assert "Added the second year" in page
    first_page = text_of(client.get(f"/case-studies/{case_study_id}/history/1"))
    assert "This is the first version" in first_page and "Offshore wind skills centre" in first_page
    history = text_of(client.get(f"/case-studies/{case_study_id}/history"))
    assert "Version 2" in history and "Version 1" in history and "Edited" in history and "Created" in history
    assert client.get(f"/case-studies/{case_study_id}/history/3").status_code == 404
    assert client.get(f"/case-studies/{case_study_id}/history/0").status_code == 404


def test_saving_without_a_change_writes_no_revision(db, client, login, member) -> None:
    login(member)
    case_study_id = _new(client)
    updated = fresh(case_study_id).updated_at
    response = submit(client, f"/case-studies/{case_study_id}/edit", form_data(), follow_redirects=True)
    assert "Nothing was changed" in text_of(response)
    assert fresh(case_study_id).revision_count == 1 and fresh(case_study_id).updated_at == updated
    assert len(revisions(case_study_id)) == 1


def test_publish_withdraw_and_visibility_each_keep_a_revision(db, client, login, member) -> None:
    login(member)
    case_study_id = _new(client)
    url = f"/case-studies/{case_study_id}"
    assert submit(client, f"{url}/visibility", {"public": "yes"}, form_url=FORM).status_code == 303
    case_study = fresh(case_study_id)
    assert case_study.is_public and not case_study.is_published
    assert client.application.test_client().get(url).status_code == 404  # a public draft is not public
    assert submit(client, f"{url}/publish", {}, form_url=FORM).status_code == 303
    case_study = fresh(case_study_id)
    first_published = case_study.published_at
    assert case_study.is_published and first_published is not None
    assert client.application.test_client().get(url).status_code == 200  # now anyone may read it
    assert submit(client, f"{url}/withdraw", {}, form_url=FORM).status_code == 303
    assert client.application.test_client().get(url).status_code == 404
    assert submit(client, f"{url}/publish", {}, form_url=FORM).status_code == 303
    assert fresh(case_study_id).published_at == first_published  # set on the first publish only
    assert submit(client, f"{url}/visibility", {"public": "no"}, form_url=FORM).status_code == 303
    # Repeating a done action changes nothing and keeps no revision.
    assert submit(client, f"{url}/publish", {}, form_url=FORM).status_code == 303
    assert submit(client, f"{url}/visibility", {"public": "no"}, form_url=FORM).status_code == 303
    actions = [revision.snapshot["_action"] for revision in revisions(case_study_id)]
    assert actions == ["created", "made_public", "published", "withdrawn", "published", "made_members_only"]
    assert fresh(case_study_id).revision_count == 6
    assert [revision.number for revision in revisions(case_study_id)] == [1, 2, 3, 4, 5, 6]
    assert _audits() == []  # the author's own actions are not audited
    history = text_of(client.get(f"{url}/history"))
    for words in ("Made public", "Published", "Moved back to draft", "Made members-only"):
        assert words in history
    page = text_of(client.get(f"{url}/history/4"))
    assert "<li>Status</li>" in page


def test_staff_actions_are_audited(db, client, login, member, secretariat) -> None:
    case_study = make_case_study(member, status="draft")
    login(secretariat)
    url = f"/case-studies/{case_study.id}"
    submit(client, f"{url}/publish", {}, form_url=FORM)
    submit(client, f"{url}/visibility", {"public": "yes"}, form_url=FORM)
    submit(client, f"{url}/withdraw", {}, form_url=FORM)
    submit(client, f"{url}/edit", form_data(title="Tidied by the secretariat"))
    assert _audits() == ["case_study.published", "case_study.made_public", "case_study.withdrawn",
                         "case_study.edited"]
    assert [revision.editor_id for revision in revisions(case_study.id)] == [secretariat.id] * 4


def test_publishing_needs_the_story(db, client, login, member) -> None:
    login(member)
    case_study_id = _new(client, challenge="", approach="")
    response = submit(client, f"/case-studies/{case_study_id}/publish", {}, form_url=FORM, follow_redirects=True)
    assert "Add the challenge before you publish the case study" in text_of(response)
    assert fresh(case_study_id).status == "draft" and fresh(case_study_id).revision_count == 1


def test_links_the_editor_cannot_see_are_kept(db, client, login, member, convenor, secretariat) -> None:
    """The secretariat attached an Innovation Leads document the author cannot see; the author's edit keeps it."""
    hidden = make_document("innovation-leads", title="Innovation secret plan")
    hidden_meeting = make_meeting(secretariat, "innovation-leads", title="Innovation leads call")
    shown = make_document("skills-forum", title="Forum skills plan")
    case_study = make_case_study(member, status="published", documents=(hidden, shown),
                                 meetings=(hidden_meeting,))
    login(member)
    url = f"/case-studies/{case_study.id}"
    edit_page = text_of(client.get(f"{url}/edit"))
    assert "Forum skills plan" in edit_page and "Innovation secret plan" not in edit_page
    assert "Innovation leads call" not in edit_page
    submit(client, f"{url}/edit", form_data(title="New title", documents=[]))
    reloaded = case_study_for_page(case_study.id)
    assert reloaded is not None
    assert [document.title for document in reloaded.documents] == ["Innovation secret plan"]
    assert [meeting.title for meeting in reloaded.meetings] == ["Innovation leads call"]
    # The revision records the link, but its page names only what the viewer may see now.
    page = text_of(client.get(f"{url}/history/1"))
    assert "Innovation secret plan" not in page and "1 document you cannot see" in page
    assert "1 meeting you cannot see" in page
    login(secretariat)
    assert "Innovation secret plan" in text_of(client.get(f"{url}/history/1"))


def test_the_services_keep_updated_at_and_count(db, member, official) -> None:
    details = CaseStudyDetails(title="Made by a service", zone_ids=[zone("humber-freeport").id], theme="skills",
                               summary="Short.")
    case_study = create_case_study(member, details)
    loaded = case_study_for_page(case_study.id)
    assert loaded is not None
    stamp = loaded.updated_at
    again = CaseStudyDetails.of(loaded)
    again.contact_id = official.id
    assert update_case_study(member, loaded, again, "Added a contact") == ["contact"]
    loaded = case_study_for_page(case_study.id)
    assert loaded is not None and loaded.revision_count == 2 and loaded.updated_at >= stamp
    assert snapshot(loaded)["contact"] == {"id": official.id, "name": official.name}
    assert as_utc(loaded.updated_at) <= utcnow() + timedelta(seconds=1)
