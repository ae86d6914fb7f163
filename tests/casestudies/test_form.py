"""Writing a case study through the form: what is saved, the choices offered, and every refusal writing nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.casestudies.support import (
    case_study_count,
    form_data,
    fresh,
    make_case_study,
    make_document,
    make_meeting,
    revisions,
    sector,
    zone,
)
from tests.factories import make_user
from tests.helpers import submit, text_of
from zone_networks.casestudies.forms import parse_figure

NEW = "/case-studies/new"


def test_the_form_ticks_the_authors_zone(db, client, login, member) -> None:
    login(member)
    page = text_of(client.get(NEW))
    humber = zone("humber-freeport").id
    assert f'value="{humber}" checked' in page
    assert page.count("checked") == 1
    assert "There is a problem" not in page


def test_creating_saves_a_draft_with_its_first_revision(db, client, login, member, official) -> None:
    login(member)
    data = form_data(
        title="Offshore wind skills centre", summary="Technicians trained for the Humber.",
        zones=[str(zone("humber-freeport").id), str(zone("teesside-freeport-and-tees-valley-investment-zone").id)],
        sectors=[str(sector("clean-energy-industries").id)], theme="net_zero",
        started_on=date(2023, 4, 1), ended_on=date(2025, 3, 31),
        jobs_created="1,200", jobs_created_source="Company report 2025",
        investment_gbp="£186,000,000", investment_gbp_source="Action Plan",
        people_trained="0", people_trained_source="Nobody yet", contact_id=str(official.id),
        lessons="Start with the employers.",
    )
    response = submit(client, NEW, data)
    assert response.status_code == 303
    assert case_study_count() == 1
    case_study_id = int(response.headers["Location"].rsplit("/", 1)[1])
    case_study = fresh(case_study_id)
    assert case_study.status == "draft" and not case_study.is_public and case_study.author_id == member.id
    assert case_study.published_at is None
    assert (case_study.jobs_created, case_study.investment_gbp, case_study.people_trained) == (1200, 186_000_000, 0)
    assert case_study.businesses_supported is None
    assert (case_study.started_on, case_study.ended_on) == (date(2023, 4, 1), date(2025, 3, 31))
    assert case_study.contact_id == official.id and case_study.theme == "net_zero"
    assert case_study.revision_count == 1
    [revision] = revisions(case_study_id)
    assert revision.number == 1 and revision.editor_id == member.id
    snapshot = revision.snapshot
    assert snapshot["_action"] == "created"
    assert snapshot["title"] == "Offshore wind skills centre"
    assert {item["name"] for item in snapshot["zones"]} == {
        "Humber Freeport", "Teesside Freeport and Tees Valley Investment Zone"}
    assert snapshot["sectors"] == [{"id": sector("clean-energy-industries").id, "name": "Clean Energy Industries"}]
    assert snapshot["started_on"] == "2023-04-01" and snapshot["investment_gbp"] == 186_000_000
    assert snapshot["contact"] == {"id": official.id, "name": official.name}
    page = text_of(client.get(response.headers["Location"]))
    assert "saved as a draft" in page
    assert "£186 million" in page and "1,200" in page and "Company report 2025" in page


def _refused(client: Any, data: dict[str, Any], field: str, message: str) -> None:
    response = submit(client, NEW, data)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert f'href="#{field}' in page, page[page.find("govuk-error-summary"):][:2000]
    assert message in page
    assert case_study_count() == 0


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"title": "  "}, "title", "Enter a title"),
    ({"title": "x" * 201}, "title", "Title must be 200 characters or fewer"),
    ({"summary": ""}, "summary", "Enter a summary"),
    ({"summary": "x" * 501}, "summary", "Summary must be 500 characters or fewer"),
    ({"zones": []}, "zones", "Select at least one zone"),
    ({"zones": ["99999"]}, "zones", "Select from the list"),
    ({"zones": ["abc"]}, "zones", "Select from the list"),
    ({"theme": ""}, "theme", "Select a theme"),
    ({"theme": "gardening"}, "theme", "Select a theme"),
    ({"jobs_created": "120"}, "jobs_created_source", "Enter where the figure for jobs created comes from"),
    ({"investment_gbp": "5000"}, "investment_gbp_source",
     "Enter where the figure for private investment comes from"),
    ({"jobs_created": "-5", "jobs_created_source": "x"}, "jobs_created", "Jobs created must be 0 or more"),
    ({"people_trained": "lots", "people_trained_source": "x"}, "people_trained",
     "People trained must be a whole number, like 1,200"),
    ({"people_trained": "12.5", "people_trained_source": "x"}, "people_trained",
     "People trained must be a whole number, like 1,200"),
    ({"investment_gbp": "£186m", "investment_gbp_source": "x"}, "investment_gbp",
     "Private investment must be a whole number of pounds, like 186,000,000"),
    ({"businesses_supported": "1,00", "businesses_supported_source": "x"}, "businesses_supported",
     "Businesses supported must be a whole number, like 1,200"),
    ({"businesses_supported": "99999999999", "businesses_supported_source": "x"}, "businesses_supported",
     "Businesses supported must be 10,000,000 or less"),
    ({"jobs_created_source": "Annual report"}, "jobs_created",
     "Enter the figure for jobs created, or remove its source"),
    ({"started_on": date(2025, 1, 10), "ended_on": date(2024, 1, 10)}, "ended_on",
     "End date must be the same as or after the start date"),
    ({"started_on": ["31", "2", "2024"]}, "started_on", "Start date must be a real date"),
    ({"ended_on": ["1", "", "2024"]}, "ended_on", "End date must include a month"),
    ({"contact_id": "99999"}, "contact_id", "Select a contact person from the list"),
    ({"documents": ["99999"]}, "documents", "Select from the list"),
    ({"meetings": ["99999"]}, "meetings", "Select from the list"),
    ({"challenge": "x" * 20_001}, "challenge", "This must be 20,000 characters or fewer"),
])
def test_bad_input_is_refused_and_nothing_is_written(db, client, login, member, overrides: dict[str, Any],
                                                     field: str, message: str) -> None:
    login(member)
    _refused(client, form_data(**overrides), field, message)


def test_a_deactivated_person_cannot_be_the_contact(db, client, login, member) -> None:
    leaver = make_user("leaver@humber.example", "humber-freeport", name="Lee Leaver", active=False)
    db.session.commit()
    login(member)
    assert "Lee Leaver" not in text_of(client.get(NEW))
    _refused(client, form_data(contact_id=str(leaver.id)), "contact_id", "Select a contact person from the list")


def test_only_documents_and_meetings_the_author_may_see_are_offered(db, client, login, member, convenor,
                                                                   secretariat) -> None:
    mine = make_document("skills-forum", title="Forum skills plan")
    theirs = make_document("innovation-leads", title="Innovation secret plan")
    everyone = make_document("innovation-leads", title="Innovation open plan", visibility="members")
    seen = make_meeting(secretariat, "skills-forum", title="Skills Forum spring")
    unseen = make_meeting(secretariat, "innovation-leads", title="Innovation leads call")
    old = make_meeting(secretariat, "skills-forum", title="Ancient forum", days=-800)
    login(member)
    page = text_of(client.get(NEW))
    assert "Forum skills plan" in page and "Innovation open plan" in page
    assert "Innovation secret plan" not in page
    assert "Skills Forum spring" in page
    assert "Innovation leads call" not in page and "Ancient forum" not in page
    # Posting the id of something not offered is refused, even though it exists.
    _refused(client, form_data(documents=[str(theirs.id)]), "documents", "Select from the list")
    _refused(client, form_data(meetings=[str(unseen.id)]), "meetings", "Select from the list")
    _refused(client, form_data(meetings=[str(old.id)]), "meetings", "Select from the list")
    response = submit(client, NEW, form_data(documents=[str(mine.id), str(everyone.id)], meetings=[str(seen.id)]))
    assert response.status_code == 303
    snapshot = revisions(int(response.headers["Location"].rsplit("/", 1)[1]))[0].snapshot
    assert {item["title"] for item in snapshot["documents"]} == {"Forum skills plan", "Innovation open plan"}
    assert [item["title"] for item in snapshot["meetings"]] == ["Skills Forum spring"]


def test_anyone_signed_in_may_write_one(db, client, login, official, outsider, secretariat) -> None:
    for index, person in enumerate((official, outsider, secretariat), start=1):
        login(person)
        assert client.get(NEW).status_code == 200
        assert submit(client, NEW, form_data(title=f"Story {index}")).status_code == 303
        assert case_study_count() == index


def test_a_failed_edit_writes_nothing(db, client, login, member) -> None:
    case_study = make_case_study(member, status="draft", title="Original title")
    login(member)
    url = f"/case-studies/{case_study.id}/edit"
    response = submit(client, url, form_data(title="", jobs_created="-1", jobs_created_source="x"))
    assert response.status_code == 400
    page = text_of(response)
    assert "Enter a title" in page and "Jobs created must be 0 or more" in page
    assert fresh(case_study.id).title == "Original title"
    assert revisions(case_study.id) == []


@pytest.mark.parametrize(("text", "money", "value"), [
    ("0", False, 0), ("1200", False, 1200), ("1,200", False, 1200), ("1 200", False, 1200),
    ("186,000,000", True, 186_000_000), ("£186,000,000", True, 186_000_000), ("£5", True, 5),
    ("£5", False, None), ("-1", False, None), ("1.5", False, None), ("12,34", False, None), ("", False, None),
    ("1e6", False, None), ("٣", False, None), ("£186m", True, None),
])
def test_figures_are_whole_numbers_with_optional_commas(text: str, money: bool, value: int | None) -> None:
    assert parse_figure(text, money=money) == value
