"""Meeting rooms: one thread with each meeting, open to its invitees, named after it; the command fills gaps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tests.discussions.moderation_support import count, fresh, network
from tests.helpers import submit, text_of
from tests.meetings.support import meeting_form, series_form
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Thread
from zone_networks.discussions.queries import membership_for
from zone_networks.discussions.rooms_meeting import create_missing_rooms
from zone_networks.discussions.rooms_meeting import room_of as find_room
from zone_networks.extensions import db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, add_meeting, create_meeting, update_meeting
from zone_networks.meetings.times import london_to_utc, london_today


def _details(**fields: Any) -> MeetingDetails:
    day = london_today() + timedelta(days=7)
    from datetime import time

    values: dict[str, Any] = {"title": "Spring Skills Forum", "starts_at": london_to_utc(day, time(10)),
                              "ends_at": london_to_utc(day, time(12)), "format": "in_person",
                              "venue": "1 Victoria Street", "status": "scheduled"}
    values.update(fields)
    return MeetingDetails(**values)


@pytest.fixture()
def meeting(secretariat: User, member: Any, official: Any) -> Meeting:
    """A scheduled Skills Forum meeting made through the meetings service."""
    return create_meeting(secretariat, network("skills-forum"), _details())


def room_of(meeting_id: int) -> Thread:
    """The meeting's room (it must exist)."""
    room = find_room(meeting_id)
    assert room is not None
    return room


def rooms() -> list[Thread]:
    """Every meeting room, read fresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(Thread).where(Thread.kind == "meeting").order_by(Thread.id)))


def test_creating_a_meeting_creates_exactly_one_room(meeting: Meeting) -> None:
    [room] = rooms()
    assert room.meeting_id == meeting.id and room.network_id == meeting.network_id
    assert room.title == "Spring Skills Forum" and room.kind == "meeting"
    assert room.post_count == 0 and room.last_seq == 0
    assert room_of(meeting.id).id == room.id


def test_the_meeting_form_creates_exactly_one_room(client: Any, login: Any, secretariat: User) -> None:
    login(secretariat)
    response = submit(client, "/networks/skills-forum/meetings/new",
                      meeting_form(london_today() + timedelta(days=10), title="Autumn forum"))
    assert response.status_code == 303
    [created] = db.session.scalars(select(Meeting)).all()
    [room] = rooms()
    assert room.meeting_id == created.id and room.title == "Autumn forum"


def test_a_rejected_meeting_leaves_no_room(client: Any, login: Any, secretariat: User) -> None:
    login(secretariat)
    response = submit(client, "/networks/skills-forum/meetings/new",
                      meeting_form(london_today() + timedelta(days=10), title=""))
    assert response.status_code == 400
    assert count(Meeting) == 0 and count(Thread) == 0


def test_a_rolled_back_meeting_leaves_no_room(db: Any, secretariat: User) -> None:
    add_meeting(secretariat, network("skills-forum"), _details())
    db.session.rollback()
    assert count(Meeting) == 0 and count(Thread) == 0


def test_each_occurrence_of_a_series_gets_its_own_room(client: Any, login: Any, secretariat: User) -> None:
    login(secretariat)
    response = submit(client, "/networks/innovation-leads/series/new",
                      series_form(london_today() + timedelta(days=3), count="3"))
    assert response.status_code == 303
    made = db.session.scalars(select(Meeting).order_by(Meeting.id)).all()
    assert len(made) == 3
    assert sorted(room.meeting_id or 0 for room in rooms()) == sorted(item.id for item in made)


def test_renaming_the_meeting_renames_its_room(meeting: Meeting, secretariat: User) -> None:
    update_meeting(secretariat, meeting, _details(title="Summer Skills Forum"))
    [room] = rooms()
    assert room.title == "Summer Skills Forum"
    update_meeting(secretariat, fresh(Meeting, meeting.id), _details(title="Summer Skills Forum", venue="Leeds"))
    assert [room.title for room in rooms()] == ["Summer Skills Forum"]


def test_invitees_may_enter_and_post_and_others_get_404(client: Any, login: Any, meeting: Meeting, member: Any,
                                                       official: Any, outsider: Any, convenor: Any) -> None:
    from zone_networks.discussions.services import create_post

    room = room_of(meeting.id)
    for person in (member, official):  # members of any role are invitees
        login(person)
        assert client.get(f"/threads/{room.id}").status_code == 200
    _post, created = create_post(member, fresh(Thread, room.id), "See you on Tuesday")
    assert created and fresh(Thread, room.id).post_count == 1
    login(member)
    response = submit(client, f"/threads/{room.id}/posts", {"body": "Agenda item ideas?"},
                      form_url=f"/threads/{room.id}")
    assert response.status_code == 303
    assert fresh(Thread, room.id).post_count == 2
    for person in (outsider, convenor):  # convenor of another network: not invited
        login(person)
        assert client.get(f"/threads/{room.id}").status_code == 404
        room_thread = fresh(Thread, room.id)
        assert not room_thread.can_post(person, membership_for(person, room_thread.network_id))


def test_a_draft_meetings_room_is_for_its_managers_only(client: Any, login: Any, secretariat: User, member: Any,
                                                        official: Any) -> None:
    draft = create_meeting(secretariat, network("skills-forum"), _details(status="draft"))
    room = room_of(draft.id)
    for person in (member, official):
        login(person)
        assert client.get(f"/threads/{room.id}").status_code == 404
    login(secretariat)
    assert client.get(f"/threads/{room.id}").status_code == 200
    update_meeting(secretariat, fresh(Meeting, draft.id), _details())  # scheduled: now open to invitees
    login(member)
    assert client.get(f"/threads/{room.id}").status_code == 200


def test_the_meeting_page_links_to_the_room_only_for_invitees(client: Any, login: Any, secretariat: User,
                                                              member: Any, outsider: Any) -> None:
    public = create_meeting(secretariat, network("skills-forum"), _details(is_public=True))
    room = room_of(public.id)
    login(member)
    html = text_of(client.get(f"/meetings/{public.id}"))
    assert "Meeting room" in html and f'href="/threads/{room.id}"' in html
    login(outsider)
    page = client.get(f"/meetings/{public.id}")
    assert page.status_code == 200 and "Meeting room" not in text_of(page)
    client.post("/logout")
    with client.session_transaction() as session:
        session.clear()
    page = client.get(f"/meetings/{public.id}")
    assert page.status_code == 200 and "Meeting room" not in text_of(page)


def test_the_draft_meeting_page_hides_the_room_link_from_nobody_who_can_see_it(client: Any, login: Any,
                                                                              secretariat: User) -> None:
    draft = create_meeting(secretariat, network("skills-forum"), _details(status="draft"))
    login(secretariat)
    assert "Meeting room" in text_of(client.get(f"/meetings/{draft.id}"))


def test_the_rooms_command_makes_missing_rooms_once(app: Any, meeting: Meeting, secretariat: User) -> None:
    other = create_meeting(secretariat, network("net-zero"), _details(title="Heat networks"))
    db.session.delete(room_of(meeting.id))
    db.session.delete(room_of(other.id))
    db.session.commit()
    assert rooms() == []
    runner = app.test_cli_runner()
    result = runner.invoke(args=["discussions", "rooms"])
    assert result.exit_code == 0, result.output
    assert "Made 2 meeting room(s)." in result.output
    assert sorted((room.meeting_id, room.title) for room in rooms()) == [
        (meeting.id, "Spring Skills Forum"), (other.id, "Heat networks")]
    again = runner.invoke(args=["discussions", "rooms"])
    assert "Made 0 meeting room(s)." in again.output
    assert create_missing_rooms() == 0 and len(rooms()) == 2
