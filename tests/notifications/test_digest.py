"""The daily digest: one email per person, only "daily" kinds, never a notification twice."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from tests.notifications.support import make_notification
from zone_networks.core.clock import to_london, utcnow
from zone_networks.extensions import db as _db
from zone_networks.notifications import digest as digest_module
from zone_networks.notifications.digest import claim, due_ids, send_digests
from zone_networks.notifications.models import Notification, NotificationPreference


def _reply(user, key: str, **fields):
    # "reply" is "daily" unless the person chose otherwise.
    return make_notification(user, key, kind="reply", title=f"New reply {key}", url=f"/threads/1#{key}", **fields)


def test_one_email_per_person_with_their_daily_notifications(db, member, convenor, outbox) -> None:
    _reply(member, "post:1")
    _reply(member, "post:2")
    make_notification(member, "post:3", kind="mention", title="Mention (immediately)")
    _reply(convenor, "post:4")
    run = send_digests()
    assert (run.people, run.notifications, run.failed) == (2, 3, 0)
    emails = {message["To"]: message for message in outbox()}
    assert set(emails) == {member.email, convenor.email}
    body = emails[member.email].get_content()
    assert "New reply post:1" in body and "New reply post:2" in body
    assert "Mention (immediately)" not in body
    assert body.index("New reply post:1") < body.index("New reply post:2")
    assert "/threads/1#post:1" in body
    assert "/notifications/unsubscribe/" in body
    assert "/notifications/unsubscribe/" in emails[member.email]["List-Unsubscribe"]
    assert emails[member.email]["Subject"] == "Zone Networks: 2 new notifications"
    assert emails[convenor.email]["Subject"] == "Zone Networks: 1 new notification"


def test_running_twice_sends_once(db, member, outbox) -> None:
    _reply(member, "post:1")
    assert send_digests().people == 1
    assert send_digests().people == 0
    assert len(outbox()) == 1


def test_next_day_sends_only_what_is_new(db, member, outbox) -> None:
    now = utcnow()
    _reply(member, "post:1")
    send_digests(now)
    _reply(member, "post:2")
    assert send_digests(now + timedelta(hours=1)).people == 0  # at most one digest a day
    assert send_digests(now + timedelta(hours=24)).notifications == 1
    emails = outbox()
    assert len(emails) == 2
    assert "post:1" not in emails[1].get_content() and "post:2" in emails[1].get_content()


def test_claimed_rows_are_never_claimed_again(db, member) -> None:
    rows = [_reply(member, f"post:{n}") for n in range(3)]
    now = utcnow()
    ids = due_ids(now)
    assert ids == [row.id for row in rows]
    assert claim(ids, now) == ids
    assert claim(ids, now) == []  # a second, concurrent run that saw the same candidates gets none


def test_concurrent_runs_send_each_notification_once(app, db, member, convenor, outbox) -> None:
    for n in range(5):
        _reply(member, f"post:{n}")
        _reply(convenor, f"post:{n}")
    results = []

    def run() -> None:
        with app.app_context():
            try:
                results.append(send_digests())
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.notifications for result in results) == 10
    assert sorted(message["To"] for message in outbox()) == sorted([member.email, convenor.email])


def test_only_daily_kinds_unread_recent_and_not_emailed(db, member, outbox) -> None:
    db.session.add(NotificationPreference(user_id=member.id, kind="reply", delivery="never"))
    db.session.add(NotificationPreference(user_id=member.id, kind="mention", delivery="daily"))
    db.session.commit()
    _reply(member, "post:1")  # never
    make_notification(member, "post:2", kind="mention", title="Daily mention")
    make_notification(member, "post:3", kind="mention", title="Read mention", read=True)
    make_notification(member, "post:4", kind="mention", title="Old mention", created_at=utcnow() - timedelta(days=8))
    make_notification(member, "post:5", kind="mention", title="Emailed mention", emailed_at=utcnow())
    run = send_digests()
    assert run.notifications == 1
    body = outbox()[0].get_content()
    assert "Daily mention" in body
    for absent in ("post:1", "Read mention", "Old mention", "Emailed mention"):
        assert absent not in body


def test_inactive_and_deleted_people_get_no_digest(db, member, convenor, outbox) -> None:
    _reply(member, "post:1")
    _reply(convenor, "post:1")
    member.active = False
    convenor.deleted_at = utcnow()
    db.session.commit()
    assert send_digests().people == 0
    assert outbox() == []


def test_failed_email_releases_the_rows_for_the_next_run(db, member, convenor, outbox, monkeypatch) -> None:
    _reply(member, "post:1")
    _reply(convenor, "post:1")
    real = digest_module.emails.send_digest

    def flaky(user_id, email, *args, **kwargs):
        if email == member.email:
            raise OSError("mail server down")
        return real(user_id, email, *args, **kwargs)

    monkeypatch.setattr(digest_module.emails, "send_digest", flaky)
    run = send_digests()
    assert (run.people, run.failed) == (1, 1)
    db.session.expire_all()
    mine = db.session.scalars(select(Notification).where(Notification.user_id == member.id)).one()
    assert mine.digest_sent_at is None
    monkeypatch.setattr(digest_module.emails, "send_digest", real)
    assert send_digests().people == 1
    assert sorted(message["To"] for message in outbox()) == sorted([member.email, convenor.email])


def test_digest_command(app, db, member, outbox) -> None:
    _reply(member, "post:1")
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest(s) covering 1 notification(s)." in result.output
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert "Sent 0 digest(s)" in result.output
    assert len(outbox()) == 1


def test_scheduler_sends_digests_in_the_morning_only(app, db, member, outbox) -> None:
    from zone_networks.meetings.scheduler import ReminderScheduler

    _reply(member, "post:1")
    scheduler = ReminderScheduler(app, 60)
    today = utcnow().replace(minute=30, second=0, microsecond=0)
    for hour in (3, 12, 20):  # not in the 7am hour, in winter or summer time
        scheduler.tick(today.replace(hour=hour))
    assert outbox() == []
    seven_in_london = today.replace(hour=7) - (to_london(today.replace(hour=7)).utcoffset() or timedelta(0))
    scheduler.tick(seven_in_london)
    scheduler.tick(seven_in_london + timedelta(minutes=5))
    assert len(outbox()) == 1
