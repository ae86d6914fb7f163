"""The network's thread list, starting a thread, the thread page and replying without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.discussions.conftest import fresh, network, posts_of
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Post, Thread, ThreadRead
from zone_networks.discussions.services import create_post, start_thread
from zone_networks.extensions import db as _db

Login = Callable[[User], FlaskClient]


def thread_count() -> int:
    """How many threads exist."""
    return int(_db.session.scalar(select(func.count(Thread.id))) or 0)


# --- the list of a network's threads ---------------------------------------------------------------

def test_members_see_the_threads_of_their_network(client: FlaskClient, login: Login, member: User,
                                                  thread: Thread) -> None:
    login(member)
    page = text_of(client.get("/networks/skills-forum/threads"))
    assert "Apprenticeship levy pooling" in page
    assert "Start a thread" in page


@pytest.mark.parametrize("who", ["outsider", "convenor"])
def test_people_outside_the_network_get_404(client: FlaskClient, login: Login, who: str,
                                            request: pytest.FixtureRequest, thread: Thread) -> None:
    login(request.getfixturevalue(who))
    assert client.get("/networks/skills-forum/threads").status_code == 404
    assert client.get("/networks/skills-forum/threads/new").status_code == 404
    assert client.get(f"/threads/{thread.id}").status_code == 404


def test_staff_see_every_network(client: FlaskClient, login: Login, secretariat: User, thread: Thread) -> None:
    login(secretariat)
    assert client.get("/networks/skills-forum/threads").status_code == 200
    assert client.get(f"/threads/{thread.id}").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient, thread: Thread) -> None:
    for url in ("/networks/skills-forum/threads", "/networks/skills-forum/threads/new", f"/threads/{thread.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_unknown_network_or_thread_is_404(client: FlaskClient, login: Login, member: User) -> None:
    login(member)
    assert client.get("/networks/nope/threads").status_code == 404
    assert client.get("/threads/999").status_code == 404


def test_list_shows_pinned_first_then_latest_activity(client: FlaskClient, login: Login, member: User) -> None:
    forum = network("skills-forum")
    old = start_thread(member, forum, "Old thread", "x")
    pinned = start_thread(member, forum, "Pinned thread", "x")
    start_thread(member, forum, "Newer thread", "x")
    create_post(member, fresh(Thread, old.id), "bump")
    pinned_row = fresh(Thread, pinned.id)
    pinned_row.is_pinned = True
    _db.session.commit()
    login(member)
    page = text_of(client.get("/networks/skills-forum/threads"))
    assert page.index("Pinned thread") < page.index("Old thread") < page.index("Newer thread")


def test_list_shows_new_posts_and_links_to_the_first_unread(client: FlaskClient, login: Login, member: User,
                                                            official: User, thread: Thread) -> None:
    create_post(official, thread, "one")
    create_post(official, fresh(Thread, thread.id), "two")
    login(member)
    page = text_of(client.get("/networks/skills-forum/threads"))
    assert "2 new" in page and f"/threads/{thread.id}/unread" in page
    response = client.get(f"/threads/{thread.id}/unread")
    first_unread = posts_of(thread.id)[1]
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/threads/{thread.id}#post-{first_unread.id}")


def test_unread_when_up_to_date_goes_to_the_reply_box(client: FlaskClient, login: Login, member: User,
                                                      thread: Thread) -> None:
    login(member)
    assert client.get(f"/threads/{thread.id}/unread").headers["Location"].endswith("#reply")


def test_draft_meeting_rooms_are_listed_only_for_moderators(client: FlaskClient, login: Login, member: User,
                                                            secretariat: User) -> None:
    from datetime import timedelta

    from zone_networks.core.clock import utcnow
    from zone_networks.meetings.models import Meeting

    forum = network("skills-forum")
    start = utcnow() + timedelta(days=3)
    draft = Meeting(network_id=forum.id, title="Draft meeting", starts_at=start, ends_at=start + timedelta(hours=1),
                    status="draft", format="online", uid="draft-room@test")
    _db.session.add(draft)
    _db.session.commit()
    room = _db.session.scalars(select(Thread).where(Thread.meeting_id == draft.id)).first()
    if room is None:  # the meeting rooms feature may create rooms itself; if not, make one
        room = start_thread(secretariat, forum, "Draft meeting room", "Welcome", kind="meeting", meeting=draft)
    login(member)
    assert "Draft meeting" not in text_of(client.get("/networks/skills-forum/threads"))
    assert client.get(f"/threads/{room.id}").status_code == 404
    login(secretariat)
    assert client.get(f"/threads/{room.id}").status_code == 200


# --- starting a thread ------------------------------------------------------------------------------

def test_start_a_thread_without_javascript(client: FlaskClient, login: Login, member: User) -> None:
    login(member)
    response = submit(client, "/networks/skills-forum/threads/new",
                      {"title": "Skills bootcamps", "body": "Who runs them?", "client_id": "form-1"})
    assert response.status_code == 303
    thread = _db.session.scalars(select(Thread)).one()
    assert response.headers["Location"].endswith(f"/threads/{thread.id}")
    assert "Who runs them?" in text_of(client.get(f"/threads/{thread.id}"))


def test_submitting_the_same_new_thread_form_twice_makes_one_thread(client: FlaskClient, login: Login,
                                                                    member: User) -> None:
    login(member)
    data = {"title": "Once", "body": "Only once", "client_id": "same-form"}
    first = submit(client, "/networks/skills-forum/threads/new", data)
    second = submit(client, "/networks/skills-forum/threads/new", data)
    assert first.headers["Location"] == second.headers["Location"]
    assert thread_count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "", "body": "x"}, "Enter a title"),
    ({"title": "x" * 201, "body": "x"}, "Title must be 200 characters or fewer"),
    ({"title": "Title", "body": ""}, "Enter a message"),
    ({"title": "Title", "body": "x" * 10_001}, "Message must be 10,000 characters or fewer"),
])
def test_new_thread_errors_are_shown_and_nothing_is_written(client: FlaskClient, login: Login, member: User,
                                                            data: dict[str, str], message: str) -> None:
    login(member)
    response = submit(client, "/networks/skills-forum/threads/new", data)
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page and "<title>Error:" in page
    assert thread_count() == 0


def test_new_thread_needs_csrf(client: FlaskClient, login: Login, member: User) -> None:
    login(member)
    response = client.post("/networks/skills-forum/threads/new", data={"title": "T", "body": "B"})
    assert response.status_code == 400
    assert thread_count() == 0


# --- the thread page --------------------------------------------------------------------------------

def test_thread_page_shows_posts_in_order_with_authors(client: FlaskClient, login: Login, member: User,
                                                       official: User, thread: Thread) -> None:
    create_post(official, thread, "From **Wales**")
    login(member)
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert page.index("Has anyone pooled levy?") < page.index("<strong>Wales</strong>")
    assert f'href="/people/{official.id}"' in page and "Welsh Government" in page
    assert 'id="reply-form"' in page and "@mina-member" in page


def test_viewing_moves_the_read_marker_and_nothing_else(client: FlaskClient, login: Login, member: User,
                                                        official: User, thread: Thread,
                                                        count_queries: Callable[[], object]) -> None:
    create_post(official, thread, "New for Mina")
    login(member)
    with count_queries() as statements:  # type: ignore[attr-defined]
        client.get(f"/threads/{thread.id}")
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1 and "thread_reads" in writes[0]
    assert _db.session.get_one(ThreadRead, (member.id, thread.id)).last_read_seq == 2
    with count_queries() as statements:  # type: ignore[attr-defined]
        client.get(f"/threads/{thread.id}")
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_the_new_posts_are_marked_for_the_reader(client: FlaskClient, login: Login, member: User,
                                                 official: User, thread: Thread) -> None:
    create_post(official, thread, "Fresh")
    login(member)
    assert "zn-post--new" in text_of(client.get(f"/threads/{thread.id}"))
    assert "zn-post--new" not in text_of(client.get(f"/threads/{thread.id}"))


def test_long_threads_are_paginated_50_a_page(client: FlaskClient, login: Login, member: User,
                                              thread: Thread) -> None:
    for number in range(2, 56):
        create_post(member, fresh(Thread, thread.id), f"Message number {number}.")
    login(member)
    first = text_of(client.get(f"/threads/{thread.id}"))
    assert "Message number 50." in first and "Message number 51." not in first
    second = text_of(client.get(f"/threads/{thread.id}?page=2"))
    assert "Message number 51." in second and "Message number 55." in second
    assert client.get(f"/threads/{thread.id}?page=3").status_code == 404
    target = posts_of(thread.id)[52]
    location = client.get(f"/posts/{target.id}").headers["Location"]
    assert location.endswith(f"/threads/{thread.id}?page=2#post-{target.id}")


def test_reply_without_javascript_redirects_to_the_new_post(client: FlaskClient, login: Login, official: User,
                                                            thread: Thread) -> None:
    login(official)
    response = submit(client, f"/threads/{thread.id}/posts", {"body": "Yes we did", "client_id": "r-1"},
                      form_url=f"/threads/{thread.id}")
    post = posts_of(thread.id)[-1]
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/threads/{thread.id}#post-{post.id}")
    assert post.body == "Yes we did" and post.author_id == official.id


def test_submitting_the_same_reply_form_twice_stores_one_post(client: FlaskClient, login: Login, official: User,
                                                              thread: Thread) -> None:
    login(official)
    for _ in range(2):
        submit(client, f"/threads/{thread.id}/posts", {"body": "Once", "client_id": "double"},
               form_url=f"/threads/{thread.id}")
    assert [p.body for p in posts_of(thread.id)] == ["Has anyone pooled levy?", "Once"]


def test_an_empty_reply_shows_the_error_and_stores_nothing(client: FlaskClient, login: Login, official: User,
                                                           thread: Thread) -> None:
    login(official)
    response = submit(client, f"/threads/{thread.id}/posts", {"body": "  "}, form_url=f"/threads/{thread.id}")
    assert response.status_code == 400
    assert "There is a problem" in text_of(response) and "Enter a message" in text_of(response)
    assert len(posts_of(thread.id)) == 1


def test_reply_to_a_thread_one_cannot_see_is_404(client: FlaskClient, login: Login, member: User,
                                                 convenor: User, thread: Thread) -> None:
    login(member)
    token_page = f"/threads/{thread.id}"
    from tests.helpers import csrf_token

    token = csrf_token(client, token_page)
    login(convenor)
    response = client.post(f"/threads/{thread.id}/posts", data={"body": "Sneaky", "csrf_token": token})
    assert response.status_code == 404
    assert len(posts_of(thread.id)) == 1


def test_quote_prefills_the_reply_box(client: FlaskClient, login: Login, official: User, thread: Thread) -> None:
    post = posts_of(thread.id)[0]
    login(official)
    page = text_of(client.get(f"/threads/{thread.id}?quote={post.id}"))
    assert "&gt; Has anyone pooled levy?" in page
    assert f'name="quote_of" type="hidden" value="{post.id}"' in page
    response = submit(client, f"/threads/{thread.id}/posts",
                      {"body": "> Has anyone pooled levy?\n\nWe have", "quote_of": str(post.id)},
                      form_url=f"/threads/{thread.id}")
    assert response.status_code == 303
    reply = posts_of(thread.id)[-1]
    assert reply.quote_of_id == post.id
    assert "Replying to Mina Member" in text_of(client.get(f"/threads/{thread.id}"))


def test_locked_threads_show_a_notice_and_no_form(client: FlaskClient, login: Login, official: User,
                                                  secretariat: User, thread: Thread) -> None:
    fresh(Thread, thread.id).is_locked = True
    _db.session.commit()
    login(official)
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert "This thread is locked" in page and 'id="reply-form"' not in page
    login(secretariat)
    assert 'id="reply-form"' in text_of(client.get(f"/threads/{thread.id}"))


def test_posting_to_a_locked_thread_is_refused(client: FlaskClient, login: Login, official: User,
                                               thread: Thread) -> None:
    login(official)
    from tests.helpers import csrf_token

    token = csrf_token(client, f"/threads/{thread.id}")
    fresh(Thread, thread.id).is_locked = True
    _db.session.commit()
    response = client.post(f"/threads/{thread.id}/posts", data={"body": "Late", "csrf_token": token})
    assert response.status_code == 400 and "This thread is locked" in text_of(response)
    assert len(posts_of(thread.id)) == 1


def test_tombstones_are_shown(client: FlaskClient, login: Login, member: User, official: User,
                              thread: Thread) -> None:
    post, _ = create_post(official, thread, "Gone soon")
    hidden, _ = create_post(official, fresh(Thread, thread.id), "Rude")
    row = fresh(Post, post.id)
    row.deleted_at = row.created_at
    fresh(Post, hidden.id).hidden_at = row.created_at
    _db.session.commit()
    login(member)
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert "This message was deleted" in page and "This message was hidden by a moderator" in page
    assert "Rude" not in page


def test_the_network_page_links_to_discussions_for_members(client: FlaskClient, login: Login, member: User,
                                                           outsider: User) -> None:
    login(member)
    assert "/networks/skills-forum/threads" in text_of(client.get("/networks/skills-forum"))
    login(outsider)
    assert "/networks/skills-forum/threads" not in text_of(client.get("/networks/skills-forum"))


def test_a_meeting_room_links_back_to_its_meeting(client: FlaskClient, login: Login, member: User,
                                                  secretariat: User) -> None:
    from datetime import timedelta

    from zone_networks.core.clock import utcnow
    from zone_networks.meetings.models import Meeting

    forum = network("skills-forum")
    start = utcnow() + timedelta(days=3)
    meeting = Meeting(network_id=forum.id, title="Spring forum", starts_at=start, ends_at=start + timedelta(hours=1),
                      status="scheduled", format="online", uid="spring-room@test")
    _db.session.add(meeting)
    _db.session.commit()
    room = _db.session.scalars(select(Thread).where(Thread.meeting_id == meeting.id)).one()
    login(member)
    page = text_of(client.get(f"/threads/{room.id}"))
    assert f'href="/meetings/{meeting.id}"' in page and "Back to the meeting: Spring forum" in page
    assert 'id="reply-form"' in page
    assert "Meeting room" not in text_of(client.get("/networks/skills-forum/threads"))  # empty rooms stay out
    create_post(secretariat, room, "Welcome to the room")
    listing = text_of(client.get("/networks/skills-forum/threads"))
    assert "Meeting room" in listing
