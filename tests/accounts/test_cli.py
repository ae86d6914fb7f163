"""`flask --app zone_networks create-admin EMAIL [--name NAME]`."""

from __future__ import annotations

from typing import Any

from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent

PASSWORD = "granite lighthouse marmalade"


def _run(app: Any, args: list[str], answers: list[str]) -> Any:
    return app.test_cli_runner().invoke(args=["create-admin", *args], input="\n".join(answers) + "\n")


def _users(db: Any) -> list[User]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(User).order_by(User.id)))


def _events(db: Any) -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)))


def test_creates_an_admin_in_the_secretariat(app, db) -> None:
    result = _run(app, ["New.Admin@Zones.example", "--name", "Nia Admin"], [PASSWORD, PASSWORD])
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # the password is never echoed
    assert "Repeat for confirmation" in result.output
    [user] = _users(db)
    assert user.email == "new.admin@zones.example"
    assert user.name == "Nia Admin"
    assert user.is_admin and user.active
    assert user.organisation.slug == "industrial-strategy-zones-secretariat"
    assert user.check_password(PASSWORD)
    [event] = _events(db)
    assert (event.actor_id, event.action, event.object_type, event.object_id) == (None, "admin.created", "user",
                                                                                    user.id)
    assert event.details == {"email": "new.admin@zones.example", "promoted": False}


def test_asks_for_the_name_when_not_given(app, db) -> None:
    result = _run(app, ["nia@zones.example"], ["Nia Admin", PASSWORD, PASSWORD])
    assert result.exit_code == 0, result.output
    assert _users(db)[0].name == "Nia Admin"


def test_the_new_admin_can_sign_in(app, db, client) -> None:
    _run(app, ["nia@zones.example", "--name", "Nia Admin"], [PASSWORD, PASSWORD])
    from tests.accounts.support import sign_in

    assert sign_in(client, "nia@zones.example", PASSWORD).status_code == 302


def test_mismatched_passwords_are_asked_again(app, db) -> None:
    result = _run(app, ["nia@zones.example", "--name", "Nia Admin"], [PASSWORD, PASSWORD + "x", PASSWORD, PASSWORD])
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert _users(db)[0].check_password(PASSWORD)


def test_weak_password_writes_nothing(app, db) -> None:
    for password, message in (("password1234", "harder to guess"), ("short", "12 characters or more"),
                              ("nia admin forever", "name or email address")):
        result = _run(app, ["nia@zones.example", "--name", "Nia Admin"], [password, password])
        assert result.exit_code != 0
        assert message in result.output
    assert _users(db) == []
    assert _events(db) == []


def test_bad_email_writes_nothing(app, db) -> None:
    result = _run(app, ["not-an-email", "--name", "Nia Admin"], [PASSWORD, PASSWORD])
    assert result.exit_code != 0
    assert "not a valid email address" in result.output
    assert _users(db) == [] and _events(db) == []


def test_promotes_an_existing_person_after_confirmation(app, db, member) -> None:
    hash_before = member.password_hash
    result = _run(app, ["member@humber.example"], ["y"])
    assert result.exit_code == 0, result.output
    assert "Make them an admin?" in result.output
    [user] = _users(db)
    assert user.is_admin
    assert user.password_hash == hash_before
    assert user.organisation.slug == "humber-freeport"
    [event] = _events(db)
    assert (event.action, event.object_id, event.details["promoted"]) == ("admin.created", member.id, True)


def test_declining_the_promotion_writes_nothing(app, db, member) -> None:
    result = _run(app, ["member@humber.example"], ["n"])
    assert result.exit_code != 0
    assert not _users(db)[0].is_admin
    assert _events(db) == []


def test_an_existing_admin_is_left_alone(app, db, admin) -> None:
    result = _run(app, ["admin@zones.example"], [])
    assert result.exit_code != 0
    assert "already an admin" in result.output
    assert _events(db) == []
