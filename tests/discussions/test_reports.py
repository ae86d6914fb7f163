"""Reports: anyone who can see a post reports it once; the network's moderators see the queue and resolve it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discussions.moderation_support import (
    audit_rows,
    count,
    fresh,
    make_post,
    make_thread,
    network,
    reports_of,
)
from tests.factories import make_user
from tests.helpers import csrf_token, submit, text_of
from zone_networks.discussions.models import Post, PostReport
from zone_networks.discussions.moderation import ModerationError
from zone_networks.discussions.reports import open_report_count, report_post
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


@pytest.fixture(autouse=True)
def quiet_broadcast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hiding broadcasts after the commit; these tests only look at the database."""
    from zone_networks.discussions import broadcast

    monkeypatch.setattr(broadcast, "emit_post", lambda *args, **kwargs: None)


@pytest.fixture()
def forum_post(member: Any, official: Any) -> Post:
    """The official's post in a Skills Forum thread; the member may see and report it."""
    thread = make_thread("skills-forum", official, "Careers hubs")
    return make_post(thread, official, "What do your **careers hubs** cover?")


def _second_member() -> Any:
    person = make_user("second@humber.example", "humber-freeport", name="Sara Second")
    db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, role="member",
                              status="active"))
    db.session.commit()
    return person


def test_a_member_reports_a_post_once(client: Any, login: Any, member: Any, forum_post: Post) -> None:
    login(member)
    assert f"/posts/{forum_post.id}/report" in text_of(client.get(f"/threads/{forum_post.thread_id}"))
    page = client.get(f"/posts/{forum_post.id}/report")
    assert page.status_code == 200 and "careers hubs" in text_of(page)
    response = submit(client, f"/posts/{forum_post.id}/report", {"reason": "Not about skills"},
                      follow_redirects=True)
    assert "Your report has been sent" in text_of(response)
    [report] = reports_of(forum_post)
    assert report.reporter_id == member.id and report.reason == "Not about skills" and report.resolved_at is None
    again = client.get(f"/posts/{forum_post.id}/report", follow_redirects=True)
    assert "You have already reported this message" in text_of(again)
    token = csrf_token(client, "/networks/skills-forum")
    second = client.post(f"/posts/{forum_post.id}/report", data={"reason": "Again", "csrf_token": token},
                         follow_redirects=True)
    assert "You have already reported this message" in text_of(second)
    assert len(reports_of(forum_post)) == 1


def test_the_service_refuses_a_second_report_without_writing(db: Any, member: Any, forum_post: Post) -> None:
    assert report_post(member, forum_post, "First") is True
    assert report_post(member, forum_post, "Second") is False
    assert [report.reason for report in reports_of(forum_post)] == ["First"]


@pytest.mark.parametrize("reason, message", [
    ("", "Enter why you are reporting this message"),
    ("x" * 1001, "Reason must be 1,000 characters or fewer"),
])
def test_a_report_needs_a_short_reason(client: Any, login: Any, member: Any, forum_post: Post, reason: str,
                                       message: str) -> None:
    login(member)
    response = submit(client, f"/posts/{forum_post.id}/report", {"reason": reason})
    assert response.status_code == 400
    assert "There is a problem" in text_of(response) and message in text_of(response)
    assert count(PostReport) == 0


def test_people_who_cannot_see_the_post_cannot_report_it(client: Any, login: Any, outsider: Any, convenor: Any,
                                                         official: Any, forum_post: Post) -> None:
    for person in (outsider, convenor):
        login(person)
        assert client.get(f"/posts/{forum_post.id}/report").status_code == 404
        token = csrf_token(client, "/networks/skills-forum")
        response = client.post(f"/posts/{forum_post.id}/report", data={"reason": "x", "csrf_token": token})
        assert response.status_code == 404
    login(official)  # the author does not report their own post
    assert client.get(f"/posts/{forum_post.id}/report").status_code == 404
    assert client.get("/posts/999999/report").status_code == 404
    assert count(PostReport) == 0
    with pytest.raises(PermissionError):
        report_post(outsider, forum_post, "x")
    with pytest.raises(ModerationError):
        report_post(official, forum_post, "x")


def test_anonymous_visitors_are_sent_to_sign_in(client: Any, forum_post: Post) -> None:
    response = client.get(f"/posts/{forum_post.id}/report")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_hidden_post_cannot_be_reported(client: Any, login: Any, member: Any, forum_post: Post) -> None:
    post = fresh(Post, forum_post.id)
    post.hidden_at = post.created_at
    db.session.commit()
    login(member)
    assert client.get(f"/posts/{forum_post.id}/report").status_code == 404
    with pytest.raises(ModerationError):
        report_post(member, fresh(Post, forum_post.id), "x")


def test_moderators_see_the_queue_and_others_get_404(client: Any, login: Any, member: Any, official: Any,
                                                      secretariat: Any, convenor: Any, outsider: Any,
                                                      forum_post: Post) -> None:
    report_post(member, forum_post, "Not about skills")
    convenor_of_forum = make_user("forum.convenor@humber.example", "humber-freeport", name="Fran Forum")
    db.session.add(Membership(user_id=convenor_of_forum.id, network_id=network("skills-forum").id,
                              role="convenor", status="active"))
    db.session.commit()
    for person in (secretariat, convenor_of_forum):
        login(person)
        page = client.get("/networks/skills-forum/reports")
        assert page.status_code == 200
        html = text_of(page)
        assert "Not about skills" in html and "Mina Member" in html and "Careers hubs" in html
        assert "Dismiss reports" in html and f"/posts/{forum_post.id}/hide?from=reports" in html
    for person in (member, official, outsider, convenor):
        login(person)
        assert client.get("/networks/skills-forum/reports").status_code == 404
    assert client.get("/networks/no-such-network/reports").status_code == 404


def test_anonymous_visitors_cannot_see_the_queue(client: Any) -> None:
    response = client.get("/networks/skills-forum/reports")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_queue_lists_only_the_networks_open_reports(client: Any, login: Any, member: Any, convenor: Any,
                                                        secretariat: Any, forum_post: Post) -> None:
    other_thread = make_thread("net-zero", member, "Heat networks")
    other_post = make_post(other_thread, member, "Net zero message")
    second = _second_member()
    report_post(second, forum_post, "Reason one")
    db.session.add(PostReport(post_id=other_post.id, reporter_id=secretariat.id, reason="Elsewhere"))
    db.session.commit()
    login(secretariat)
    html = text_of(client.get("/networks/skills-forum/reports"))
    assert "Reason one" in html and "Elsewhere" not in html
    assert open_report_count(network("skills-forum").id) == 1
    assert open_report_count(network("net-zero").id) == 1
    assert open_report_count(network("innovation-leads").id) == 0


def test_reporters_never_see_who_else_reported(client: Any, login: Any, member: Any, forum_post: Post) -> None:
    report_post(member, forum_post, "Mina's reason")
    second = _second_member()
    login(second)
    page = text_of(client.get(f"/posts/{forum_post.id}/report"))
    assert "Mina" not in page and "Mina's reason" not in page
    response = submit(client, f"/posts/{forum_post.id}/report", {"reason": "Sara's reason"}, follow_redirects=True)
    assert "Mina" not in text_of(response) and "Mina's reason" not in text_of(response)
    assert len(reports_of(forum_post)) == 2


def test_dismissing_closes_the_reports_and_keeps_the_post(client: Any, login: Any, member: Any,
                                                          secretariat: Any, forum_post: Post) -> None:
    report_post(member, forum_post, "One")
    report_post(_second_member(), forum_post, "Two")
    login(secretariat)
    response = submit(client, f"/posts/{forum_post.id}/reports/dismiss", {},
                      form_url="/networks/skills-forum/reports", follow_redirects=True)
    assert "Reports dismissed" in text_of(response) and "There are no reports to review" in text_of(response)
    assert {(report.outcome, report.resolved_by_id) for report in reports_of(forum_post)} == {
        ("dismissed", secretariat.id)}
    assert fresh(Post, forum_post.id).hidden_at is None
    [event] = audit_rows("post.reports_dismissed")
    assert event.actor_id == secretariat.id and event.details["reports"] == 2


def test_members_cannot_dismiss_and_strangers_get_404(client: Any, login: Any, member: Any, outsider: Any,
                                                      forum_post: Post) -> None:
    report_post(member, forum_post, "One")
    login(member)
    token = csrf_token(client, "/networks/skills-forum")
    assert client.post(f"/posts/{forum_post.id}/reports/dismiss", data={"csrf_token": token}).status_code == 403
    login(outsider)
    token = csrf_token(client, "/account")
    assert client.post(f"/posts/{forum_post.id}/reports/dismiss", data={"csrf_token": token}).status_code == 404
    assert [report.resolved_at for report in reports_of(forum_post)] == [None]
    assert audit_rows() == []


def test_hiding_from_the_queue_closes_every_report_and_returns_to_the_queue(client: Any, login: Any,
                                                                            member: Any, secretariat: Any,
                                                                            forum_post: Post) -> None:
    report_post(member, forum_post, "One")
    report_post(_second_member(), forum_post, "Two")
    login(secretariat)
    url = f"/posts/{forum_post.id}/hide?from=reports"
    response = submit(client, url, {"reason": "Breaks the rules"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/networks/skills-forum/reports")
    assert {report.outcome for report in reports_of(forum_post)} == {"hidden"}
    assert open_report_count(network("skills-forum").id) == 0


def test_the_reports_link_shows_the_count_to_moderators(app: Any, member: Any, forum_post: Post) -> None:
    from flask import render_template_string

    forum = network("skills-forum")
    template = '{% from "discussions/_moderation.html" import reports_link %}{{ reports_link(network) }}'
    with app.test_request_context("/"):
        assert "report" not in render_template_string(template, network=forum)
    report_post(member, forum_post, "One")
    with app.test_request_context("/"):
        html = render_template_string(template, network=forum)
    assert "1 report to review" in html and "/networks/skills-forum/reports" in html


def test_the_queue_runs_a_bounded_number_of_queries(client: Any, login: Any, secretariat: Any, official: Any,
                                                    member: Any, count_queries: Any) -> None:
    thread = make_thread("skills-forum", official, "Many reports")
    posts = [make_post(thread, official, f"Message {number}") for number in range(12)]
    login(secretariat)

    def _measure() -> int:
        with count_queries() as statements:
            assert client.get("/networks/skills-forum/reports").status_code == 200
        return len(statements)

    report_post(member, posts[0], "Only one")
    few = _measure()
    for post in posts[1:]:
        report_post(member, post, "Another")
    assert _measure() == few


def test_two_reports_sent_at_once_store_one(monkeypatch: pytest.MonkeyPatch, db: Any, member: Any,
                                            forum_post: Post) -> None:
    """The unique (post, reporter) pair settles a race the first check cannot see; the loser writes nothing."""
    from zone_networks.discussions import reports

    assert report_post(member, forum_post, "First") is True
    monkeypatch.setattr(reports, "has_reported", lambda user, post_id: False)  # as if the first were not committed
    assert report_post(member, fresh(Post, forum_post.id), "Second") is False
    assert [report.reason for report in reports_of(forum_post)] == ["First"]
