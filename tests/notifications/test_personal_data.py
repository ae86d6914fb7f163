"""Notifications and email choices are in a person's data download and go when their account is deleted."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.notifications.support import make_notification
from zone_networks.directory.data_export import collect
from zone_networks.directory.deletion import confirm_deletion
from zone_networks.notifications.models import Notification, NotificationPreference
from zone_networks.notifications.services import save_preferences


def test_export_holds_own_notifications_and_choices_only(db, member, convenor) -> None:
    make_notification(member, "post:1", title="Mine")
    make_notification(convenor, "post:1", title="Theirs")
    save_preferences(member, {"mention": "never"})
    data = collect(member)
    assert [row["title"] for row in data["notifications"]] == ["Mine"]
    assert [(row["kind"], row["delivery"]) for row in data["notification_preferences"]] == [("mention", "never")]


def test_deletion_removes_notifications_and_choices(db, member, secretariat) -> None:
    make_notification(member, "post:1")
    save_preferences(member, {"reply": "never"})
    member.deletion_requested_at = member.created_at
    db.session.commit()
    assert confirm_deletion(secretariat, member)
    count = db.session.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == member.id))
    assert count == 0
    assert db.session.scalars(select(NotificationPreference).where(
        NotificationPreference.user_id == member.id)).all() == []
