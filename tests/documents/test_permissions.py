"""Who may see, download and change a document: every rule both ways, read live on every request."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.documents.support import network
from tests.helpers import submit, text_of
from zone_networks.networks.models import Membership

VIEWERS = ("anonymous", "outsider", "member", "official", "convenor", "secretariat", "admin")
# Who sees a Skills Forum document of each visibility (member and official are active in the forum).
CAN_SEE = {
    "network": {"member", "official", "secretariat", "admin"},
    "members": {"outsider", "member", "official", "convenor", "secretariat", "admin"},
    "public": set(VIEWERS),
}


def _as(request: Any, login: Any, client: Any, who: str) -> Any:
    if who != "anonymous":
        login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("visibility", ["network", "members", "public"])
@pytest.mark.parametrize("who", VIEWERS)
def test_document_page_download_and_list_follow_visibility(request, client, login, add_document, member,
                                                          visibility: str, who: str) -> None:
    document = add_document(member, visibility=visibility, title=f"Levy pilots {visibility}", versions=2)
    _as(request, login, client, who)
    allowed = who in CAN_SEE[visibility]
    expected = 200 if allowed else 404
    assert client.get(f"/documents/{document.id}").status_code == expected
    for url in (f"/documents/{document.id}/download", f"/documents/{document.id}/versions/1/download",
                f"/documents/{document.id}/versions/2/download"):
        response = client.get(url)
        response.close()
        assert response.status_code == expected, url
    for url in ("/documents", "/networks/skills-forum/documents"):
        assert (f"Levy pilots {visibility}" in text_of(client.get(url))) is allowed, url


def test_older_versions_download_with_their_own_content(client, login, add_document, member) -> None:
    document = add_document(member, versions=3, content=b"version three\n", name="plan.txt",
                            content_type="text/plain")
    login(member)
    bodies = []
    for number in (1, 2, 3):
        response = client.get(f"/documents/{document.id}/versions/{number}/download")
        bodies.append(response.get_data())
        response.close()
    assert bodies == [b"version 1\n", b"version 2\n", b"version three\n"]
    current = client.get(f"/documents/{document.id}/download")
    assert current.get_data() == b"version three\n"
    current.close()
    assert client.get(f"/documents/{document.id}/versions/4/download").status_code == 404


def test_a_missing_document_is_404(client, login, member) -> None:
    login(member)
    assert client.get("/documents/999999").status_code == 404
    assert client.get("/documents/999999/download").status_code == 404


def test_removing_a_member_takes_effect_at_once(client, login, db, add_document, member) -> None:
    document = add_document(None, visibility="network")
    login(member)
    assert client.get(f"/documents/{document.id}").status_code == 200
    membership = db.session.scalars(select(Membership).where(
        Membership.user_id == member.id, Membership.network_id == network("skills-forum").id)).one()
    membership.status = "removed"
    db.session.commit()
    assert client.get(f"/documents/{document.id}").status_code == 404
    response = client.get(f"/documents/{document.id}/versions/1/download")
    assert response.status_code == 404
    assert "Skills plan" not in text_of(client.get("/documents"))


def test_a_requested_membership_gives_no_access(client, login, db, add_document, outsider) -> None:
    document = add_document(None, visibility="network")
    db.session.add(Membership(user_id=outsider.id, network_id=network("skills-forum").id, status="requested"))
    db.session.commit()
    login(outsider)
    assert client.get(f"/documents/{document.id}").status_code == 404


def test_narrowing_visibility_takes_effect_at_once(client, login, add_document, member, outsider) -> None:
    document = add_document(member, visibility="members")
    login(outsider)
    assert client.get(f"/documents/{document.id}").status_code == 200
    login(member)
    response = submit(client, f"/documents/{document.id}/edit", {
        "title": "Skills plan", "network": str(network("skills-forum").id), "visibility": "network"})
    assert response.status_code == 303
    login(outsider)
    assert client.get(f"/documents/{document.id}").status_code == 404
    assert client.get(f"/documents/{document.id}/download").status_code == 404


EDIT_URLS = ("/edit", "/versions/new", "/delete")


@pytest.mark.parametrize("suffix", EDIT_URLS)
def test_owner_convenor_and_staff_may_change_a_document(request, client, login, add_document, member, convenor,
                                                         secretariat, admin, suffix: str) -> None:
    skills = add_document(member, visibility="network")
    innovation = add_document(None, "innovation-leads", visibility="network")
    for who, document in ((member, skills), (convenor, innovation), (secretariat, skills), (admin, innovation)):
        login(who)
        assert client.get(f"/documents/{document.id}{suffix}").status_code == 200, (who.email, suffix)


@pytest.mark.parametrize("suffix", EDIT_URLS)
def test_others_who_can_see_it_get_403_and_others_404(client, login, add_document, member, official, outsider,
                                                       convenor, suffix: str) -> None:
    document = add_document(member, visibility="members")
    hidden = add_document(member, visibility="network")
    for who in (official, outsider, convenor):  # an observer in the network, no network, another network's convenor
        login(who)
        assert client.get(f"/documents/{document.id}{suffix}").status_code == 403, (who.email, suffix)
    for who in (outsider, convenor):
        login(who)
        assert client.get(f"/documents/{hidden.id}{suffix}").status_code == 404, (who.email, suffix)


@pytest.mark.parametrize("suffix", EDIT_URLS)
def test_signed_out_people_are_asked_to_sign_in(client, add_document, member, suffix: str) -> None:
    document = add_document(member, visibility="public")
    response = client.get(f"/documents/{document.id}{suffix}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_convenor_who_is_no_longer_active_may_not_change(client, login, db, add_document, convenor) -> None:
    document = add_document(None, "innovation-leads", visibility="members")
    membership = db.session.scalars(select(Membership).where(Membership.user_id == convenor.id)).one()
    membership.status = "removed"
    db.session.commit()
    login(convenor)
    assert client.get(f"/documents/{document.id}/edit").status_code == 403


def test_editors_see_the_actions_and_others_do_not(client, login, add_document, member, official) -> None:
    document = add_document(member, visibility="network")
    login(member)
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "Upload a new version" in page and "Edit details" in page and f"/documents/{document.id}/delete" in page
    login(official)
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "Upload a new version" not in page and "Edit details" not in page


def test_who_may_upload(client, login, member, official, outsider, secretariat) -> None:
    for who in (member, official, secretariat):
        login(who)
        assert client.get("/documents/new").status_code == 200
        assert "Upload a document" in text_of(client.get("/documents"))
    login(outsider)
    assert client.get("/documents/new").status_code == 403
    assert "Upload a document" not in text_of(client.get("/documents"))


def test_upload_button_on_a_network_page_only_for_its_members(client, login, member) -> None:
    login(member)
    assert "Upload a document" in text_of(client.get("/networks/skills-forum/documents"))
    assert "Upload a document" not in text_of(client.get("/networks/innovation-leads/documents"))
    assert client.get("/networks/nowhere/documents").status_code == 404


def test_the_upload_form_offers_only_the_uploaders_networks(client, login, member, secretariat) -> None:
    login(member)
    page = text_of(client.get("/documents/new"))
    assert "Net Zero Network" in page and "Innovation Leads Network" not in page
    login(secretariat)
    page = text_of(client.get("/documents/new"))
    assert "Innovation Leads Network" in page
