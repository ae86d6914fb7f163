"""Who may see and change a case study: draft / published / public, for every kind of viewer, both ways."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.casestudies.support import make_case_study
from tests.factories import make_user
from tests.helpers import submit, text_of
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import visible_to

# (status, is_public) -> who may see it: signed out, another member, the author, the secretariat.
CASES = [
    ("draft", False, {"anonymous": False, "other": False, "author": True, "staff": True}),
    ("draft", True, {"anonymous": False, "other": False, "author": True, "staff": True}),
    ("published", False, {"anonymous": False, "other": True, "author": True, "staff": True}),
    ("published", True, {"anonymous": True, "other": True, "author": True, "staff": True}),
]


def _viewer(who: str, request: Any, login: Any) -> Any:
    users = {"other": "outsider", "author": "member", "staff": "secretariat"}
    if who == "anonymous":
        return None
    user = request.getfixturevalue(users[who])
    login(user)
    return user


@pytest.mark.parametrize(("status", "public", "expected"), CASES)
@pytest.mark.parametrize("who", ["anonymous", "other", "author", "staff"])
def test_the_page_and_the_list_follow_the_rules(request, db, client, login, member, outsider, secretariat,
                                                status: str, public: bool, expected: dict[str, bool],
                                                who: str) -> None:
    case_study = make_case_study(member, status=status, is_public=public, title="Quayside welding academy")
    _viewer(who, request, login)
    page = client.get(f"/case-studies/{case_study.id}")
    assert page.status_code == (200 if expected[who] else 404)
    listing = text_of(client.get("/case-studies"))
    in_main_list = expected[who] and (status == "published" or who == "staff")
    assert ("Quayside welding academy" in listing) == (in_main_list or (who == "author" and status == "draft"))


@pytest.mark.parametrize(("status", "public", "expected"), CASES)
@pytest.mark.parametrize("who", ["anonymous", "other", "author", "staff"])
def test_the_sql_twin_agrees_with_the_model(request, db, login, member, outsider, secretariat, status: str,
                                            public: bool, expected: dict[str, bool], who: str) -> None:
    case_study = make_case_study(member, status=status, is_public=public)
    viewer = _viewer(who, request, login)
    from flask_login import AnonymousUserMixin

    viewer = viewer or AnonymousUserMixin()
    found = db.session.scalar(select(CaseStudy.id).where(CaseStudy.id == case_study.id, visible_to(viewer)))
    assert (found is not None) == expected[who] == case_study.can_view(viewer)


@pytest.mark.parametrize("status", ["draft", "published"])
def test_only_the_author_and_the_staff_may_edit(db, client, login, member, outsider, secretariat,
                                               status: str) -> None:
    case_study = make_case_study(member, status=status)
    edit = f"/case-studies/{case_study.id}/edit"
    assert client.get(edit).status_code == 302  # signed out: sign in first
    login(outsider)
    # A published one is seen but not changed (403); a draft is not even seen (404).
    assert client.get(edit).status_code == (403 if status == "published" else 404)
    refused = 403 if status == "published" else 404
    assert client.get(f"/case-studies/{case_study.id}/history").status_code == refused
    assert client.get(f"/case-studies/{case_study.id}/history/1").status_code == refused
    for action in ("publish", "withdraw", "visibility"):
        response = submit(client, f"/case-studies/{case_study.id}/{action}", {"public": "yes"},
                          form_url="/case-studies/new")
        assert response.status_code == refused, action
    db.session.expire_all()
    unchanged = db.session.get(CaseStudy, case_study.id)
    assert (unchanged.status, unchanged.is_public, unchanged.revision_count) == (status, False, 0)
    login(member)
    assert client.get(edit).status_code == 200
    login(secretariat)
    assert client.get(edit).status_code == 200


def test_buttons_refused_to_a_member_who_can_see_it(db, client, login, member, outsider) -> None:
    case_study = make_case_study(member, status="published")
    login(outsider)
    url = f"/case-studies/{case_study.id}"
    for action in ("withdraw", "visibility"):
        response = submit(client, f"{url}/{action}", {"public": "yes"}, form_url="/case-studies/new")
        assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(CaseStudy, case_study.id).status == "published"
    assert "Edit case study" not in text_of(client.get(url))


def test_buttons_refused_with_404_on_a_draft_of_someone_else(db, client, login, member, outsider) -> None:
    case_study = make_case_study(member, status="draft")
    login(outsider)
    response = submit(client, f"/case-studies/{case_study.id}/publish", {}, form_url="/case-studies/new")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(CaseStudy, case_study.id).status == "draft"


def test_a_deactivated_authors_drafts_remain_for_the_secretariat(db, client, login, secretariat) -> None:
    author = make_user("leaver@humber.example", "humber-freeport", name="Lee Leaver")
    case_study = make_case_study(author, status="draft", title="Unfinished port story")
    author.active = False
    db.session.commit()
    login(secretariat)
    assert client.get(f"/case-studies/{case_study.id}").status_code == 200
    listing = text_of(client.get("/case-studies?status=draft"))
    assert "Unfinished port story" in listing
    assert client.get(f"/case-studies/{case_study.id}/edit").status_code == 200


def test_a_deactivated_author_sees_nothing_but_public_ones(db, client, login, member) -> None:
    draft = make_case_study(member, status="draft")
    published = make_case_study(member, status="published")
    login(member)
    member.active = False
    db.session.commit()
    assert client.get(f"/case-studies/{draft.id}").status_code == 404
    assert client.get(f"/case-studies/{published.id}").status_code == 404
    assert not draft.can_view(member) and not draft.can_edit(member)


def test_signed_out_visitors_are_asked_to_sign_in_to_write(db, client) -> None:
    response = client.get("/case-studies/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert "Write a case study" not in text_of(client.get("/case-studies"))
