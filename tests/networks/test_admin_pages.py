"""The secretariat's home, join requests across networks, and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers import submit, text_of
from tests.networks.support import add_membership, audit_events, membership
from zone_networks.core.audit import AuditEvent, record
from zone_networks.extensions import db as _db


def test_admin_home_links_and_counts(client, db, login, secretariat, outsider) -> None:
    add_membership(outsider, "skills-forum", status="requested")
    login(secretariat)
    body = text_of(client.get("/admin"))
    assert 'href="/admin/invitations"' in body
    assert 'href="/admin/requests"' in body
    assert 'href="/admin/audit"' in body
    assert "1 request is waiting for a decision." in body
    assert "0 invitations are waiting to be accepted." in body
    assert 'href="/networks/net-zero/members"' in body


def test_service_navigation_shows_secretariat_only_to_staff(client, db, login, secretariat, member) -> None:
    login(member)
    assert 'href="/admin"' not in text_of(client.get("/"))
    login(secretariat)
    assert 'href="/admin"' in text_of(client.get("/"))


def test_admin_requests_lists_every_network(client, db, login, secretariat, outsider, official) -> None:
    add_membership(outsider, "skills-forum", status="requested", note="Skills in Wrexham")
    add_membership(outsider, "innovation-leads", status="requested", note="Innovation in Wrexham")
    login(secretariat)
    body = text_of(client.get("/admin/requests"))
    assert "Skills in Wrexham" in body and "Innovation in Wrexham" in body
    assert "2 requests waiting for a decision" in body


def test_admin_requests_decline_returns_to_list(client, db, login, secretariat, outsider, outbox) -> None:
    item = add_membership(outsider, "skills-forum", status="requested")
    login(secretariat)
    response = submit(client, f"/networks/skills-forum/requests/{item.id}/decline", {"next": "/admin/requests"},
                      form_url="/admin/requests")
    assert response.headers["Location"].endswith("/admin/requests")
    assert membership(outsider, "skills-forum").status == "declined"
    assert "There are no join requests waiting." in text_of(client.get("/admin/requests"))


def test_audit_log_shows_who_what_and_when_in_london_time(client, db, login, secretariat, outsider) -> None:
    item = add_membership(outsider, "skills-forum", status="requested")
    login(secretariat)
    submit(client, f"/networks/skills-forum/requests/{item.id}/approve", {}, form_url="/admin/requests")
    [event] = audit_events("membership.approved")
    event.created_at = datetime(2026, 7, 1, 12, 30, tzinfo=UTC)  # 1:30pm BST
    _db.session.commit()
    body = text_of(client.get("/admin/audit"))
    assert "Sam Secretariat" in body
    assert "Approved a join request" in body
    assert "Owain Outsider (outsider@wrexham.example)" in body
    assert "1 July 2026 at 1:30" in body


def test_audit_log_names_command_line_actions(client, db, login, secretariat) -> None:
    record(None, "invitation.created", "invitation", 1, email="cli@example.gov.uk", source="cli",
           networks=[{"network": "net-zero", "role": "member"}])
    _db.session.commit()
    login(secretariat)
    body = text_of(client.get("/admin/audit"))
    assert "System (command line)" in body and "cli@example.gov.uk" in body


def test_audit_log_is_paginated(client, db, login, secretariat) -> None:
    for number in range(60):
        record(secretariat, "membership.removed", "membership", number, network="net-zero",
               user_email=f"p{number}@example.gov.uk", user_name=f"Person {number}")
    _db.session.commit()
    login(secretariat)
    first = text_of(client.get("/admin/audit"))
    assert "60 events" in first
    assert "p59@example.gov.uk" in first and "p5@example.gov.uk" not in first
    assert 'href="/admin/audit?page=2"' in first
    second = text_of(client.get("/admin/audit?page=2"))
    assert "p5@example.gov.uk" in second and "p59@example.gov.uk" not in second
    assert client.get("/admin/audit?page=3").status_code == 404
    assert client.get("/admin/audit?page=abc").status_code == 200


def test_audit_page_query_count_is_bounded(client, db, login, secretariat, count_queries) -> None:
    login(secretariat)

    def queries() -> int:
        with count_queries() as statements:
            assert client.get("/admin/audit").status_code == 200
        return len(statements)

    record(secretariat, "membership.removed", "membership", 1)
    _db.session.commit()
    few = queries()
    for number in range(40):
        record(secretariat if number % 2 else None, "membership.removed", "membership", number)
    _db.session.commit()
    assert queries() == few
    assert _db.session.query(AuditEvent).count() == 41
