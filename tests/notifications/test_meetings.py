"""Meeting changes: an in-app notification for each person who said yes, and one email each (never two)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

from sqlalchemy import select

from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Rsvp
from zone_networks.meetings.services import MeetingDetails, add_meeting, update_meeting
from zone_networks.meetings.times import london_to_utc, london_today
from zone_networks.networks.models import Network
from zone_networks.notifications.models import Notification, NotificationPreference


def _meeting(secretariat, *people) -> Meeting:
    network = db.session.execute(select(Network).filter_by(slug="skills-forum")).scalar_one()
    day = london_today() + timedelta(days=7)
    details = MeetingDetails(title="Spring forum", starts_at=london_to_utc(day, time(10)),
                             ends_at=london_to_utc(day, time(12)), format="in_person", venue="1 Victoria Street",
                             status="scheduled")
    meeting = add_meeting(secretariat, network, details)
    db.session.commit()
    for person in people:
        db.session.add(Rsvp(meeting_id=meeting.id, user_id=person.id, response="yes", status="confirmed"))
        meeting.seats_taken += 1
    db.session.commit()
    return meeting


def _notifications() -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).order_by(Notification.user_id)))


def test_moving_a_meeting_notifies_and_emails_once(db, secretariat, member, official, outbox) -> None:
    meeting = _meeting(secretariat, member, official)
    details = MeetingDetails.of(meeting)
    update = update_meeting(secretariat, meeting, replace(details, starts_at=details.starts_at + timedelta(hours=1),
                                                           ends_at=details.ends_at + timedelta(hours=1)))
    assert update.notified == 2
    rows = _notifications()
    assert sorted(row.user_id for row in rows) == sorted([member.id, official.id])
    assert {row.kind for row in rows} == {"meeting"}
    assert {row.object_key for row in rows} == {f"meeting:{meeting.id}:seq:1"}
    assert {row.title for row in rows} == {"Changed: Spring forum"}
    assert {row.url for row in rows} == {f"/meetings/{meeting.id}"}
    assert all(row.emailed_at is not None and row.actor_id == secretariat.id for row in rows)
    emails = outbox()
    assert sorted(message["To"] for message in emails) == sorted([member.email, official.email])


def test_cancelling_then_reinstating_gives_two_notifications(db, secretariat, member, outbox) -> None:
    meeting = _meeting(secretariat, member)
    details = MeetingDetails.of(meeting)
    update_meeting(secretariat, meeting, replace(details, status="cancelled"))
    update_meeting(secretariat, meeting, replace(details, status="scheduled"))
    assert sorted(row.title for row in _notifications()) == ["Back on: Spring forum", "Cancelled: Spring forum"]
    assert len(outbox()) == 2


def test_a_title_change_notifies_nobody(db, secretariat, member, outbox) -> None:
    meeting = _meeting(secretariat, member)
    update_meeting(secretariat, meeting, replace(MeetingDetails.of(meeting), title="New title"))
    assert _notifications() == []
    assert outbox() == []


def test_preference_never_or_daily_stops_the_meeting_email_but_not_the_notification(db, secretariat, member,
                                                                                   official, outbox) -> None:
    db.session.add(NotificationPreference(user_id=member.id, kind="meeting", delivery="never"))
    db.session.add(NotificationPreference(user_id=official.id, kind="meeting", delivery="daily"))
    db.session.commit()
    meeting = _meeting(secretariat, member, official)
    update = update_meeting(secretariat, meeting, replace(MeetingDetails.of(meeting), status="cancelled"))
    assert update.notified == 0
    assert outbox() == []
    rows = _notifications()
    assert len(rows) == 2 and all(row.emailed_at is None for row in rows)


def test_daily_meeting_notification_goes_into_the_digest(db, secretariat, official, outbox) -> None:
    from zone_networks.notifications.digest import send_digests

    db.session.add(NotificationPreference(user_id=official.id, kind="meeting", delivery="daily"))
    db.session.commit()
    meeting = _meeting(secretariat, official)
    update_meeting(secretariat, meeting, replace(MeetingDetails.of(meeting), status="cancelled"))
    run = send_digests()
    assert run.people == 1 and run.notifications == 1
    [digest] = outbox()
    assert "Cancelled: Spring forum" in digest.get_content()
