"""One post's pages: edit, history, delete (author only) and reactions, all without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.discussions.conftest import fresh, posts_of
from tests.helpers import csrf_token, submit, text_of
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Post, PostReaction, PostRevision, Thread
from zone_networks.discussions.services import create_post, delete_post, edit_post
from zone_networks.extensions import db as _db

Login = Callable[[User], FlaskClient]


def first_post(thread: Thread) -> Post:
    """The thread's opening post."""
    return posts_of(thread.id)[0]


def test_the_author_edits_their_post(client: FlaskClient, login: Login, member: User, thread: Thread) -> None:
    post = first_post(thread)
    login(member)
    form = text_of(client.get(f"/posts/{post.id}/edit"))
    assert "Has anyone pooled levy?" in form
    response = submit(client, f"/posts/{post.id}/edit", {"body": "Has anyone pooled the levy?"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#post-{post.id}")
    stored = fresh(Post, post.id)
    assert stored.body == "Has anyone pooled the levy?" and stored.edit_count == 1
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert f"/posts/{post.id}/history" in page and "edited" in page


def test_an_empty_edit_is_refused(client: FlaskClient, login: Login, member: User, thread: Thread) -> None:
    post = first_post(thread)
    login(member)
    response = submit(client, f"/posts/{post.id}/edit", {"body": ""})
    assert response.status_code == 400 and "Enter a message" in text_of(response)
    assert fresh(Post, post.id).edit_count == 0


def test_others_get_403_for_edit_and_delete(client: FlaskClient, login: Login, official: User,
                                            secretariat: User, thread: Thread) -> None:
    post = first_post(thread)
    for person in (official, secretariat):
        login(person)
        assert client.get(f"/posts/{post.id}/edit").status_code == 403
        assert client.get(f"/posts/{post.id}/delete").status_code == 403
    login(official)
    token = csrf_token(client, f"/threads/{thread.id}")
    assert client.post(f"/posts/{post.id}/edit", data={"body": "x", "csrf_token": token}).status_code == 403
    assert client.post(f"/posts/{post.id}/delete", data={"csrf_token": token}).status_code == 403
    assert fresh(Post, post.id).deleted_at is None and fresh(Post, post.id).body == "Has anyone pooled levy?"


def test_people_who_cannot_see_the_thread_get_404(client: FlaskClient, login: Login, outsider: User,
                                                  convenor: User, thread: Thread) -> None:
    post = first_post(thread)
    for person in (outsider, convenor):
        login(person)
        for url in (f"/posts/{post.id}", f"/posts/{post.id}/edit", f"/posts/{post.id}/history",
                    f"/posts/{post.id}/delete"):
            assert client.get(url).status_code == 404, url


def test_history_shows_earlier_versions(client: FlaskClient, login: Login, member: User, official: User,
                                        thread: Thread) -> None:
    post = first_post(thread)
    edit_post(member, post, "Second **version**")
    edit_post(member, fresh(Post, post.id), "Third version")
    login(official)
    page = text_of(client.get(f"/posts/{post.id}/history"))
    assert "Third version" in page and "<strong>version</strong>" in page and "Has anyone pooled levy?" in page
    assert page.index("Version 2") < page.index("Version 1")


def test_history_of_a_deleted_post_is_for_moderators_only(client: FlaskClient, login: Login, member: User,
                                                          official: User, secretariat: User,
                                                          thread: Thread) -> None:
    post = first_post(thread)
    delete_post(member, post)
    login(official)
    assert client.get(f"/posts/{post.id}/history").status_code == 404
    login(member)
    assert client.get(f"/posts/{post.id}/history").status_code == 404
    login(secretariat)
    assert "Has anyone pooled levy?" in text_of(client.get(f"/posts/{post.id}/history"))


def test_delete_asks_then_leaves_a_tombstone(client: FlaskClient, login: Login, member: User,
                                             thread: Thread) -> None:
    post = first_post(thread)
    login(member)
    confirm = text_of(client.get(f"/posts/{post.id}/delete"))
    assert "Are you sure you want to delete your message?" in confirm
    response = submit(client, f"/posts/{post.id}/delete", {})
    assert response.status_code == 303
    assert fresh(Post, post.id).deleted_at is not None
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert "This message was deleted" in page and "Has anyone pooled levy?" not in page
    assert client.get(f"/posts/{post.id}/edit").status_code == 404
    assert client.get(f"/posts/{post.id}/delete").status_code == 404


def test_reactions_without_javascript(client: FlaskClient, login: Login, official: User, thread: Thread) -> None:
    post = first_post(thread)
    login(official)
    response = submit(client, f"/posts/{post.id}/reactions", {"emoji": "👍"}, form_url=f"/threads/{thread.id}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#post-{post.id}")
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert 'aria-pressed="true" data-emoji="👍"' in page and "you reacted" in page
    submit(client, f"/posts/{post.id}/reactions", {"emoji": "👍"}, form_url=f"/threads/{thread.id}")
    assert _db.session.scalar(select(func.count(PostReaction.id))) == 0


def test_unknown_reactions_and_outsiders_are_refused(client: FlaskClient, login: Login, official: User,
                                                     outsider: User, thread: Thread) -> None:
    post = first_post(thread)
    login(official)
    token = csrf_token(client, f"/threads/{thread.id}")
    response = client.post(f"/posts/{post.id}/reactions", data={"emoji": "💩", "csrf_token": token})
    assert response.status_code == 303
    assert "Choose a reaction from the list" in text_of(client.get(response.headers["Location"]))
    assert client.post(f"/posts/{post.id}/reactions", data={"emoji": "👍"}).status_code == 400  # no CSRF token
    login(outsider)
    assert client.post(f"/posts/{post.id}/reactions", data={"emoji": "👍", "csrf_token": token}).status_code == 404
    assert _db.session.scalar(select(func.count(PostReaction.id))) == 0


def test_history_and_edit_keep_revisions_in_order(member: User, thread: Thread) -> None:
    post = first_post(thread)
    edit_post(member, post, "two")
    edit_post(member, fresh(Post, post.id), "three")
    numbers = list(_db.session.scalars(select(PostRevision.number).order_by(PostRevision.number)))
    assert numbers == [1, 2]


def test_post_link_redirects_to_its_anchor(client: FlaskClient, login: Login, member: User,
                                           official: User, thread: Thread) -> None:
    post, _ = create_post(official, thread, "Here")
    login(member)
    response = client.get(f"/posts/{post.id}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/threads/{thread.id}#post-{post.id}")
    assert client.get("/posts/999").status_code == 404
