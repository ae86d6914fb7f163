"""Pages of discussions run the same number of statements whatever the number of threads or posts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.discussions.conftest import fresh, network
from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Thread
from zone_networks.discussions.services import create_post, start_thread, toggle_reaction
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership

Login = Callable[[User], FlaskClient]


def people(count: int, prefix: str = "q") -> list[User]:
    """`count` active Skills Forum members from different zones' organisations."""
    slugs = ["humber-freeport", "wrexham-and-flintshire-investment-zone", "glasgow-city-region-investment-zone"]
    made = []
    for number in range(count):
        person = make_user(f"{prefix}{number}@example.org", slugs[number % len(slugs)], name=f"Person {number}")
        _db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, status="active",
                                   role="member"))
        made.append(person)
    _db.session.commit()
    return made


def statements_for(client: FlaskClient, url: str, count_queries: Callable[[], Any]) -> int:
    """How many SQL statements one GET of `url` runs (checking it answers 200), after a first GET.

    The first GET settles what the test's own session has cached (the signed-in
    person is reloaded after the test's commits) and moves the read marker.
    """
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_thread_list_is_bounded(client: FlaskClient, login: Login, member: User,
                                count_queries: Callable[[], Any]) -> None:
    authors = people(3)
    for number in range(3):
        start_thread(authors[number % 3], network("skills-forum"), f"Thread {number}", "x")
    login(member)
    few = statements_for(client, "/networks/skills-forum/threads", count_queries)
    more = people(27, "m")
    for number in range(27):
        start_thread(more[number], network("skills-forum"), f"More {number}", "x")
    many = statements_for(client, "/networks/skills-forum/threads", count_queries)
    assert many == few


def test_thread_page_is_bounded(client: FlaskClient, login: Login, member: User, thread: Thread,
                                count_queries: Callable[[], Any]) -> None:
    authors = people(3)
    quoted = None
    for person in authors:
        post, _ = create_post(person, fresh(Thread, thread.id), "> quote\n\nhello", quote_of=quoted)
        toggle_reaction(member, post, "👍")
        quoted = post
    login(member)
    few = statements_for(client, f"/threads/{thread.id}", count_queries)
    for person in people(30, "m"):
        post, _ = create_post(person, fresh(Thread, thread.id), "> quote\n\nhello", quote_of=post)
        toggle_reaction(person, post, "🎉")
    many = statements_for(client, f"/threads/{thread.id}", count_queries)
    assert many == few


def test_posts_json_is_bounded(client: FlaskClient, login: Login, member: User, thread: Thread,
                               count_queries: Callable[[], Any]) -> None:
    authors = people(3)
    for person in authors:
        create_post(person, fresh(Thread, thread.id), "hello")
    login(member)
    few = statements_for(client, f"/threads/{thread.id}/posts.json", count_queries)
    for person in people(30, "m"):
        create_post(person, fresh(Thread, thread.id), "hello")
    many = statements_for(client, f"/threads/{thread.id}/posts.json", count_queries)
    assert many == few
