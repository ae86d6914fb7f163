"""The sequence rule: every stored change to a thread's posts takes the thread's next change number.

`next_seq` bumps `threads.last_seq` with one UPDATE ... RETURNING in the
caller's transaction. On PostgreSQL the UPDATE locks the thread's row until
the commit, and SQLite has one writer at a time, so changes to one thread
commit in the order of their numbers: a client that has seen number N and asks
for every change after N can never miss one that commits later with a smaller
number. Call it first in the transaction (before the other writes) so the lock
is held for as short a time as the work needs, and call it once per change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from zone_networks.core.clock import utcnow
from zone_networks.discussions.models import Thread
from zone_networks.extensions import db


def next_seq(thread_id: int, new_post: bool) -> int:
    """Take the thread's next change number; for a new post also move the newest-post number, count and time."""
    values: dict[str, Any] = {"last_seq": Thread.last_seq + 1}
    if new_post:
        # In SQL every right-hand side reads the row as it was before the UPDATE: both numbers become old + 1.
        values.update(last_post_seq=Thread.last_seq + 1, post_count=Thread.post_count + 1, last_post_at=utcnow())
    statement = (
        update(Thread)
        .where(Thread.id == thread_id)
        .values(**values)
        .returning(Thread.last_seq, Thread.last_post_seq, Thread.post_count, Thread.last_post_at)
        .execution_options(synchronize_session=False)
    )
    row = db.session.execute(statement).one()
    # Keep a copy already in the session in step without marking it changed (it would be written back).
    thread = db.session.identity_map.get(db.session.identity_key(Thread, thread_id))
    if thread is not None:
        for name, value in zip(("last_seq", "last_post_seq", "post_count", "last_post_at"), row, strict=True):
            set_committed_value(thread, name, value)
    return int(row[0])
