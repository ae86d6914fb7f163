"""One case study's page: its parts, only the documents and meetings the viewer may see, and a bounded query count."""

from __future__ import annotations

from datetime import date

import pytest

from tests.casestudies.support import make_case_study, make_document, make_meeting
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.extensions import db


@pytest.fixture()
def linked(db, member, secretariat):
    """A published, public case study with documents and meetings of every visibility."""
    documents = (
        make_document("skills-forum", title="Forum-only paper"),
        make_document("innovation-leads", title="Innovation-only paper"),
        make_document("net-zero", title="Members paper", visibility="members"),
        make_document("innovation-leads", title="Public paper", visibility="public"),
    )
    meetings = (
        make_meeting(secretariat, "skills-forum", title="Forum meeting"),
        make_meeting(secretariat, "innovation-leads", title="Innovation meeting"),
        make_meeting(secretariat, "innovation-leads", title="Public innovation meeting", is_public=True),
        make_meeting(secretariat, "skills-forum", title="Draft forum meeting", status="draft", days=10),
    )
    return make_case_study(member, is_public=True, documents=documents, meetings=meetings,
                           title="Humber wind skills", sectors=("clean-energy-industries", "defence"),
                           started_on=date(2023, 4, 1), ended_on=date(2025, 3, 31),
                           lessons="Work with **employers**.\n\n<script>alert(1)</script>",
                           jobs_created=1200, jobs_created_source="Siemens Gamesa annual report",
                           investment_gbp=186_000_000, investment_gbp_source="Action Plan")


# Who sees which: signed out, a Skills Forum member, the Innovation Leads convenor, the secretariat.
SEEN = {
    None: {"Public paper", "Public innovation meeting"},
    "member": {"Forum-only paper", "Members paper", "Public paper", "Forum meeting", "Public innovation meeting"},
    "convenor": {"Innovation-only paper", "Members paper", "Public paper", "Innovation meeting",
                 "Public innovation meeting"},
    "secretariat": {"Forum-only paper", "Innovation-only paper", "Members paper", "Public paper", "Forum meeting",
                    "Innovation meeting", "Public innovation meeting", "Draft forum meeting"},
}
EVERY_LINK = set().union(*SEEN.values())


@pytest.mark.parametrize("who", list(SEEN))
def test_only_the_links_the_viewer_may_see_are_shown(request, client, login, linked, who: str | None) -> None:
    if who:
        login(request.getfixturevalue(who))
    page = text_of(client.get(f"/case-studies/{linked.id}"))
    shown = {title for title in EVERY_LINK if f">{title}</a>" in page}
    assert shown == SEEN[who]


def test_the_page_shows_the_structured_record(client, login, outsider, linked) -> None:
    login(outsider)
    page = text_of(client.get(f"/case-studies/{linked.id}"))
    assert "<h1 class=\"govuk-heading-xl\">Humber wind skills" in page
    assert "Clean Energy Industries, Defence" in page
    assert "1 April 2023 to 31 March 2025" in page
    assert "£186 million" in page and "Action Plan" in page and "1,200" in page
    assert "Siemens Gamesa annual report" in page
    assert "<strong>employers</strong>" in page and "<script>alert(1)</script>" not in page
    assert "Mina Member" not in page  # no contact was given
    assert "Edit case study" not in page and "History" not in page
    assert "Demo content" not in page and "Draft</strong>" not in page


def test_editors_get_the_buttons(client, login, member, linked) -> None:
    login(member)
    page = text_of(client.get(f"/case-studies/{linked.id}"))
    for words in ("Edit case study", "Move back to draft", "Make members-only", "History"):
        assert words in page
    linked.status, linked.is_public = "draft", False
    db.session.commit()
    page = text_of(client.get(f"/case-studies/{linked.id}"))
    for words in ("Publish</button>", "Make public", "This is a draft", "Draft</strong>"):
        assert words in page


def test_demo_content_is_tagged(client, member) -> None:
    case_study = make_case_study(member, is_public=True, is_demo=True)
    assert "Demo content" in text_of(client.get(f"/case-studies/{case_study.id}"))
    assert "Demo content" in text_of(client.get("/case-studies"))


def test_the_contact_is_named_to_signed_in_people_only(client, login, member, official) -> None:
    case_study = make_case_study(member, is_public=True, contact_id=official.id)
    page = text_of(client.get(f"/case-studies/{case_study.id}"))
    assert "Olwen Official" not in page and "to see who to contact" in page
    login(member)
    page = text_of(client.get(f"/case-studies/{case_study.id}"))
    assert f'href="/people/{official.id}">Olwen Official</a>' in page


def test_a_missing_case_study_is_404(client) -> None:
    assert client.get("/case-studies/9999").status_code == 404
    assert client.get("/case-studies/9999/edit").status_code == 302  # sign in first


@pytest.mark.parametrize("who", [None, "member", "secretariat"])
def test_the_page_runs_the_same_queries_for_3_and_30_links(request, client, login, count_queries, member,
                                                           secretariat, who: str | None) -> None:
    if who:
        login(request.getfixturevalue(who))
    counts = []
    secretariat_id, member_id = secretariat.id, member.id
    for number in (3, 30):
        actor = db.session.get(User, secretariat_id)
        assert actor is not None
        author = db.session.get(User, member_id)
        documents = tuple(make_document("skills-forum", title=f"Paper {index}", visibility="public")
                          for index in range(number))
        meetings = tuple(make_meeting(actor, "skills-forum", title=f"Meeting {index}", is_public=True)
                         for index in range(number))
        zones = ("humber-freeport", "freeport-east", "thames-freeport")[: 1 if number == 3 else 3]
        case_study = make_case_study(author, is_public=True, documents=documents, meetings=meetings, zones=zones,
                                     sectors=("defence", "life-sciences"), contact_id=member_id)
        case_study_id = case_study.id
        db.session.remove()
        with count_queries() as statements:
            response = client.get(f"/case-studies/{case_study_id}")
        assert response.status_code == 200
        assert text_of(response).count(">Paper ") == number
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 11, counts  # 11: one for "Written up from the challenge" (challenge_for_case_study)
