"""Offers of help count against the posting limit shared with replies and live messages (POST_RATE_LIMIT)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.challenges.support import counts, make_challenge
from tests.helpers import submit, text_of


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A limit of two posts a minute."""
    return {**app_config, "POST_RATE_LIMIT": "2 per minute"}


def test_a_third_offer_in_a_minute_is_refused_and_not_stored(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    url = f"/challenges/{challenge.id}"
    for number in (1, 2):
        response = submit(client, f"{url}/offers", {"body": f"Idea {number}"}, form_url=url)
        assert response.status_code == 303
    before = counts()
    response = submit(client, f"{url}/offers", {"body": "Idea 3"}, form_url=url)
    assert response.status_code == 429 and "too quickly" in text_of(response).lower()
    assert counts() == before
