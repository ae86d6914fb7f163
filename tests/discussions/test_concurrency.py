"""Concurrent posting with real threads, each with its own session and connection (SQLite, or PostgreSQL in CI).

Posts to one thread get distinct, gap-free numbers; concurrent retries of one
send (same author and client_id) store one post and all get it back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.discussions.conftest import network, posts_of
from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Thread
from zone_networks.discussions.services import create_post, start_thread, toggle_reaction
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership

WORKERS = 12


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A pool big enough for every worker to hold its own connection at once."""
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": WORKERS + 5,
                                                        "max_overflow": 5, "pool_timeout": 60}}


def in_parallel(app: Flask, jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run every job at once, each in its own thread and app context."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], Any]) -> None:
        with app.app_context():
            try:
                _db.session.execute(select(1))
                barrier.wait(timeout=30)
                outcome = job()
                with lock:
                    results.append(outcome)
            except BaseException as error:  # reported by the test
                with lock:
                    errors.append(error)
            finally:
                _db.session.remove()

    workers = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    return results, errors


def post_as(user_id: int, thread_id: int, body: str, client_id: str | None = None) -> Callable[[], tuple[int, bool]]:
    """A job posting `body` as user `user_id`; returns (post id, created)."""

    def job() -> tuple[int, bool]:
        post, created = create_post(_db.session.get_one(User, user_id), _db.session.get_one(Thread, thread_id), body,
                                    client_id=client_id)
        return post.id, created

    return job


def test_concurrent_posts_get_distinct_gap_free_numbers(app: Flask, member: User) -> None:
    thread = start_thread(member, network("skills-forum"), "Busy", "Start")
    people = []
    for number in range(WORKERS):
        person = make_user(f"p{number}@humber.example", "humber-freeport", name=f"Person {number}")
        _db.session.add(Membership(user_id=person.id, network_id=thread.network_id, status="active", role="member"))
        people.append(person.id)
    _db.session.commit()
    results, errors = in_parallel(app, [post_as(pid, thread.id, f"hello {pid}") for pid in people])
    assert errors == []
    assert all(created for _id, created in results)
    posts = posts_of(thread.id)
    assert [post.seq for post in posts] == list(range(1, WORKERS + 2))
    assert sorted(post.change_seq for post in posts) == list(range(1, WORKERS + 2))
    stored = _db.session.get_one(Thread, thread.id)
    assert (stored.last_seq, stored.last_post_seq, stored.post_count) == (WORKERS + 1, WORKERS + 1, WORKERS + 1)


def test_concurrent_retries_of_one_send_store_one_post(app: Flask, member: User) -> None:
    thread = start_thread(member, network("skills-forum"), "Retries", "Start")
    results, errors = in_parallel(app, [post_as(member.id, thread.id, "once", "same-id") for _ in range(5)])
    assert errors == []
    assert len({post_id for post_id, _created in results}) == 1
    assert sorted(created for _id, created in results) == [False, False, False, False, True]
    assert len(posts_of(thread.id)) == 2
    assert _db.session.get_one(Thread, thread.id).last_seq == 2


def test_concurrent_reactions_each_take_a_number(app: Flask, member: User) -> None:
    thread = start_thread(member, network("skills-forum"), "Reactions", "Start")
    post_id = posts_of(thread.id)[0].id
    ids = []
    for number in range(6):
        person = make_user(f"r{number}@humber.example", "humber-freeport", name=f"Reactor {number}")
        _db.session.add(Membership(user_id=person.id, network_id=thread.network_id, status="active", role="member"))
        ids.append(person.id)
    _db.session.commit()

    def react(user_id: int) -> Callable[[], dict[str, int]]:
        def job() -> dict[str, int]:
            from zone_networks.discussions.models import Post
            return toggle_reaction(_db.session.get_one(User, user_id), _db.session.get_one(Post, post_id), "👍")
        return job

    _results, errors = in_parallel(app, [react(uid) for uid in ids])
    assert errors == []
    _db.session.expire_all()
    assert _db.session.get_one(Thread, thread.id).last_seq == 7
    from zone_networks.discussions.payloads import reaction_counts
    assert reaction_counts([post_id])[post_id] == {"👍": 6}
