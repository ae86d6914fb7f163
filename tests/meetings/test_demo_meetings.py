"""Demo meetings: the forum cycle is there after the demo command's people, and a second run changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.helpers import text_of
from zone_networks.demo import DEFAULT_SEED
from zone_networks.demo.services import build_demo_data
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.demo import FORUM_UID, build_demo_meetings
from zone_networks.meetings.minutes_models import Minutes
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.rsvp_models import Attendance, Rsvp


def _counts(db) -> tuple[int, ...]:
    db.session.expire_all()
    return tuple(int(db.session.scalar(select(func.count()).select_from(model)) or 0)
                 for model in (Meeting, MeetingSeries, Minutes, ActionItem, Attendance, Rsvp))


def test_demo_meetings_are_idempotent_and_tell_the_forum_story(client, db) -> None:
    assert build_demo_meetings() == 0  # no demo secretariat yet: nothing to do
    build_demo_data(seed=DEFAULT_SEED)  # the demo command adds the meetings too
    first = _counts(db)
    assert first[0] > 0
    assert build_demo_meetings() == 0
    assert _counts(db) == first

    forum = db.session.scalars(select(MeetingSeries).where(MeetingSeries.uid == FORUM_UID)).one()
    occurrences = list(db.session.scalars(select(Meeting).where(Meeting.series_id == forum.id)
                                          .order_by(Meeting.original_start)))
    past, upcoming = occurrences[0], occurrences[1]
    assert past.status == "held" and upcoming.status == "scheduled"
    assert db.session.scalars(select(Minutes).where(Minutes.meeting_id == past.id)).one().status == "published"
    actions = list(db.session.scalars(select(ActionItem).where(ActionItem.meeting_id == past.id)))
    assert {action.status for action in actions} == {"open", "done"}
    assert any(action.is_overdue() for action in actions)
    confirmed = db.session.scalar(select(func.count(Rsvp.id)).where(Rsvp.meeting_id == upcoming.id,
                                                                    Rsvp.status == "confirmed"))
    assert upcoming.seats_taken == confirmed > 0
    # The forum is public: anyone can find it.
    body = text_of(client.get("/meetings"))
    assert "Industrial Strategy Zones Skills Forum" in body
    assert client.get(f"/meetings/{past.id}").status_code == 200
    assert any(meeting.status == "draft" for meeting in db.session.scalars(select(Meeting)))
