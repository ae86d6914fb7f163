"""The "Case studies" and "Documents" sections of a profile, and the pages listing everything a person shared."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.directory.sections import profile_sections
from zone_networks.directory.shared_work import SECTION_ITEMS

from .library_support import add_case_study, add_document


@pytest.fixture()
def in_request(app: Any) -> Iterator[None]:
    """A request context, for calling the section providers directly (they build links)."""
    with app.test_request_context():
        yield


def _main(response: Any) -> str:
    page = text_of(response)
    return page[page.index("<main"):page.index("</main>")]


def _section(page: str, key: str) -> str:
    """The HTML of one section of the profile (from its heading to the next h2 or the end of the column)."""
    start = page.index(f'id="{key}"')
    end = min([index for index in (page.find("<h2", start + 1), page.find("</div>", start)) if index != -1])
    return page[start:end]


def test_nothing_shared_means_no_headings(db: Any, member: User, outsider: User, login: Any) -> None:
    assert profile_sections(member, outsider) == []
    page = _main(login(outsider).get(f"/people/{member.id}"))
    assert 'id="case-studies"' not in page and 'id="documents"' not in page


def test_published_case_studies_they_wrote_or_are_the_contact_for(db: Any, member: User, convenor: User,
                                                                  outsider: User, login: Any) -> None:
    written = add_case_study(member, "Port skills academy", age_days=2)
    named = add_case_study(convenor, "Glasgow robotics hub", contact=member, age_days=1)
    add_case_study(member, "Half-written idea", status="draft")
    add_case_study(convenor, "Someone else's story")
    db.session.commit()

    section = _section(_main(login(outsider).get(f"/people/{member.id}")), "case-studies")

    assert f'href="/case-studies/{named.id}"' in section and f'href="/case-studies/{written.id}"' in section
    assert section.index("Glasgow robotics hub") < section.index("Port skills academy")  # newest first
    assert "named as the contact" in section
    assert "Half-written idea" not in section and "Someone else" not in section
    assert "See all case studies" not in section


def test_drafts_stay_off_the_profile_even_for_their_author_and_staff(db: Any, member: User, secretariat: User,
                                                                   in_request: None) -> None:
    add_case_study(member, "Half-written idea", status="draft")
    db.session.commit()
    assert profile_sections(member, member) == []
    assert profile_sections(member, secretariat) == []


def test_documents_follow_the_viewers_rights_both_ways(db: Any, member: User, official: User, outsider: User,
                                                       secretariat: User, login: Any, in_request: None) -> None:
    """The member's Skills Forum papers: the forum's observer sees them all, an outsider only the open ones."""
    add_document(member, "Forum-only paper", visibility="network", age_days=3)
    add_document(member, "Paper for all members", visibility="members", age_days=2)
    add_document(member, "Public paper", visibility="public", age_days=1)
    db.session.commit()

    def titles(viewer: User) -> list[str]:
        found = [section for section in profile_sections(member, viewer) if section.key == "documents"]
        return [item.text for item in found[0].items] if found else []

    assert titles(official) == ["Public paper", "Paper for all members", "Forum-only paper"]
    assert titles(secretariat) == ["Public paper", "Paper for all members", "Forum-only paper"]
    assert titles(outsider) == ["Public paper", "Paper for all members"]
    section = _section(_main(login(outsider).get(f"/people/{member.id}")), "documents")
    assert "Forum-only paper" not in section and "Skills Forum, updated" in section


def test_a_removed_member_loses_the_network_papers_at_once(db: Any, member: User, official: User,
                                                          in_request: None) -> None:
    from zone_networks.networks.models import Membership

    add_document(member, "Forum-only paper", visibility="network")
    db.session.commit()
    assert [s.key for s in profile_sections(member, official)] == ["documents"]
    membership = db.session.query(Membership).filter_by(user_id=official.id).one()
    membership.status = "removed"
    db.session.commit()
    assert profile_sections(member, official) == []


def test_each_section_shows_ten_and_links_to_the_rest(db: Any, member: User, outsider: User, login: Any) -> None:
    for n in range(SECTION_ITEMS + 2):
        add_document(member, f"Paper {n:02d}", visibility="members", age_days=n)
        add_case_study(member, f"Study {n:02d}", age_days=n)
    db.session.commit()
    page = _main(login(outsider).get(f"/people/{member.id}"))
    for key, prefix, more in (("documents", "Paper", f"/people/{member.id}/documents"),
                              ("case-studies", "Study", f"/people/{member.id}/case-studies")):
        section = _section(page, key)
        assert len(re.findall(rf">{prefix} \d\d<", section)) == SECTION_ITEMS
        assert f">{prefix} 00<" in section and f">{prefix} 10<" not in section  # the newest ten
        assert f'href="{more}"' in section


def test_the_more_pages_list_everything_the_viewer_may_see(db: Any, member: User, outsider: User,
                                                           login: Any) -> None:
    for n in range(SECTION_ITEMS + 2):
        add_document(member, f"Paper {n:02d}", visibility="members", age_days=n)
        add_case_study(member, f"Study {n:02d}", age_days=n, is_public=n % 2 == 0)
    add_document(member, "Forum-only paper", visibility="network")
    add_case_study(member, "Half-written idea", status="draft")
    db.session.commit()
    client = login(outsider)

    documents = _main(client.get(f"/people/{member.id}/documents"))
    assert "Documents shared by Mina Member" in documents
    assert len(re.findall(r">Paper \d\d<", documents)) == SECTION_ITEMS + 2
    assert "Forum-only paper" not in documents
    assert "12 documents you can see" in documents

    studies = _main(client.get(f"/people/{member.id}/case-studies"))
    assert len(re.findall(r">Study \d\d<", studies)) == SECTION_ITEMS + 2
    assert "Half-written idea" not in studies
    assert "12 case studies" in studies


def test_the_more_pages_need_a_signed_in_viewer_who_may_see_the_person(db: Any, client: Any, member: User,
                                                                       outsider: User, login: Any) -> None:
    for path in ("documents", "case-studies"):
        response = client.get(f"/people/{member.id}/{path}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    member.active = False
    db.session.commit()
    login(outsider)
    for path in ("documents", "case-studies"):
        assert client.get(f"/people/{member.id}/{path}").status_code == 404
    assert client.get("/people/999999/documents").status_code == 404


def test_the_more_pages_run_a_fixed_number_of_queries(db: Any, member: User, outsider: User, login: Any,
                                                      count_queries: Any) -> None:
    client = login(outsider)
    counts = []
    for size in (1, 30):
        for n in range(size):
            add_document(member, f"Paper {size}-{n}", visibility="members")
            add_case_study(member, f"Study {size}-{n}")
        db.session.commit()
        for path in ("documents", "case-studies"):
            client.get(f"/people/{member.id}/{path}")  # warm up
            db.session.remove()
            with count_queries() as statements:
                assert client.get(f"/people/{member.id}/{path}").status_code == 200
            counts.append((path, len(statements)))
    assert counts[:2] == counts[2:]
