"""POST_RATE_LIMIT: too many replies or new threads from one person get the GOV.UK 429 page and store nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from limits import parse

from tests.discussions.conftest import posts_of
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User
from zone_networks.discussions.limits import allow_post, post_rate_limit
from zone_networks.discussions.models import Thread
from zone_networks.extensions import limiter

Login = Callable[[User], FlaskClient]


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """Two posts a minute, so the third is refused."""
    return {**app_config, "POST_RATE_LIMIT": "2 per minute"}


def test_the_third_reply_in_a_minute_is_refused(client: FlaskClient, login: Login, official: User,
                                                thread: Thread) -> None:
    login(official)
    for number in range(2):
        response = submit(client, f"/threads/{thread.id}/posts", {"body": f"reply {number}"},
                          form_url=f"/threads/{thread.id}")
        assert response.status_code == 303
    response = submit(client, f"/threads/{thread.id}/posts", {"body": "one too many"},
                      form_url=f"/threads/{thread.id}")
    assert response.status_code == 429
    assert "You are sending messages too quickly" in text_of(response)
    assert len(posts_of(thread.id)) == 3


def test_the_limit_is_per_person_and_shared_with_new_threads(client: FlaskClient, login: Login, member: User,
                                                             official: User, thread: Thread) -> None:
    login(member)
    for number in range(2):
        submit(client, f"/threads/{thread.id}/posts", {"body": f"reply {number}"}, form_url=f"/threads/{thread.id}")
    response = submit(client, "/networks/skills-forum/threads/new", {"title": "T", "body": "B"})
    assert response.status_code == 429
    login(official)
    response = submit(client, f"/threads/{thread.id}/posts", {"body": "mine"}, form_url=f"/threads/{thread.id}")
    assert response.status_code == 303


def test_the_socket_counter_is_the_same(app: Flask, member: User) -> None:
    with app.test_request_context():
        assert post_rate_limit() == "2 per minute"
        limiter.limiter.hit(parse("2 per minute"), "post", str(member.id))  # what the socket handler does
        assert allow_post(member) is True
        assert allow_post(member) is False


def test_bad_input_is_not_stopped_by_the_limit_first(client: FlaskClient, login: Login, official: User,
                                                     thread: Thread) -> None:
    login(official)
    for _ in range(3):
        response = submit(client, f"/threads/{thread.id}/posts", {"body": ""}, form_url=f"/threads/{thread.id}")
        assert response.status_code == 400
