"""The daily digest: one email per person listing their new notifications of the kinds they set to "daily".

Safe to run as often as you like, by cron, by the server's scheduler, or by
both at once:

1. Find the due notifications: unread, not yet emailed or digested, of a kind
   the person gets "daily", from the last WINDOW, for active people who have
   not had a digest in the last MIN_GAP.
2. Claim them with a conditional `UPDATE ... SET digest_sent_at = now WHERE
   id IN (...) AND digest_sent_at IS NULL RETURNING id` and commit. A second
   run (or a concurrent one) claims nothing that the first one claimed, so no
   notification is ever in two digests.
3. Send one email per person. If an email cannot be sent, that person's rows
   are released (digest_sent_at back to NULL) for the next run.

Notifications already read in the service are left out: the person has seen them.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select, update

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.notifications import emails
from zone_networks.notifications.models import DEFAULT_DELIVERY, Notification, NotificationPreference

log = logging.getLogger(__name__)

WINDOW = timedelta(days=7)  # older notifications are not worth an email any more
MIN_GAP = timedelta(hours=23)  # at most one digest a day per person, however often this runs
CHUNK = 500


@dataclass
class DigestRun:
    """What one run did."""

    people: int = 0
    notifications: int = 0
    failed: int = 0


def due_ids(now: datetime, window: timedelta = WINDOW, min_gap: timedelta = MIN_GAP) -> list[int]:
    """Ids of the notifications that should go into a digest now."""
    delivery = func.coalesce(NotificationPreference.delivery,
                             case(DEFAULT_DELIVERY, value=Notification.kind, else_="never"))
    recently_digested = select(Notification.user_id).where(Notification.digest_sent_at > now - min_gap)
    statement = (
        select(Notification.id)
        .join(User, User.id == Notification.user_id)
        .outerjoin(NotificationPreference, and_(NotificationPreference.user_id == Notification.user_id,
                                                NotificationPreference.kind == Notification.kind))
        .where(
            Notification.digest_sent_at.is_(None),
            Notification.emailed_at.is_(None),
            Notification.read_at.is_(None),
            Notification.created_at >= now - window,
            delivery == "daily",
            User.active.is_(True),
            User.deleted_at.is_(None),
            Notification.user_id.not_in(recently_digested),
        )
        .order_by(Notification.id)
    )
    return list(db.session.scalars(statement))


def claim(ids: list[int], now: datetime) -> list[int]:
    """Mark `ids` as digested where nobody else has yet; commit and return the ids this run claimed."""
    claimed: list[int] = []
    for start in range(0, len(ids), CHUNK):
        statement = (
            update(Notification)
            .where(Notification.id.in_(ids[start:start + CHUNK]), Notification.digest_sent_at.is_(None))
            .values(digest_sent_at=now)
            .returning(Notification.id)
            .execution_options(synchronize_session=False)
        )
        claimed.extend(db.session.scalars(statement))
    db.session.commit()
    return sorted(claimed)


def _release(ids: list[int], now: datetime) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.digest_sent_at == now)
        .values(digest_sent_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def send_digests(now: datetime | None = None) -> DigestRun:
    """Send every digest that is due (see the module docstring); never sends a notification twice."""
    moment = now or utcnow()
    run = DigestRun()
    claimed = claim(due_ids(moment), moment)
    if not claimed:
        return run
    rows = db.session.execute(
        select(Notification.id, Notification.kind, Notification.title, Notification.url,
               User.id, User.email, User.name, User.language)
        .join(User, User.id == Notification.user_id)
        .where(Notification.id.in_(claimed))
        .order_by(User.id, Notification.created_at, Notification.id)
    ).all()
    people: dict[int, list[tuple[int, str, str, str, str, str, str]]] = defaultdict(list)
    for notification_id, kind, title, url, user_id, email, name, language in rows:
        people[user_id].append((notification_id, kind, title, url, email, name, language))
    for user_id, items in people.items():
        _id, _kind, _title, _url, email, name, language = items[0]
        try:
            entries = [(kind, title, url) for _i, kind, title, url, *_rest in items]
            emails.send_digest(user_id, email, name, language, entries)
        except Exception:  # one bad address or a mail outage must not stop the other digests
            log.exception("Could not send the digest to person %s", user_id)
            _release([item[0] for item in items], moment)
            run.failed += 1
            continue
        run.people += 1
        run.notifications += len(items)
    return run
