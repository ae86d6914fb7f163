"""Reminder emails 24 hours before a meeting: who gets one, what it says, and that each goes exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import click
from sqlalchemy import func, select

from tests.factories import make_user
from tests.meetings.conftest import network
from tests.meetings.test_feeds import answer
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db as _db
from zone_networks.meetings import emails, scheduler
from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
from zone_networks.meetings.calendar_models import ReminderSent
from zone_networks.meetings.reminders import send_due
from zone_networks.meetings.scheduler import ReminderScheduler, start_scheduler
from zone_networks.networks.models import Membership


def soon(make_meeting: Any, hours: float = 20, **fields: Any) -> Any:
    """A meeting starting `hours` from now, lasting two hours."""
    starts = (utcnow() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    return make_meeting(starts_at=starts, ends_at=starts + timedelta(hours=2), **fields)


def recipients(outbox: Any) -> list[str]:
    """Who the outbox's emails went to, sorted."""
    return sorted(str(message["To"]) for message in outbox())


def markers(db: Any) -> int:
    """How many ReminderSent rows there are."""
    return int(db.session.scalar(select(func.count(ReminderSent.id))))


def colleague(db: Any, email: str, network_slug: str = "skills-forum") -> Any:
    """Another active member of a network."""
    user = make_user(email, "humber-freeport", name=email.split("@")[0].title())
    db.session.add(Membership(user_id=user.id, network_id=network(network_slug).id, role="member", status="active"))
    db.session.commit()
    return user


def test_yes_maybe_and_waitlisted_are_reminded_not_the_rest(db, make_meeting, member, official, outbox,
                                                             outsider) -> None:
    meeting = soon(make_meeting, title="Forum: spring")
    waiting = colleague(db, "waiting@humber.example")
    declined = colleague(db, "declined@humber.example")
    colleague(db, "silent@humber.example")  # no answer: not reminded
    answer(db, meeting, member, "yes")
    answer(db, meeting, official, "maybe")
    answer(db, meeting, waiting, "yes", "waitlisted")
    answer(db, meeting, declined, "no")
    run = send_due()
    assert (run.sent, run.failed) == (3, 0)
    assert recipients(outbox) == sorted([member.email, official.email, waiting.email])
    bodies = {str(message["To"]): message.get_content() for message in outbox()}
    assert "You said you will come." in bodies[member.email]
    assert "You said you might come." in bodies[official.email]
    assert "You are on the waiting list" in bodies[waiting.email]
    subject = str(outbox()[0]["Subject"])
    assert subject.startswith("Reminder: Forum: spring, ")
    assert f"/meetings/{meeting.id}" in bodies[member.email]
    assert "1 Victoria Street London" in bodies[member.email]


def test_reminder_includes_the_accepted_agenda_in_order(db, make_meeting, member, outbox) -> None:
    meeting = soon(make_meeting)
    answer(db, meeting, member, "yes")
    second = AgendaItem(meeting_id=meeting.id, title="Apprenticeship levy", presenter_name="Dai Jones",
                        status="accepted", position=2, duration_minutes=20)
    first = AgendaItem(meeting_id=meeting.id, title="Welcome", presenter_id=member.id, status="accepted",
                       position=1, duration_minutes=5)
    db.session.add_all([second, first,
                        AgendaItem(meeting_id=meeting.id, title="Still proposed", status="submitted"),
                        AgendaItem(meeting_id=meeting.id, title="Turned down", status="declined")])
    db.session.flush()
    db.session.add(AgendaPaper(item_id=second.id, stored_name="a" * 64, original_name="levy-paper.pdf",
                               content_type="application/pdf", size=100))
    db.session.commit()
    send_due()
    body = outbox()[0].get_content()
    assert "Agenda:\n1. Welcome (Mina Member) - 5 minutes\n2. Apprenticeship levy (Dai Jones) - 20 minutes" in body
    assert "Papers: levy-paper.pdf" in body
    assert "Still proposed" not in body and "Turned down" not in body


def test_no_agenda_yet(db, make_meeting, member, outbox) -> None:
    answer(db, soon(make_meeting), member, "yes")
    send_due()
    assert "The agenda has not been published yet." in outbox()[0].get_content()


def test_only_meetings_starting_within_24_hours(db, make_meeting, member, outbox) -> None:
    later = soon(make_meeting, hours=25, title="Too early")
    started = soon(make_meeting, hours=-1, title="Already started")
    due = soon(make_meeting, hours=23.5, title="Due")
    for meeting in (later, started, due):
        answer(db, meeting, member, "yes")
    assert send_due().sent == 1
    assert "Due" in str(outbox()[0]["Subject"])
    assert send_due(now=utcnow() + timedelta(hours=2)).sent == 1  # now the 25-hour one is due
    assert len(outbox()) == 2


def test_cancelled_and_draft_meetings_get_no_reminder(db, make_meeting, member, outbox) -> None:
    cancelled = soon(make_meeting, title="Cancelled")
    draft = soon(make_meeting, title="Draft")
    answer(db, cancelled, member, "yes")
    answer(db, draft, member, "yes")
    cancelled.status = "cancelled"
    draft.status = "draft"
    db.session.commit()
    assert send_due().sent == 0
    assert outbox() == []


def test_people_no_longer_invited_or_closed_accounts_are_skipped(db, make_meeting, member, official,
                                                                 secretariat, outbox) -> None:
    meeting = soon(make_meeting)
    answer(db, meeting, member, "yes")
    answer(db, meeting, official, "yes")
    answer(db, meeting, secretariat, "maybe")  # staff are always invited
    membership = db.session.scalars(select(Membership).where(Membership.user_id == member.id,
                                                             Membership.network_id == meeting.network_id)).one()
    membership.status = "removed"
    official.active = False
    db.session.commit()
    assert send_due().sent == 1
    assert recipients(outbox) == [secretariat.email]


def test_each_reminder_once_however_often_the_command_runs(app, db, make_meeting, member, official, outbox) -> None:
    meeting = soon(make_meeting)
    answer(db, meeting, member, "yes")
    answer(db, meeting, official, "maybe")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["reminders", "send-due"])
    assert first.exit_code == 0, first.output
    assert "Sent 2 reminder(s)." in first.output
    second = runner.invoke(args=["reminders", "send-due"])
    assert "Sent 0 reminder(s)." in second.output
    assert len(outbox()) == 2
    assert markers(db) == 2
    late = colleague(db, "late@humber.example")
    answer(db, meeting, late, "yes")  # answering within the 24 hours: reminded on the next run
    assert send_due().sent == 1
    assert recipients(outbox) == sorted([member.email, official.email, late.email])


def test_two_runs_at_the_same_time_send_once(app, db, make_meeting, member, official, outbox) -> None:
    meetings = [soon(make_meeting, hours=10 + number, title=f"Meeting {number}") for number in range(3)]
    people = [member, official] + [colleague(db, f"person{number}@humber.example") for number in range(4)]
    for meeting in meetings:
        for person in people:
            answer(db, meeting, person, "yes")
    now = utcnow()
    barrier = threading.Barrier(4)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with app.app_context():
                barrier.wait()
                results.append(send_due(now))
                _db.session.remove()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(result.sent for result in results) == len(meetings) * len(people)
    sent = sorted(pair for result in results for pair in result.sent_to)
    assert sent == sorted({(meeting.id, person.id) for meeting in meetings for person in people})
    assert len(outbox()) == len(meetings) * len(people)
    assert markers(db) == len(meetings) * len(people)


def test_failed_email_is_retried_by_a_later_run(db, make_meeting, member, outbox, monkeypatch) -> None:
    answer(db, soon(make_meeting), member, "yes")

    def broken(to: str, subject: str, body: str) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr(emails, "send_email", broken)
    run = send_due()
    assert (run.sent, run.failed) == (0, 1)
    assert markers(db) == 0  # released, so the next run tries again
    monkeypatch.undo()
    assert send_due().sent == 1
    assert recipients(outbox) == [member.email]
    assert send_due().sent == 0


def test_moved_meeting_is_reminded_again_in_its_new_window(db, make_meeting, member, outbox) -> None:
    meeting = soon(make_meeting)
    answer(db, meeting, member, "yes")
    now = utcnow()
    assert send_due(now).sent == 1
    meeting.starts_at = meeting.starts_at + timedelta(days=4)
    meeting.ends_at = meeting.ends_at + timedelta(days=4)
    db.session.commit()
    assert send_due(now).sent == 0  # not due yet
    later = now + timedelta(days=4)
    assert send_due(later).sent == 1
    assert send_due(later).sent == 0
    assert markers(db) == 1
    assert len(outbox()) == 2


def test_reminder_in_the_recipients_language(db, make_meeting, member, outbox) -> None:
    member.language = "cy"
    db.session.commit()
    answer(db, soon(make_meeting), member, "yes")
    assert send_due().sent == 1  # written under the Welsh locale (falls back to English text until translated)


# The scheduler ---------------------------------------------------------------------------------------------------

def test_scheduler_is_off_in_tests_and_commands(app, monkeypatch) -> None:
    app.config["REMINDERS_INTERVAL"] = 60
    assert start_scheduler(app) is None  # TESTING
    monkeypatch.setitem(app.config, "TESTING", False)
    with click.Context(click.Command("shell")):
        assert start_scheduler(app) is None  # a `flask ...` command is not a server
    app.config["REMINDERS_INTERVAL"] = 0
    assert start_scheduler(app) is None  # turned off


def test_scheduler_starts_once_for_a_served_app(app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "TESTING", False)
    monkeypatch.setitem(app.config, "REMINDERS_INTERVAL", 60)
    started = start_scheduler(app)
    try:
        assert isinstance(started, ReminderScheduler)
        assert start_scheduler(app) is started
    finally:
        assert started is not None
        started.stop()
        app.extensions.pop(scheduler.EXTENSION_KEY, None)


def test_scheduler_loop_sends_due_reminders(app, db, make_meeting, member, outbox) -> None:
    answer(db, soon(make_meeting), member, "yes")
    loop = ReminderScheduler(app, 0.05, startup_delay=0)
    loop.start()
    try:
        deadline = time.monotonic() + 20
        while not outbox() and time.monotonic() < deadline:
            time.sleep(0.05)
        while loop.runs < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        loop.stop()
    assert recipients(outbox) == [member.email]  # several rounds, one email


def test_scheduler_round_never_raises_and_extends_series_daily(app, db, monkeypatch) -> None:
    from zone_networks.meetings import series_services

    calls: list[Any] = []
    def extend(now: Any = None) -> int:
        calls.append(now)
        return 0

    monkeypatch.setattr(series_services, "extend_all_series", extend)
    loop = ReminderScheduler(app, 60)
    now = utcnow()
    assert loop.tick(now) is not None
    assert loop.tick(now + timedelta(hours=1)) is not None
    assert len(calls) == 1
    loop.tick(now + timedelta(hours=25))
    assert len(calls) == 2

    def broken(now: Any = None) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(scheduler, "send_due", broken)
    assert loop.tick(now + timedelta(hours=26)) is None
