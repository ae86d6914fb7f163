"""The library lists: newest first, filters in the address, pages of 50, and a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.documents.support import network, sector
from tests.helpers import text_of
from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.documents.models import Document

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _titles(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/documents/\d+">([^<]+)</a>', page)


def _age(db, document: Document, days: int) -> None:
    document.updated_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_newest_first_with_network_type_size_date_and_versions(db, client, login, add_document, member) -> None:
    old = add_document(member, title="Old paper", versions=3)
    new = add_document(member, "net-zero", title="New workbook", visibility="members", content=b"x" * 2048,
                       name="survey.xlsx", content_type=XLSX)
    _age(db, old, 10)
    login(member)
    page = text_of(client.get("/documents"))
    assert _titles(page) == ["New workbook", "Old paper"]
    assert "2 documents" in page
    row = page[page.index("New workbook"):page.index("Old paper")]
    assert "Net Zero" in row and "Excel, 2 KB" in row
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in row
    assert f"/documents/{new.id}" in page and f"/documents/{old.id}" in page


def test_signed_out_visitors_see_public_documents_and_are_offered_sign_in(client, add_document, member) -> None:
    add_document(member, title="Public report", visibility="public")
    add_document(member, title="Members report", visibility="members")
    page = text_of(client.get("/documents"))
    assert _titles(page) == ["Public report"]
    assert "Sign in" in page and "Upload a document" not in page


def test_filters_by_network_sector_type_and_tag(client, login, add_document, member) -> None:
    add_document(member, title="Skills pdf", tags=("Apprenticeships",), sectors=("advanced-manufacturing",))
    add_document(member, "net-zero", title="Net zero sheet", content=b"x", name="a.xlsx", content_type=XLSX,
                 tags=("Hydrogen",), sectors=("clean-energy-industries",))
    add_document(member, "net-zero", title="Net zero pdf", tags=("Hydrogen", "Apprenticeships"))
    login(member)

    def titles(query: str) -> set[str]:
        response = client.get(f"/documents?{query}")
        assert response.status_code == 200
        return set(_titles(text_of(response)))

    assert titles("network=net-zero") == {"Net zero sheet", "Net zero pdf"}
    assert titles(f"sector={sector('clean-energy-industries').slug}") == {"Net zero sheet"}
    assert titles("type=excel") == {"Net zero sheet"}
    assert titles("type=pdf") == {"Skills pdf", "Net zero pdf"}
    assert titles("tag=apprenticeships") == {"Skills pdf", "Net zero pdf"}
    assert titles("tag=hydrogen&type=pdf") == {"Net zero pdf"}
    assert titles("network=net-zero&sector=advanced-manufacturing") == set()
    assert titles("network=nowhere&type=exe") == {"Skills pdf", "Net zero sheet", "Net zero pdf"}  # ignored


def test_chosen_filters_can_be_removed_and_cleared(client, login, add_document, member) -> None:
    add_document(member, title="Skills pdf", tags=("Apprenticeships",))
    login(member)
    page = text_of(client.get("/documents?network=skills-forum&tag=apprenticeships&type=pdf"))
    assert "Selected filters" in page and "Tag: Apprenticeships" in page
    assert 'href="/documents?network=skills-forum&amp;type=pdf#results"' in page  # without the tag
    assert 'href="/documents#results">Clear filters' in page
    assert '<option value="apprenticeships" selected>Apprenticeships</option>' in page
    assert '<option value="skills-forum" selected>' in page
    assert "No documents match" not in page
    empty = text_of(client.get("/documents?type=image"))
    assert "No documents match these filters." in empty


def test_tags_offered_are_only_those_the_viewer_can_see(client, login, add_document, member, outsider) -> None:
    add_document(member, title="Hidden", tags=("Secret project",), visibility="network")
    add_document(member, title="Shared", tags=("Open topic",), visibility="members")
    login(outsider)
    page = text_of(client.get("/documents"))
    assert "Open topic" in page and "Secret project" not in page


def test_a_network_page_lists_only_that_network(client, login, add_document, member) -> None:
    add_document(member, title="Skills paper")
    add_document(member, "net-zero", title="Net zero paper")
    login(member)
    page = text_of(client.get("/networks/net-zero/documents"))
    assert _titles(page) == ["Net zero paper"]
    assert "Net Zero Network" in page and 'name="network"' not in page
    assert "/documents/new?network=net-zero" in page
    network_page = text_of(client.get("/networks/net-zero"))
    assert "/networks/net-zero/documents" in network_page


def test_fifty_a_page(db, client, login, add_document, member) -> None:
    for number in range(52):
        add_document(member, title=f"Paper {number:02d}", commit=False)
    db.session.commit()
    login(member)
    first = text_of(client.get("/documents"))
    assert len(_titles(first)) == 50 and "Showing 1 to 50 of 52" in first
    second = text_of(client.get("/documents?page=2"))
    assert len(_titles(second)) == 2
    assert client.get("/documents?page=3").status_code == 404


def _statements(client, db, count_queries, path: str) -> list[str]:
    db.session.remove()
    assert client.get(path).status_code == 200
    db.session.remove()
    with count_queries() as statements:
        assert client.get(path).status_code == 200
    db.session.remove()
    return list(statements)


def _add_many(add_document, member, count: int, start: int) -> None:
    for number in range(start, start + count):
        add_document(member, "net-zero" if number % 2 else "skills-forum", title=f"Paper {number}",
                     versions=1 + number % 3, tags=(f"Tag {number % 4}",), sectors=("clean-energy-industries",),
                     visibility=("network", "members", "public")[number % 3])


@pytest.mark.parametrize("path", ["/documents", "/documents?type=pdf&tag=tag-1",
                                  "/networks/skills-forum/documents"])
def test_list_query_count_does_not_grow_with_documents(client, db, login, add_document, member, count_queries,
                                                       path: str) -> None:
    login(member)
    member_id = member.id
    _add_many(add_document, member, 3, 0)
    few = _statements(client, db, count_queries, path)
    _add_many(add_document, db.session.get(User, member_id), 30, 3)
    many = _statements(client, db, count_queries, path)
    assert len(few) == len(many)
    assert len(many) <= 11, "\n".join(many)  # 11 since the header's notifications badge (an unread COUNT)


def test_document_page_query_count_does_not_grow_with_versions(client, db, login, add_document, member,
                                                               count_queries) -> None:
    login(member)
    few = add_document(member, versions=3, tags=("One", "Two"), sectors=("clean-energy-industries",))
    many = add_document(member, versions=30, tags=tuple(f"Tag {n}" for n in range(10)),
                        sectors=("clean-energy-industries", "advanced-manufacturing"))
    ids = (few.id, many.id)
    counted = [_statements(client, db, count_queries, f"/documents/{document_id}") for document_id in ids]
    assert len(counted[0]) == len(counted[1])
    assert len(counted[1]) <= 10, "\n".join(counted[1])


def test_the_document_page_shows_its_details(client, login, add_document, member) -> None:
    document = add_document(member, title="Levy pilots", description="The **results**.", versions=2,
                            tags=("Hydrogen",), sectors=("clean-energy-industries",), visibility="members")
    login(member)
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "<h1 class=\"govuk-heading-l\">Levy pilots</h1>" in page and "<strong>results</strong>" in page
    assert "All signed-in members" in page and "Clean Energy Industries" in page
    assert 'href="/documents?tag=hydrogen"' in page and "Mina Member" in page
    assert f'href="/documents/{document.id}/download"' in page and "plan.pdf" in page
    assert "We could not read the text" not in page
    assert f'<a class="govuk-link" href="/networks/skills-forum/documents">{network("skills-forum").name}</a>' in page
