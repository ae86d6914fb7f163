"""Moderation: hiding and showing posts, locking and pinning threads; who may, what is stored and broadcast."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.discussions.moderation_support import audit_rows, count, fresh, make_post, make_thread, network
from tests.factories import make_user
from tests.helpers import csrf_token, submit, text_of
from zone_networks.core.audit import AuditEvent
from zone_networks.discussions.models import Post, PostReport, Thread
from zone_networks.discussions.moderation import (
    ModerationError,
    hidden_notes,
    hide_post,
    lock_thread,
    show_post,
)
from zone_networks.discussions.payloads import post_payload
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


@pytest.fixture()
def emitted(monkeypatch: pytest.MonkeyPatch, app: Any) -> list[tuple[str, int, int, bool]]:
    """Record every post broadcast as (event, post id, seq, whether the change was already committed)."""
    from zone_networks.discussions import broadcast

    calls: list[tuple[str, int, int, bool]] = []

    def _emit(event: str, post: Post, payload: Any = None) -> None:
        with db.engine.connect() as connection:  # another connection sees only committed rows
            committed = connection.execute(
                select(Post.change_seq).where(Post.id == post.id)).scalar_one() == post.change_seq
        calls.append((event, post.id, post.change_seq, committed))

    monkeypatch.setattr(broadcast, "emit_post", _emit)
    return calls


@pytest.fixture()
def innovation_post(convenor: Any, db: Any) -> Post:
    """A post by an innovation lead in an Innovation Leads Network thread (convened by `convenor`)."""
    lead = make_user("lead@humber.example", "humber-freeport", name="Lee Lead")
    db.session.add(Membership(user_id=lead.id, network_id=network("innovation-leads").id, role="member",
                              status="active"))
    db.session.commit()
    thread = make_thread("innovation-leads", lead, "Hydrogen skills gaps")
    make_post(thread, lead, "First message")
    return make_post(thread, lead, "Second message, to be hidden")


@pytest.fixture()
def forum_post(member: Any, official: Any) -> Post:
    """A post by the official in a Skills Forum thread (the member is an ordinary member there)."""
    thread = make_thread("skills-forum", official, "Careers hubs")
    return make_post(thread, official, "What do your careers hubs cover?")


def test_convenor_hides_a_post_with_a_reason(client: Any, login: Any, convenor: Any, innovation_post: Post,
                                             emitted: list[Any]) -> None:
    before = fresh(Thread, innovation_post.thread_id).last_seq
    login(convenor)
    page = client.get(f"/posts/{innovation_post.id}/hide")
    assert page.status_code == 200
    assert "Second message, to be hidden" in text_of(page)
    response = submit(client, f"/posts/{innovation_post.id}/hide", {"reason": "Shares a phone number"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/posts/{innovation_post.id}")
    post = fresh(Post, innovation_post.id)
    assert post.hidden_at is not None and post.hidden_by_id == convenor.id
    assert post.body == "Second message, to be hidden"  # kept for moderators and for showing again
    assert post.change_seq == before + 1 == fresh(Thread, post.thread_id).last_seq
    assert post.seq == innovation_post.seq  # display order never changes
    [event] = audit_rows("post.hidden")
    assert event.actor_id == convenor.id and event.object_id == post.id
    assert event.details["reason"] == "Shares a phone number"
    assert emitted == [("post.updated", post.id, post.change_seq, True)]
    payload = post_payload(post)
    assert payload["hidden"] is True and payload["body_html"] == "" and payload["reactions"] == {}


def test_secretariat_hides_and_shows_a_post_and_both_are_audited(client: Any, login: Any, secretariat: Any,
                                                                 forum_post: Post, emitted: list[Any]) -> None:
    login(secretariat)
    submit(client, f"/posts/{forum_post.id}/hide", {"reason": "Off topic"})
    hidden_seq = fresh(Post, forum_post.id).change_seq
    page = client.get(f"/posts/{forum_post.id}/show")
    assert page.status_code == 200
    assert "Off topic" in text_of(page) and "What do your careers hubs cover?" in text_of(page)
    response = submit(client, f"/posts/{forum_post.id}/show", {})
    assert response.status_code == 303
    post = fresh(Post, forum_post.id)
    assert post.hidden_at is None and post.hidden_by_id is None
    assert post.change_seq == hidden_seq + 1
    assert [(row.action, row.actor_id) for row in audit_rows() if row.object_type == "post"] == [
        ("post.hidden", secretariat.id), ("post.shown", secretariat.id)]
    assert [call[0] for call in emitted] == ["post.updated", "post.updated"]
    assert all(call[3] for call in emitted)


@pytest.mark.parametrize("reason, message", [
    ("", "Enter why you are hiding this message"),
    ("   ", "Enter why you are hiding this message"),
    ("x" * 1001, "Reason must be 1,000 characters or fewer"),
])
def test_hiding_needs_a_short_reason_and_writes_nothing_without_one(client: Any, login: Any, convenor: Any,
                                                                    innovation_post: Post, emitted: list[Any],
                                                                    reason: str, message: str) -> None:
    seq = fresh(Thread, innovation_post.thread_id).last_seq
    login(convenor)
    response = submit(client, f"/posts/{innovation_post.id}/hide", {"reason": reason})
    assert response.status_code == 400
    html = text_of(response)
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert fresh(Post, innovation_post.id).hidden_at is None
    assert fresh(Thread, innovation_post.thread_id).last_seq == seq
    assert audit_rows("post.hidden") == [] and emitted == []


def test_a_reason_of_exactly_1000_characters_is_accepted(client: Any, login: Any, convenor: Any,
                                                         innovation_post: Post, emitted: list[Any]) -> None:
    login(convenor)
    assert submit(client, f"/posts/{innovation_post.id}/hide", {"reason": "x" * 1000}).status_code == 303
    assert fresh(Post, innovation_post.id).hidden_at is not None


def test_ordinary_members_and_observers_may_not_hide(client: Any, login: Any, member: Any, official: Any,
                                                     forum_post: Post, emitted: list[Any]) -> None:
    other = make_post(fresh(Thread, forum_post.thread_id), member, "A member's message")
    for person, post in ((member, forum_post), (official, other)):
        login(person)
        assert client.get(f"/posts/{post.id}/hide").status_code == 403
        token = csrf_token(client, "/networks/skills-forum")
        response = client.post(f"/posts/{post.id}/hide", data={"reason": "No", "csrf_token": token})
        assert response.status_code == 403
    assert count(AuditEvent) == 0 and emitted == []
    assert fresh(Post, forum_post.id).hidden_at is None


def test_people_who_cannot_see_the_thread_get_404(client: Any, login: Any, outsider: Any, convenor: Any,
                                                  forum_post: Post) -> None:
    for person in (outsider, convenor):  # the convenor of another network is a stranger here
        login(person)
        assert client.get(f"/posts/{forum_post.id}/hide").status_code == 404
        token = csrf_token(client, "/networks/skills-forum")
        for path in (f"/posts/{forum_post.id}/hide", f"/posts/{forum_post.id}/show",
                     f"/threads/{forum_post.thread_id}/lock", f"/threads/{forum_post.thread_id}/pin"):
            assert client.post(path, data={"reason": "x", "csrf_token": token}).status_code == 404
    assert client.get("/posts/999999/hide").status_code == 404
    assert fresh(Thread, forum_post.thread_id).is_locked is False
    assert count(AuditEvent) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client: Any, forum_post: Post) -> None:
    response = client.get(f"/posts/{forum_post.id}/hide")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_moderation_posts_need_the_csrf_token(client: Any, login: Any, secretariat: Any, forum_post: Post) -> None:
    login(secretariat)
    assert client.post(f"/posts/{forum_post.id}/hide", data={"reason": "x"}).status_code == 400
    assert client.post(f"/threads/{forum_post.thread_id}/lock").status_code == 400
    assert client.post(f"/posts/{forum_post.id}/show").status_code == 400
    assert fresh(Post, forum_post.id).hidden_at is None
    assert fresh(Thread, forum_post.thread_id).is_locked is False


def test_hiding_twice_changes_nothing_the_second_time(client: Any, login: Any, secretariat: Any,
                                                      forum_post: Post, emitted: list[Any]) -> None:
    login(secretariat)
    submit(client, f"/posts/{forum_post.id}/hide", {"reason": "Off topic"})
    seq = fresh(Thread, forum_post.thread_id).last_seq
    response = client.get(f"/posts/{forum_post.id}/hide")
    assert response.status_code == 303
    assert hide_post(fresh(type(secretariat), secretariat.id), fresh(Post, forum_post.id), "Again") is False
    assert fresh(Thread, forum_post.thread_id).last_seq == seq
    assert len(audit_rows("post.hidden")) == 1 and len(emitted) == 1


def test_showing_a_post_that_is_not_hidden_changes_nothing(db: Any, secretariat: Any, forum_post: Post,
                                                           emitted: list[Any]) -> None:
    assert show_post(secretariat, forum_post) is False
    assert audit_rows() == [] and emitted == []


def test_services_refuse_people_who_may_not_moderate(db: Any, member: Any, forum_post: Post) -> None:
    with pytest.raises(PermissionError):
        hide_post(member, forum_post, "No")
    with pytest.raises(PermissionError):
        lock_thread(member, fresh(Thread, forum_post.thread_id))
    staff = make_user("staff2@zones.example", "industrial-strategy-zones-secretariat", is_secretariat=True)
    db.session.commit()
    with pytest.raises(ModerationError):
        hide_post(staff, forum_post, "")
    assert audit_rows() == []


def test_hiding_closes_the_open_reports_of_the_post(client: Any, login: Any, secretariat: Any, member: Any,
                                                    forum_post: Post, emitted: list[Any]) -> None:
    db.session.add(PostReport(post_id=forum_post.id, reporter_id=member.id, reason="Rude"))
    db.session.commit()
    login(secretariat)
    submit(client, f"/posts/{forum_post.id}/hide", {"reason": "Rude"})
    db.session.expire_all()
    report = db.session.scalars(select(PostReport)).one()
    assert report.outcome == "hidden" and report.resolved_by_id == secretariat.id and report.resolved_at
    assert audit_rows("post.hidden")[0].details["reports_closed"] == 1


@pytest.mark.parametrize("action, flag, value, audit", [
    ("lock", "is_locked", True, "thread.locked"),
    ("pin", "is_pinned", True, "thread.pinned"),
])
def test_convenor_locks_and_pins_then_undoes_it(client: Any, login: Any, convenor: Any, innovation_post: Post,
                                                 action: str, flag: str, value: bool, audit: str) -> None:
    thread_id = innovation_post.thread_id
    login(convenor)
    response = submit(client, f"/threads/{thread_id}/{action}", {}, form_url="/networks/innovation-leads")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/threads/{thread_id}")
    assert getattr(fresh(Thread, thread_id), flag) is value
    submit(client, f"/threads/{thread_id}/un{action}", {}, form_url="/networks/innovation-leads")
    assert getattr(fresh(Thread, thread_id), flag) is not value
    rows = [(row.action, row.actor_id, row.object_id) for row in audit_rows()]
    assert rows == [(audit, convenor.id, thread_id), (audit.replace(".", ".un"), convenor.id, thread_id)]


def test_locking_twice_is_recorded_once(client: Any, login: Any, secretariat: Any, forum_post: Post) -> None:
    login(secretariat)
    for _ in range(2):
        submit(client, f"/threads/{forum_post.thread_id}/lock", {}, form_url="/networks/skills-forum")
    assert len(audit_rows("thread.locked")) == 1


def test_members_get_403_on_lock_and_pin(client: Any, login: Any, member: Any, forum_post: Post) -> None:
    login(member)
    token = csrf_token(client, "/networks/skills-forum")
    for action in ("lock", "unlock", "pin", "unpin"):
        assert client.post(f"/threads/{forum_post.thread_id}/{action}",
                           data={"csrf_token": token}).status_code == 403
    thread = fresh(Thread, forum_post.thread_id)
    assert not thread.is_locked and not thread.is_pinned and count(AuditEvent) == 0


def test_a_locked_thread_takes_posts_only_from_moderators(db: Any, member: Any, secretariat: Any,
                                                          forum_post: Post) -> None:
    thread = fresh(Thread, forum_post.thread_id)
    lock_thread(secretariat, thread)
    from zone_networks.discussions.queries import membership_for

    thread = fresh(Thread, forum_post.thread_id)
    assert thread.can_view(member, membership_for(member, thread.network_id))
    assert not thread.can_post(member, membership_for(member, thread.network_id))
    assert thread.can_post(secretariat, None)


def test_moderators_see_why_a_post_was_hidden(db: Any, secretariat: Any, forum_post: Post, app: Any,
                                              emitted: list[Any]) -> None:
    hide_post(secretariat, forum_post, "Shares a home address")
    notes = hidden_notes(forum_post.thread_id)
    assert notes[forum_post.id].reason == "Shares a home address"
    assert notes[forum_post.id].moderator == secretariat.name
    post = fresh(Post, forum_post.id)
    with app.test_request_context("/"):
        from flask import render_template_string

        html = render_template_string(
            '{% from "discussions/_moderation.html" import hidden_note, post_controls %}'
            '{{ hidden_note(post) }}{{ post_controls(post, true, "Olwen") }}', post=post)
    assert "Shares a home address" in html and "What do your careers hubs cover?" in html
    assert f"/posts/{post.id}/show" in html and "Show again" in html


def test_the_thread_controls_offer_the_opposite_action(app: Any, db: Any, forum_post: Post) -> None:
    from flask import render_template_string

    thread = fresh(Thread, forum_post.thread_id)
    thread.is_locked = True
    with app.test_request_context("/"):
        html = render_template_string(
            '{% from "discussions/_moderation.html" import thread_controls %}{{ thread_controls(thread) }}',
            thread=thread)
    assert "Unlock thread" in html and "Pin thread" in html and "Unpin" not in html
    db.session.rollback()


def test_members_cannot_show_a_hidden_post(client: Any, login: Any, member: Any, secretariat: Any,
                                           forum_post: Post, emitted: list[Any]) -> None:
    hide_post(secretariat, forum_post, "Off topic")
    login(member)
    assert client.get(f"/posts/{forum_post.id}/show").status_code == 403
    token = csrf_token(client, "/networks/skills-forum")
    assert client.post(f"/posts/{forum_post.id}/show", data={"csrf_token": token}).status_code == 403
    assert fresh(Post, forum_post.id).hidden_at is not None
    assert "Off topic" not in text_of(client.get(f"/threads/{forum_post.thread_id}"))


def test_the_thread_page_shows_moderators_the_controls_and_the_reason(client: Any, login: Any, member: Any,
                                                                      secretariat: Any, forum_post: Post,
                                                                      emitted: list[Any]) -> None:
    other = make_post(fresh(Thread, forum_post.thread_id), member, "Still shown")
    hide_post(secretariat, forum_post, "Shares a home address")
    login(secretariat)
    html = text_of(client.get(f"/threads/{forum_post.thread_id}"))
    assert "Lock thread" in html and "Pin thread" in html
    assert "Shares a home address" in html and f"/posts/{forum_post.id}/show" in html
    assert f"/posts/{other.id}/hide" in html and f"/posts/{other.id}/report" in html
    login(member)
    html = text_of(client.get(f"/threads/{forum_post.thread_id}"))
    assert "Lock thread" not in html and "Shares a home address" not in html
    assert "This message was hidden by a moderator" in html
    assert "What do your careers hubs cover?" not in html
    assert f"/posts/{other.id}/hide" not in html and f"/posts/{other.id}/report" not in html  # their own post
    assert f"/posts/{forum_post.id}/report" not in html  # hidden: nothing to report


def test_the_audit_log_names_the_moderation_and_the_reason(client: Any, login: Any, secretariat: Any,
                                                           forum_post: Post, emitted: list[Any]) -> None:
    hide_post(secretariat, forum_post, "Shares a home address")
    lock_thread(secretariat, fresh(Thread, forum_post.thread_id))
    login(secretariat)
    html = text_of(client.get("/admin/audit"))
    assert "Hid a message in a discussion" in html and "Shares a home address" in html
    assert "Locked a discussion thread" in html
