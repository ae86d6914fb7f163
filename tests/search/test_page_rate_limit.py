"""Searches are rate limited: per person when signed in, per address when signed out (SEARCH_RATE_LIMIT)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A small search rate limit for these tests."""
    return {**app_config, "SEARCH_RATE_LIMIT": "3 per minute"}


def test_searches_are_rate_limited_per_person(client, member, outsider, login, db) -> None:
    login(member)
    for _ in range(3):
        assert client.get("/search?q=quayside").status_code == 200
    response = client.get("/search?q=skills")
    assert response.status_code == 429
    assert "You have searched too many times" in response.get_data(as_text=True)
    assert client.get("/search").status_code == 200  # the empty form is not a search
    login(outsider)  # another person has their own allowance
    assert client.get("/search?q=quayside").status_code == 200


def test_signed_out_searches_are_rate_limited_per_address(client, db) -> None:
    for _ in range(3):
        assert client.get("/search?q=quayside").status_code == 200
    assert client.get("/search?q=quayside").status_code == 429
    other = client.application.test_client()
    response = other.get("/search?q=quayside", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 200
