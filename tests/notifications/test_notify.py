"""notify(): who gets a row, and delivery (live event, email) only after the commit."""

from __future__ import annotations

from typing import Any

import pytest
from flask_babel import gettext as _
from sqlalchemy import func, select

from zone_networks.accounts.models import User
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.extensions import socketio
from zone_networks.notifications.models import Notification, NotificationPreference
from zone_networks.notifications.services import notify


def _count(db: Any) -> int:
    return int(db.session.scalar(select(func.count()).select_from(Notification)))


def _socket(app: Any, client: Any, login: Any, user: User) -> Any:
    login(user)
    socket = socketio.test_client(app, namespace=LIVE_NAMESPACE, flask_test_client=client)
    assert socket.is_connected(LIVE_NAMESPACE)
    socket.get_received(LIVE_NAMESPACE)
    return socket


def _events(socket: Any) -> list[dict[str, Any]]:
    return [event["args"][0] for event in socket.get_received(LIVE_NAMESPACE) if event["name"] == "notification"]


def test_notify_adds_rows_without_committing(db, member, convenor) -> None:
    rows = notify([member], "mention", "post:1", "Connor mentioned you", "/threads/1#post-1", actor=convenor)
    assert len(rows) == 1
    db.session.rollback()
    assert _count(db) == 0


def test_notify_skips_the_actor(db, member, convenor) -> None:
    rows = notify([member, convenor], "reply", "post:2", "New reply", "/threads/1", actor=convenor)
    db.session.commit()
    assert [row.user_id for row in rows] == [member.id]


def test_notify_skips_inactive_and_deleted_people(db, member, convenor, official) -> None:
    convenor.active = False
    official.deleted_at = official.created_at
    db.session.commit()
    rows = notify([member, convenor, official], "challenge", "challenge:1", "New challenge", "/challenges/1")
    db.session.commit()
    assert [row.user_id for row in rows] == [member.id]


def test_notify_skips_duplicates_stored_and_pending(db, member) -> None:
    assert len(notify([member, member], "mention", "post:3", "Hi", "/threads/1")) == 1
    assert notify([member], "mention", "post:3", "Hi again", "/threads/1") == []  # pending in this session
    db.session.commit()
    assert notify([member], "mention", "post:3", "Hi again", "/threads/1") == []  # stored
    assert len(notify([member], "reply", "post:3", "Other kind", "/threads/1")) == 1
    db.session.commit()
    assert _count(db) == 2


def test_notify_rejects_unknown_kinds_and_outside_links(db, member) -> None:
    with pytest.raises(ValueError):
        notify([member], "gossip", "x:1", "Hi", "/")
    with pytest.raises(ValueError):
        notify([member], "mention", "x:1", "Hi", "https://example.com/")
    with pytest.raises(ValueError):
        notify([member], "mention", "x:1", "Hi", "//example.com/")


def test_title_callable_is_written_in_each_recipients_language(db, member, official) -> None:
    official.language = "cy"
    db.session.commit()
    seen: list[str] = []

    def title(person: User) -> str:
        seen.append(person.email)
        return _("There is a problem")

    rows = notify([member, official], "challenge", "challenge:9", title, "/challenges/9")
    db.session.commit()
    assert len(rows) == 2 and sorted(seen) == sorted([member.email, official.email])
    titles = {row.user_id: row.title for row in rows}
    assert titles[member.id] == "There is a problem"


def test_live_event_after_commit_with_unread_count(app, client, db, login, member, convenor) -> None:
    socket = _socket(app, client, login, member)
    notify([member], "mention", "post:10", "Connor mentioned you", "/threads/1#post-10", actor=convenor)
    assert _events(socket) == []  # nothing before the commit
    db.session.commit()
    events = _events(socket)
    assert len(events) == 1
    event = events[0]
    assert event["kind"] == "mention" and event["title"] == "Connor mentioned you"
    assert event["url"] == "/threads/1#post-10" and event["unread_count"] == 1
    assert isinstance(event["id"], int) and event["created_at"]
    notify([member], "reply", "post:11", "Reply", "/threads/1#post-11", actor=convenor)
    db.session.commit()
    assert _events(socket)[0]["unread_count"] == 2
    socket.disconnect(namespace=LIVE_NAMESPACE)


def test_rollback_delivers_nothing(app, client, db, login, member, outbox) -> None:
    socket = _socket(app, client, login, member)
    notify([member], "mention", "post:12", "Mentioned", "/threads/1")
    db.session.rollback()
    db.session.commit()  # a later, empty commit must not deliver what was rolled back
    assert _events(socket) == []
    assert outbox() == []
    assert _count(db) == 0
    socket.disconnect(namespace=LIVE_NAMESPACE)


def test_other_people_do_not_get_the_event(app, client, db, login, member, convenor) -> None:
    socket = _socket(app, client, login, member)
    notify([convenor], "mention", "post:13", "For Connor", "/threads/1")
    db.session.commit()
    assert _events(socket) == []
    socket.disconnect(namespace=LIVE_NAMESPACE)


def test_rolled_back_savepoint_forgets_only_its_rows(db, member, convenor, outbox) -> None:
    notify([member], "mention", "post:20", "Kept", "/threads/1")
    savepoint = db.session.begin_nested()
    notify([convenor], "mention", "post:20", "Dropped", "/threads/1")
    savepoint.rollback()
    db.session.commit()
    emails = outbox()
    assert [message["To"] for message in emails] == [member.email]
    assert [row.title for row in db.session.scalars(select(Notification))] == ["Kept"]


def test_immediate_email_after_commit_sets_emailed_at(db, member, convenor, outbox) -> None:
    rows = notify([member], "mention", "post:30", "Connor mentioned you in Apprenticeships", "/threads/4#post-30",
                  actor=convenor)
    assert outbox() == []
    db.session.commit()
    emails = outbox()
    assert len(emails) == 1
    message = emails[0]
    assert message["To"] == member.email
    assert message["Subject"] == "Connor mentioned you in Apprenticeships"
    body = message.get_content()
    assert "http://127.0.0.1:5000/threads/4#post-30" in body or "/threads/4#post-30" in body
    assert "/notifications/unsubscribe/" in body
    assert message["List-Unsubscribe"].startswith("<") and "/notifications/unsubscribe/" in message["List-Unsubscribe"]
    assert db.session.get(Notification, rows[0].id).emailed_at is not None


def test_daily_and_never_are_not_emailed_at_once(db, member, convenor, outbox) -> None:
    db.session.add(NotificationPreference(user_id=member.id, kind="mention", delivery="never"))
    db.session.commit()
    rows = notify([member], "mention", "post:31", "Mentioned", "/threads/1")
    rows += notify([member], "reply", "post:31", "Reply (daily by default)", "/threads/1")
    db.session.commit()
    assert outbox() == []
    assert all(db.session.get(Notification, row.id).emailed_at is None for row in rows)


def test_meeting_kind_is_never_emailed_by_notify(db, member, outbox) -> None:
    rows = notify([member], "meeting", "meeting:1:seq:2", "Changed: Forum", "/meetings/1")
    db.session.commit()
    assert outbox() == []  # meetings sends its own email
    assert db.session.get(Notification, rows[0].id).emailed_at is not None


def test_email_is_written_in_the_recipients_language(db, member, outbox, monkeypatch) -> None:
    from contextlib import contextmanager

    from flask_babel import force_locale

    from zone_networks.notifications import emails

    used: list[str] = []

    @contextmanager
    def recording(locale: str):
        used.append(locale)
        with force_locale(locale):
            yield

    monkeypatch.setattr(emails, "force_locale", recording)
    member.language = "cy"
    db.session.commit()
    notify([member], "mention", "post:40", "Teitl", "/threads/1")
    db.session.commit()
    assert used == ["cy"]
    assert len(outbox()) == 1


def test_failed_email_does_not_fail_the_commit(db, member, monkeypatch) -> None:
    from zone_networks.notifications import emails

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("SMTP down")

    monkeypatch.setattr(emails, "send_email", broken)
    notify([member], "mention", "post:50", "Mentioned", "/threads/1")
    db.session.commit()
    assert _count(db) == 1


def test_failed_live_push_does_not_fail_the_commit(db, member, monkeypatch, outbox) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("queue down")

    monkeypatch.setattr(socketio, "emit", broken)
    notify([member], "mention", "post:51", "Mentioned", "/threads/1")
    db.session.commit()
    assert _count(db) == 1
    assert len(outbox()) == 1
