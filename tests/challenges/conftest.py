"""Fixtures for the challenge tests: innovation leads in three zones and a member of another network."""

from __future__ import annotations

from typing import Any

import pytest

from tests.challenges.support import EAST, HUMBER, lead
from zone_networks.accounts.models import User


@pytest.fixture()
def poster(db: Any) -> User:
    """An innovation lead at the Humber Freeport who posts challenges."""
    return lead("poster@humber.example", HUMBER, name="Pat Poster")


@pytest.fixture()
def peer(db: Any) -> User:
    """An innovation lead at Freeport East."""
    return lead("peer@east.example", EAST, name="Priya Peer")


@pytest.fixture()
def colleague(db: Any) -> User:
    """A second innovation lead at Freeport East (same zone as `peer`)."""
    return lead("colleague@east.example", EAST, name="Cal Colleague")


@pytest.fixture()
def neighbour(db: Any) -> User:
    """A second innovation lead at the Humber Freeport (the poster's own zone)."""
    return lead("neighbour@humber.example", HUMBER, name="Nia Neighbour")
