"""Once per zone and one write-up, under real concurrency: threads, each with its own session and connection.

Runs on whichever database the suite uses (SQLite by default, PostgreSQL when
DATABASE_URL names one), so both are proved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.challenges.support import EAST, fresh, lead, make_challenge
from tests.meetings.test_rsvp_concurrency import in_threads
from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.challenges.models import ChallengeEndorsement
from zone_networks.challenges.services import endorse, resolve
from zone_networks.challenges.writeup import write_up
from zone_networks.extensions import db

THREADS = 8


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A connection pool big enough for every thread to hold its own connection at once."""
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": THREADS + 5,
                                                        "max_overflow": 5, "pool_timeout": 60}}


def _endorse(challenge_id: int, user_id: int) -> Callable[[], bool]:
    def job() -> bool:
        person = db.session.get(User, user_id)
        assert person is not None
        return endorse(person, fresh(challenge_id))

    return job


def test_people_from_one_zone_endorsing_at_once_count_once(app, poster) -> None:
    challenge_id = make_challenge(poster).id
    people = [lead(f"rush{number}@east.example", EAST).id for number in range(THREADS)]
    results, errors = in_threads(app, [_endorse(challenge_id, person) for person in people])
    assert errors == []
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ChallengeEndorsement.id))) == 1
    assert fresh(challenge_id).endorsement_count == 1


def _write_up(challenge_id: int, user_id: int) -> Callable[[], tuple[int, bool]]:
    def job() -> tuple[int, bool]:
        person = db.session.get(User, user_id)
        assert person is not None
        return write_up(person, fresh(challenge_id))

    return job


def test_writing_up_at_once_makes_one_case_study(app, poster) -> None:
    challenge = make_challenge(poster)
    resolve(poster, challenge)
    challenge_id, poster_id = challenge.id, poster.id
    results, errors = in_threads(app, [_write_up(challenge_id, poster_id) for _ in range(5)])
    assert errors == []
    assert sum(created for _, created in results) == 1
    assert len({case_study_id for case_study_id, _ in results}) == 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count(CaseStudy.id))) == 1
    assert fresh(challenge_id).case_study_id == results[0][0]
