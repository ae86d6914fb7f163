"""The notifications list, opening one, marking all read, and the header badge."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.helpers import csrf_token, submit, text_of
from tests.notifications.support import make_notification
from zone_networks.core.clock import utcnow
from zone_networks.notifications.models import Notification


def test_list_needs_sign_in(client) -> None:
    response = client.get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_list_shows_own_notifications_newest_first_with_new_tags(db, client, login, member, convenor) -> None:
    now = utcnow()
    make_notification(member, "post:1", title="Older, read", read=True, created_at=now - timedelta(hours=2))
    make_notification(member, "post:2", title="Newer, unread", created_at=now - timedelta(hours=1))
    make_notification(convenor, "post:3", title="Someone else's")
    login(member)
    page = text_of(client.get("/notifications"))
    assert page.index("Newer, unread") < page.index("Older, read")
    assert "Someone else&#39;s" not in page and "Someone else's" not in page
    assert page.count(">New<") + page.count("New\n") >= 1
    assert "1 unread" in page
    assert "Mark all as read" in page


def test_empty_list(client, login, member) -> None:
    login(member)
    response = client.get("/notifications")
    assert response.status_code == 200
    assert "You have no notifications yet" in text_of(response)
    assert "Mark all as read" not in text_of(response)


def test_list_paginates(db, client, login, member) -> None:
    for number in range(55):
        make_notification(member, f"post:{number}", title=f"Item {number}")
    login(member)
    first = text_of(client.get("/notifications"))
    assert "Item 54" in first and "Item 4<" not in first
    second = client.get("/notifications?page=2")
    assert second.status_code == 200 and "Item 0" in text_of(second)
    assert client.get("/notifications?page=3").status_code == 404


def test_open_marks_read_and_redirects(db, client, login, member) -> None:
    row = make_notification(member, "post:5", url="/threads/9#post-5")
    login(member)
    response = submit(client, f"/notifications/{row.id}/open", form_url="/notifications")
    assert response.status_code == 302
    assert response.headers["Location"] == "/threads/9#post-5"
    db.session.expire_all()
    assert db.session.get(Notification, row.id).read_at is not None


def test_open_someone_elses_is_404_and_writes_nothing(db, client, login, member, convenor) -> None:
    make_notification(member, "post:6")
    theirs = make_notification(convenor, "post:6")
    login(member)
    response = submit(client, f"/notifications/{theirs.id}/open", form_url="/notifications")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None
    assert client.post(f"/notifications/{theirs.id + 1000}/open",
                       data={"csrf_token": csrf_token(client, "/notifications")}).status_code == 404


def test_open_without_csrf_is_refused(db, client, login, member) -> None:
    row = make_notification(member, "post:7")
    login(member)
    client.get("/notifications")
    assert client.post(f"/notifications/{row.id}/open").status_code == 400
    db.session.expire_all()
    assert db.session.get(Notification, row.id).read_at is None


def test_open_is_a_post_only(db, client, login, member) -> None:
    row = make_notification(member, "post:8")
    login(member)
    assert client.get(f"/notifications/{row.id}/open").status_code == 405


def test_mark_all_read_only_touches_own(db, client, login, member, convenor) -> None:
    make_notification(member, "post:1")
    make_notification(member, "post:2")
    theirs = make_notification(convenor, "post:1")
    login(member)
    response = submit(client, "/notifications/read", form_url="/notifications", follow_redirects=True)
    assert "All your notifications are marked as read" in text_of(response)
    db.session.expire_all()
    rows = db.session.scalars(select(Notification).where(Notification.user_id == member.id)).all()
    assert all(row.read_at is not None for row in rows)
    assert db.session.get(Notification, theirs.id).read_at is None


def test_badge_shows_unread_count_in_words(db, client, login, member) -> None:
    login(member)
    page = text_of(client.get("/account"))
    assert "Notifications" in page and 'data-unread="0"' in page
    make_notification(member, "post:1")
    make_notification(member, "post:2")
    make_notification(member, "post:3", read=True)
    page = text_of(client.get("/account"))
    assert 'data-unread="2"' in page
    assert '(<span data-zn-count>2</span>)<span class="govuk-visually-hidden"> unread</span>' in page
    assert "notifications-badge.js" in page


def test_badge_is_not_shown_to_anonymous_visitors(client) -> None:
    page = text_of(client.get("/networks"))
    assert "data-zn-notifications-badge" not in page
    assert "notifications-badge.js" not in page


def test_badge_costs_one_count_query(db, client, login, member, count_queries) -> None:
    make_notification(member, "post:1")
    login(member)
    client.get("/account")  # warm the chrome cache
    with count_queries() as statements:
        client.get("/account")
    badge = [statement for statement in statements if "notifications" in statement.lower()]
    assert len(badge) == 1
    assert "count(" in badge[0].lower()


def test_badge_is_per_person_despite_the_chrome_cache(db, app, login, member, convenor) -> None:
    make_notification(member, "post:1")
    first = app.test_client()
    second = app.test_client()
    for client, user in ((first, member), (second, convenor)):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
    assert 'data-unread="1"' in text_of(first.get("/account"))
    assert 'data-unread="0"' in text_of(second.get("/account"))


def test_account_links_to_settings(client, login, member) -> None:
    login(member)
    assert "/notifications/settings" in text_of(client.get("/account"))


def test_list_query_count_is_bounded(db, client, login, member, count_queries) -> None:
    for number in range(30):
        make_notification(member, f"post:{number}", read=number % 2 == 0)
    login(member)
    client.get("/notifications")
    with count_queries() as statements:
        response = client.get("/notifications")
    assert response.status_code == 200
    # The person, the count and the page of the list, the unread count (shared with the header badge).
    assert len(statements) <= 5, statements
