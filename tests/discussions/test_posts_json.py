"""GET /threads/<id>/posts.json?after=N: the HTTP twin of thread.join."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.discussions.conftest import fresh, posts_of
from zone_networks.accounts.models import User
from zone_networks.discussions import routes
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.services import create_post, delete_post, edit_post, toggle_reaction

Login = Callable[[User], FlaskClient]


def test_returns_every_change_after_n_in_change_order(client: FlaskClient, login: Login, member: User,
                                                      official: User, thread: Thread) -> None:
    first = posts_of(thread.id)[0]
    second, _ = create_post(official, thread, "Second", client_id="c2")
    edit_post(member, fresh(Post, first.id), "First, edited")
    toggle_reaction(official, fresh(Post, first.id), "🎉")
    login(member)
    body = client.get(f"/threads/{thread.id}/posts.json?after=1").get_json()
    assert body["ok"] is True and body["more"] is False
    assert body["last_seq"] == 4
    assert [(p["id"], p["change_seq"]) for p in body["posts"]] == [(second.id, 2), (first.id, 4)]
    edited = body["posts"][1]
    assert edited["seq"] == 1 and edited["edited_at"] and edited["reactions"] == {"🎉": 1}
    assert edited["author"] == {"id": member.id, "name": "Mina Member", "zone": "Humber Freeport"}
    assert body["posts"][0]["client_id"] == "c2" and body["posts"][0]["created_at"].endswith("+00:00")
    assert client.get(f"/threads/{thread.id}/posts.json?after=4").get_json()["posts"] == []


def test_payload_has_exactly_the_contract_keys(client: FlaskClient, login: Login, member: User,
                                               thread: Thread) -> None:
    login(member)
    [post] = client.get(f"/threads/{thread.id}/posts.json").get_json()["posts"]
    assert set(post) == {"id", "thread_id", "seq", "change_seq", "author", "body_html", "created_at", "edited_at",
                         "deleted", "hidden", "client_id", "quote_of", "reactions"}


def test_deleted_posts_come_back_as_tombstones(client: FlaskClient, login: Login, member: User,
                                               thread: Thread) -> None:
    delete_post(member, posts_of(thread.id)[0])
    login(member)
    [post] = client.get(f"/threads/{thread.id}/posts.json?after=1").get_json()["posts"]
    assert post["deleted"] is True and post["body_html"] == "" and post["reactions"] == {}


def test_quote_of_names_the_quoted_author(client: FlaskClient, login: Login, member: User, official: User,
                                          thread: Thread) -> None:
    create_post(official, thread, "> x\n\ny", quote_of=posts_of(thread.id)[0])
    login(member)
    posts = client.get(f"/threads/{thread.id}/posts.json?after=1").get_json()["posts"]
    assert posts[0]["quote_of"]["author_name"] == "Mina Member"


def test_long_catch_ups_are_cut_with_more(client: FlaskClient, login: Login, member: User, thread: Thread,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "CATCH_UP_LIMIT", 2)
    for number in range(3):
        create_post(member, fresh(Thread, thread.id), f"p{number}")
    login(member)
    body = client.get(f"/threads/{thread.id}/posts.json?after=0").get_json()
    assert body["more"] is True and [p["change_seq"] for p in body["posts"]] == [1, 2] and body["last_seq"] == 2
    body = client.get(f"/threads/{thread.id}/posts.json?after=2").get_json()
    assert body["more"] is False and [p["change_seq"] for p in body["posts"]] == [3, 4] and body["last_seq"] == 4


@pytest.mark.parametrize("after", ["-1", "abc", "1.5", "9" * 13])
def test_an_invalid_after_is_400(client: FlaskClient, login: Login, member: User, thread: Thread,
                                 after: str) -> None:
    login(member)
    response = client.get(f"/threads/{thread.id}/posts.json?after={after}")
    assert response.status_code == 400 and response.get_json()["ok"] is False


def test_people_who_may_not_see_get_a_json_404(client: FlaskClient, login: Login, outsider: User,
                                               convenor: User, thread: Thread) -> None:
    response = client.get(f"/threads/{thread.id}/posts.json")
    assert response.status_code == 404 and response.get_json() == {"ok": False, "error": "Thread not found"}
    for person in (outsider, convenor):
        login(person)
        assert client.get(f"/threads/{thread.id}/posts.json").status_code == 404
    assert client.get("/threads/999/posts.json").status_code == 404
