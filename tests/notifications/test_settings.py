"""Email preferences per kind, and the unsubscribe link in every email."""

from __future__ import annotations

import re

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from tests.helpers import csrf_token, submit, text_of
from zone_networks.notifications.models import DEFAULT_DELIVERY, NotificationPreference
from zone_networks.notifications.queries import preferences
from zone_networks.notifications.services import notify
from zone_networks.notifications.tokens import SALT, read_unsubscribe_token, unsubscribe_token

ALL_DAILY = {"mention": "daily", "reply": "daily", "challenge": "daily", "offer": "daily", "meeting": "daily"}


def _rows(db, user) -> dict[str, str]:
    db.session.expire_all()
    return {row.kind: row.delivery for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}


def test_settings_need_sign_in(client) -> None:
    response = client.get("/notifications/settings")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_settings_show_the_defaults(client, login, member) -> None:
    login(member)
    page = text_of(client.get("/notifications/settings"))
    assert "When someone mentions you" in page
    for kind, choice in DEFAULT_DELIVERY.items():
        assert re.search(rf'name="{kind}" type="radio" value="{choice}" checked', page) or \
            re.search(rf'checked[^>]*name="{kind}"[^>]*value="{choice}"', page) or \
            re.search(rf'id="{kind}(-\d)?" name="{kind}" type="radio" value="{choice}" checked', page), kind


def test_saving_choices(db, client, login, member) -> None:
    login(member)
    response = submit(client, "/notifications/settings", ALL_DAILY | {"mention": "never"}, follow_redirects=True)
    assert "Your email choices have been saved" in text_of(response)
    assert _rows(db, member) == ALL_DAILY | {"mention": "never"}
    submit(client, "/notifications/settings", ALL_DAILY)
    assert _rows(db, member) == ALL_DAILY
    assert preferences(member.id) == ALL_DAILY


def test_choices_are_per_person(db, client, login, member, convenor) -> None:
    login(member)
    submit(client, "/notifications/settings", {kind: "never" for kind in ALL_DAILY})
    assert _rows(db, convenor) == {}
    assert preferences(convenor.id) == DEFAULT_DELIVERY


@pytest.mark.parametrize("bad", [{}, {"mention": "sometimes"}])
def test_bad_choices_show_errors_and_write_nothing(db, client, login, member, bad) -> None:
    login(member)
    data = {key: value for key, value in ALL_DAILY.items() if key != "mention"} | bad
    response = submit(client, "/notifications/settings", data)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Select how to email you when someone mentions you" in page
    assert "<title>Error:" in page
    assert _rows(db, member) == {}


def test_preference_never_stops_the_immediate_email(db, client, login, member, outbox) -> None:
    login(member)
    submit(client, "/notifications/settings", ALL_DAILY | {"mention": "never", "offer": "immediately"})
    notify([member], "mention", "post:1", "Mentioned", "/threads/1")
    db.session.commit()
    assert outbox() == []
    notify([member], "offer", "post:2", "An offer of help", "/challenges/1")
    db.session.commit()
    assert [message["Subject"] for message in outbox()] == ["An offer of help"]


def _link(message) -> str:
    match = re.search(r"http://[^\s]+/notifications/unsubscribe/[^\s]+", message.get_content())
    assert match
    return match.group(0).split("127.0.0.1:5000", 1)[-1]


def test_unsubscribe_link_from_an_email(db, client, member, outbox) -> None:
    notify([member], "mention", "post:1", "Mentioned", "/threads/1")
    db.session.commit()
    [message] = outbox()
    link = _link(message)
    assert message["List-Unsubscribe"] == f"<http://127.0.0.1:5000{link}>"
    page = client.get(link)
    assert page.status_code == 200 and "Stop emails about mentions of you" in text_of(page)
    assert _rows(db, member) == {}  # the GET writes nothing
    response = submit(client, link)
    assert response.status_code == 200
    assert "You will not get emails about mentions of you" in text_of(response)
    assert _rows(db, member) == {"mention": "never"}


def test_unsubscribe_changes_only_that_kind(db, client, member) -> None:
    submit(client, f"/notifications/unsubscribe/{unsubscribe_token(member.id, 'reply')}")
    assert _rows(db, member) == {"reply": "never"}
    assert preferences(member.id) == DEFAULT_DELIVERY | {"reply": "never"}


def test_tampered_token_is_refused_and_writes_nothing(db, client, member) -> None:
    token = unsubscribe_token(member.id, "mention")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(f"/notifications/unsubscribe/{tampered}")
    assert response.status_code == 404
    assert "This link does not work" in text_of(response)
    good_form = csrf_token(client, f"/notifications/unsubscribe/{token}")
    assert client.post(f"/notifications/unsubscribe/{tampered}", data={"csrf_token": good_form}).status_code == 404
    assert _rows(db, member) == {}


def test_token_signed_with_another_key_or_salt_is_refused(app, db, client, member) -> None:
    forged = URLSafeTimedSerializer("not-the-secret", salt=SALT).dumps({"u": member.id, "k": "mention"})
    assert client.get(f"/notifications/unsubscribe/{forged}").status_code == 404
    other_salt = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="other").dumps({"u": member.id, "k": "mention"})
    assert client.get(f"/notifications/unsubscribe/{other_salt}").status_code == 404
    assert _rows(db, member) == {}


def test_token_carries_one_person_and_one_kind(db, client, member, convenor) -> None:
    token = unsubscribe_token(member.id, "offer")
    assert read_unsubscribe_token(token) == (member.id, "offer")
    submit(client, f"/notifications/unsubscribe/{token}")
    assert _rows(db, member) == {"offer": "never"}
    assert _rows(db, convenor) == {}


def test_expired_token_is_refused(app, db, member) -> None:
    token = unsubscribe_token(member.id, "mention")
    assert read_unsubscribe_token(token, max_age=-1) is None


def test_token_with_an_unknown_kind_is_refused(app, db, client, member) -> None:
    bad = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=SALT).dumps({"u": member.id, "k": "gossip"})
    assert client.get(f"/notifications/unsubscribe/{bad}").status_code == 404


def test_token_of_a_deleted_person_writes_nothing(db, client, member) -> None:
    token = unsubscribe_token(member.id, "mention")
    member.deleted_at = member.created_at
    db.session.commit()
    response = submit(client, f"/notifications/unsubscribe/{token}")
    assert response.status_code == 404
    assert _rows(db, member) == {}
