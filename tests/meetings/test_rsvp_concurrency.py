"""Exactly-once under concurrency: real threads, each with its own session and database connection.

Runs on whichever database the suite uses (SQLite by default; PostgreSQL when
DATABASE_URL points at one, as CI does), so both are proved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from tests.factories import make_user
from tests.meetings.conftest import network
from tests.meetings.test_rsvp import current, fresh
from zone_networks.extensions import db as _db
from zone_networks.meetings import rsvp_locking
from zone_networks.meetings.rsvp_locking import DatabaseBusyError, run_locked
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.meetings.rsvp_services import respond
from zone_networks.networks.models import Membership

THREADS = 20


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A connection pool big enough for every thread to hold its own connection at once."""
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": THREADS + 5,
                                                        "max_overflow": 5, "pool_timeout": 60}}


def make_members(count: int, prefix: str = "rush") -> list[int]:
    """`count` active Skills Forum members; returns their ids."""
    ids = []
    for number in range(count):
        person = make_user(f"{prefix}{number}@humber.example", "humber-freeport", name=f"{prefix.title()} {number}")
        _db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, status="active",
                                   role="member"))
        ids.append(person.id)
    _db.session.commit()
    return ids


def in_threads(app: Flask, jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run each job in its own thread with its own app context (so its own session and connection), all at once."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], Any]) -> None:
        with app.app_context():
            try:
                _db.session.execute(select(1))  # check out this thread's connection before the start line
                barrier.wait(timeout=30)
                outcome = job()
                with lock:
                    results.append(outcome)
            except BaseException as error:  # reported by the test
                with lock:
                    errors.append(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, errors


def say_yes(meeting_id: int, user_id: int) -> Callable[[], tuple[str | None, int | None]]:
    def job() -> tuple[str | None, int | None]:
        result = respond(fresh(user_id), meeting_id, "yes")
        return result.rsvp.status, result.position  # read inside the thread's session

    return job


def statuses(meeting_id: int) -> dict[str | None, int]:
    _db.session.expire_all()
    rows = _db.session.execute(select(Rsvp.status, func.count(Rsvp.id)).where(Rsvp.meeting_id == meeting_id)
                               .group_by(Rsvp.status))
    return {status: count for status, count in rows}


def test_twenty_people_race_for_the_last_seat_and_exactly_one_gets_it(app, db, make_meeting):
    meeting = make_meeting(capacity=5)
    early = make_members(4, "early")
    for user_id in early:
        respond(fresh(user_id), meeting.id, "yes")
    racers = make_members(THREADS)

    results, errors = in_threads(app, [say_yes(meeting.id, user_id) for user_id in racers])

    assert errors == []
    assert sorted(status for status, _position in results).count("confirmed") == 1
    assert sorted(position for status, position in results if status == "waitlisted") == list(range(1, THREADS))
    assert statuses(meeting.id) == {"confirmed": 5, "waitlisted": THREADS - 1}
    assert current(meeting).seats_taken == 5


def test_a_double_submit_from_many_threads_makes_one_answer(app, db, make_meeting):
    meeting = make_meeting(capacity=1)
    [person] = make_members(1)

    results, errors = in_threads(app, [say_yes(meeting.id, person) for _ in range(10)])

    assert errors == []
    assert len(results) == 10
    assert statuses(meeting.id) == {"confirmed": 1}
    assert current(meeting).seats_taken == 1


def test_withdrawals_and_new_yeses_at_once_never_overbook(app, db, make_meeting):
    meeting = make_meeting(capacity=5)
    holders = make_members(5, "holder")
    for user_id in holders:
        respond(fresh(user_id), meeting.id, "yes")
    newcomers = make_members(10, "new")

    def say_no(user_id: int) -> Callable[[], Any]:
        return lambda: respond(fresh(user_id), meeting.id, "no").changed

    jobs = [say_yes(meeting.id, user_id) for user_id in newcomers] + [say_no(user_id) for user_id in holders[:3]]
    _results, errors = in_threads(app, jobs)

    assert errors == []
    counts = statuses(meeting.id)
    assert counts["confirmed"] == 5  # three seats freed, three promoted or taken directly
    assert counts["waitlisted"] == 12 - 5  # 10 newcomers + 2 holders still coming = 12 yeses for 5 seats
    assert current(meeting).seats_taken == 5


# The retry loop ----------------------------------------------------------------------------------------------


def _locked_error() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))


def test_a_busy_database_is_retried_then_the_work_commits(db):
    calls = []
    pauses: list[float] = []

    def work() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _locked_error()
        return "done"

    assert run_locked(work, sleep=pauses.append) == "done"
    assert len(calls) == 3
    assert len(pauses) == 2 and pauses[1] > pauses[0] * 0.3  # growing (with jitter), bounded


def test_retries_are_bounded(db):
    pauses: list[float] = []

    def work() -> None:
        raise _locked_error()

    with pytest.raises(DatabaseBusyError):
        run_locked(work, sleep=pauses.append)
    assert len(pauses) == rsvp_locking.MAX_ATTEMPTS - 1
    assert all(pause <= rsvp_locking.MAX_PAUSE * 1.5 for pause in pauses)


def test_other_database_errors_are_not_retried(db):
    calls = []

    def work() -> None:
        calls.append(1)
        raise OperationalError("SELECT", {}, Exception("no such table: nowhere"))

    with pytest.raises(OperationalError):
        run_locked(work, sleep=lambda _pause: None)
    assert len(calls) == 1
