"""One writer at a time per meeting's seats: a real lock, then the work, then the commit, with bounded retries.

Why: taking a seat is count-then-write ("is there a seat left? then take it"),
which is only correct if no one else does the same for the same meeting in
between. So every RSVP change first locks the meeting:

- PostgreSQL: `SELECT ... FROM meetings WHERE id = :id FOR UPDATE`. Other
  transactions changing RSVPs of the same meeting wait on the row; READ
  COMMITTED then shows each of them the rows committed before it.
- SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first
  read, so the whole count-then-write runs alone (SQLite has one writer at a
  time anyway; IMMEDIATE stops two readers both deciding to take the last seat).
  Waiting for the lock is bounded by the connection's busy timeout (5 s).

On top of the lock, the seat itself is taken with a conditional UPDATE of
`Meeting.seats_taken` (see rsvp_services), and UNIQUE(meeting, person) makes a
double submit update the one row. If the database reports it is busy (SQLite
"database is locked", PostgreSQL serialisation failure or deadlock) or a unique
row appeared meanwhile, the transaction is rolled back and run again after a
short, growing, jittered pause, at most MAX_ATTEMPTS times.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting

T = TypeVar("T")

MAX_ATTEMPTS = 5
FIRST_PAUSE = 0.05  # seconds; doubled after each failed attempt
MAX_PAUSE = 1.0
_RETRY_SQLSTATES = ("40001", "40P01")  # PostgreSQL: serialization_failure, deadlock_detected


class DatabaseBusyError(Exception):
    """The database stayed busy after every attempt; nothing was written."""


def lock_meeting(meeting_id: int) -> Meeting | None:
    """Start the locked transaction and return the meeting as it is now (None if it has gone)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        # pysqlite only opens a transaction before a write, so reads so far left it closed. If a write already
        # opened one, this session holds SQLite's write lock already.
        if raw is not None and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    query = (
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .with_for_update(of=Meeting)
        .execution_options(populate_existing=True)  # the identity map may hold a copy read before the lock
    )
    return db.session.scalars(query).unique().first()


def _retryable(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        return True  # a row another transaction added meanwhile: the next attempt sees and updates it
    if isinstance(error, OperationalError):
        text = str(error.orig).lower()
        if "database is locked" in text or "database is busy" in text:
            return True
    return getattr(error.orig, "sqlstate", None) in _RETRY_SQLSTATES


def run_locked(work: Callable[[], T], *, sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `work()` (which starts with `lock_meeting`) and commit; roll back and retry when the database is busy.

    Exceptions raised by `work` itself roll the transaction back and propagate.
    Raises DatabaseBusyError when every attempt met a busy database.
    """
    pause = FIRST_PAUSE
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            result = work()
            db.session.commit()
        except DBAPIError as error:
            db.session.rollback()
            if not _retryable(error):
                raise
            if attempt == MAX_ATTEMPTS:
                raise DatabaseBusyError from error
            sleep(pause * (0.5 + random.random()))  # noqa: S311 (jitter, not security)
            pause = min(pause * 2, MAX_PAUSE)
        except BaseException:
            db.session.rollback()
            raise
        else:
            return result
    raise DatabaseBusyError  # pragma: no cover (the loop returns or raises)
