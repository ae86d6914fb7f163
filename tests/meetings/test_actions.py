"""Action items: recording them, who changes their status, the owner's home page, and the network's action log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import submit, text_of
from tests.meetings.conftest import network
from zone_networks.extensions import db as _db
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.times import london_today
from zone_networks.networks.models import Membership


def actions() -> list[ActionItem]:
    """Every action as stored now, oldest first."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(ActionItem).order_by(ActionItem.id)))


def record(client: Any, meeting: Meeting, owner: Any, description: str = "Share the pilot report",
           due: Any = None) -> Any:
    """Post the action form."""
    day = due or london_today() + timedelta(days=30)
    return submit(client, f"/meetings/{meeting.id}/actions/new",
                  {"description": description, "owner": str(owner.id),
                   "due": [str(day.day), str(day.month), str(day.year)]})


def add(meeting: Meeting, owner: Any, description: str, status: str = "open", days: int = 30,
        zone_id: int | None = None) -> ActionItem:
    """Write an action directly."""
    action = ActionItem(meeting_id=meeting.id, network_id=meeting.network_id, description=description,
                        owner_id=owner.id, owner_zone_id=zone_id, due_date=london_today() + timedelta(days=days),
                        status=status)
    _db.session.add(action)
    _db.session.commit()
    return action


def test_manager_records_an_action_with_the_owners_zone(client: Any, login: Any, secretariat: Any, member: Any,
                                                        make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    assert record(client, meeting, member).status_code == 303
    [action] = actions()
    assert (action.owner_id, action.status, action.network_id) == (member.id, "open", meeting.network_id)
    assert action.owner_zone_id == member.zone.id
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Share the pilot report" in page and member.zone.name in page


def test_action_form_errors(client: Any, login: Any, secretariat: Any, outsider: Any, make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    response = submit(client, f"/meetings/{meeting.id}/actions/new",
                      {"description": "", "owner": str(outsider.id), "due": ["31", "2", "2027"]})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Enter what needs to be done" in page
    assert "Choose who will do it" in page and "Due date must be a real date" in page
    assert actions() == []


def test_only_managers_record_actions(client: Any, login: Any, member: Any, outsider: Any,
                                      make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(member)
    assert client.get(f"/meetings/{meeting.id}/actions/new").status_code == 403
    login(outsider)
    assert client.get(f"/meetings/{meeting.id}/actions/new").status_code == 404


def test_owner_and_managers_change_status(client: Any, login: Any, member: Any, official: Any, secretariat: Any,
                                          make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    action = add(meeting, member, "Write it up")
    url = f"/meetings/{meeting.id}/actions/{action.id}/status"
    login(official)  # a member of the network, not the owner
    assert client.get(url).status_code == 403
    login(member)
    assert submit(client, url, {"status": "done"}).status_code == 303
    done = actions()[0]
    assert done.status == "done" and done.completed_at is not None
    bad = submit(client, url, {"status": "finished"})
    assert bad.status_code == 400 and "Select the status of the action" in text_of(bad)
    login(secretariat)
    assert submit(client, url, {"status": "dropped"}).status_code == 303
    assert actions()[0].status == "dropped"


def test_status_of_an_action_of_another_meeting_is_404(client: Any, login: Any, member: Any,
                                                      make_meeting: Any) -> None:
    meeting, other = make_meeting(days=-1, status="held"), make_meeting(days=-2, status="held")
    action = add(meeting, member, "Write it up")
    login(member)
    assert client.get(f"/meetings/{other.id}/actions/{action.id}/status").status_code == 404


def test_owner_sees_open_actions_on_home_page(client: Any, login: Any, member: Any, official: Any,
                                              make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    add(meeting, member, "Late thing", days=-3)
    add(meeting, member, "Finished thing", status="done")
    add(meeting, official, "Someone else's thing")
    login(member)
    page = text_of(client.get("/"))
    assert "Your actions" in page and "Late thing" in page and "Overdue" in page
    assert "Finished thing" not in page and "Someone else&#39;s thing" not in page
    login(official)
    assert "Late thing" not in text_of(client.get("/"))


def test_action_log_filters(client: Any, login: Any, member: Any, official: Any, make_meeting: Any) -> None:
    first = make_meeting(days=-30, status="held", title="Autumn forum")
    second = make_meeting(days=-2, status="held", title="Winter forum")
    humber = member.zone.id
    add(first, member, "Humber overdue", days=-5, zone_id=humber)
    add(first, official, "Welsh open", days=10)
    add(second, member, "Humber done", status="done", zone_id=humber)
    add(make_meeting("net-zero", days=-2, status="held"), member, "Net zero one", zone_id=humber)
    login(official)
    base = "/networks/skills-forum/actions"
    page = text_of(client.get(base))
    assert "3 actions" in page and "Net zero one" not in page
    assert 'govuk-tag--red' in page  # the overdue one is highlighted
    page = text_of(client.get(f"{base}?zone={humber}"))
    assert "Humber overdue" in page and "Humber done" in page and "Welsh open" not in page
    page = text_of(client.get(f"{base}?zone={humber}&status=open"))
    assert "Humber overdue" in page and "Humber done" not in page
    page = text_of(client.get(f"{base}?meeting={second.id}"))
    assert "Humber done" in page and "Humber overdue" not in page
    page = text_of(client.get(f"{base}?status=nonsense&zone=abc"))
    assert "3 actions" in page


def test_action_log_is_for_the_networks_members(client: Any, login: Any, outsider: Any, convenor: Any,
                                                secretariat: Any) -> None:
    base = "/networks/skills-forum/actions"
    assert client.get(base).status_code == 302  # sign in first
    login(outsider)
    assert client.get(base).status_code == 403
    login(convenor)
    assert client.get(base).status_code == 403
    login(secretariat)
    assert client.get(base).status_code == 200
    assert client.get("/networks/no-such-network/actions").status_code == 404


def test_action_log_paginates_with_bounded_queries(client: Any, login: Any, member: Any, official: Any,
                                                   make_meeting: Any, count_queries: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    for number in range(60):
        person = make_user(f"p{number}@example.gov.uk", "humber-freeport")
        _db.session.add(Membership(user_id=person.id, network_id=network("skills-forum").id, status="active"))
        _db.session.add(ActionItem(meeting_id=meeting.id, network_id=meeting.network_id,
                                   description=f"Action {number}", owner_id=person.id, status="open"))
    _db.session.commit()
    login(official)
    with count_queries() as queries:
        response = client.get("/networks/skills-forum/actions")
    assert response.status_code == 200 and "page=2" in text_of(response)
    assert len(queries) <= 15
    assert client.get("/networks/skills-forum/actions?page=2").status_code == 200
    assert client.get("/networks/skills-forum/actions?page=3").status_code == 404
