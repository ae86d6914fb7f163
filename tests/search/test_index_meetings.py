"""The index follows meetings and minutes: status, public flag, edits, versions, publication, deletion."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.search.index_support import entry, network
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.fulltext import engine
from zone_networks.meetings import minutes_services
from zone_networks.meetings.minutes_models import Minutes, MinutesVersion
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.services import MeetingDetails, create_meeting, update_meeting


def _meeting(actor: Any, *, status: str = "scheduled", is_public: bool = False) -> Meeting:
    start = (utcnow() + timedelta(days=-7 if status == "held" else 7)).replace(microsecond=0)
    details = MeetingDetails(title="Spring forum", starts_at=start, ends_at=start + timedelta(hours=2),
                             description="We discuss **apprenticeships**", venue="Guildhall, Hull",
                             status=status, is_public=is_public)
    return create_meeting(actor, network("skills-forum"), details)


@pytest.mark.parametrize(("status", "is_public", "audience"), [
    ("draft", False, "convenors"), ("draft", True, "convenors"), ("scheduled", False, "network"),
    ("scheduled", True, "public"), ("cancelled", True, "public"), ("held", True, "public"),
    ("held", False, "network"),
])
def test_a_meetings_audience_matches_who_may_see_it(db: Any, secretariat: Any, status: str, is_public: bool,
                                                   audience: str) -> None:
    meeting = _meeting(secretariat, status=status, is_public=is_public)
    indexed = entry("meeting", meeting.id)
    assert indexed is not None
    assert (indexed.audience, indexed.network_id) == (audience, network("skills-forum").id)
    assert indexed.title == "Spring forum"
    assert "We discuss apprenticeships" in indexed.body and "Guildhall, Hull" in indexed.body


def test_edits_through_the_service_are_indexed(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat, status="draft")
    details = MeetingDetails.of(meeting)
    details.title = "Autumn forum"
    details.venue = "Town Hall, Grimsby"
    details.status = "scheduled"
    details.is_public = True
    update_meeting(secretariat, meeting, details)
    indexed = entry("meeting", meeting.id)
    assert indexed is not None
    assert (indexed.title, indexed.audience) == ("Autumn forum", "public")
    assert "Grimsby" in indexed.body and "Hull" not in indexed.body


def test_changes_that_do_not_touch_the_entry_do_not_rewrite_it(db: Any, secretariat: Any,
                                                              count_queries: Any) -> None:
    meeting = _meeting(secretariat)
    meeting.seats_taken = 3
    with count_queries() as statements:
        db.session.commit()
    assert not any("search_entries" in statement for statement in statements)


def _minutes(actor: Any, meeting: Meeting, body: str) -> Minutes:
    minutes_services.save_version(actor, meeting, body, "first")
    return db.session.query(Minutes).filter_by(meeting_id=meeting.id).one()


def test_minutes_follow_their_cycle(db: Any, secretariat: Any, member: Any, convenor: Any) -> None:
    meeting = _meeting(secretariat, is_public=True)
    minutes = _minutes(secretariat, meeting, "Agreed to fund **bootcamps**")
    indexed = entry("minutes", minutes.id)
    assert indexed is not None
    assert (indexed.title, indexed.audience) == ("Spring forum", "convenors")
    assert indexed.body == "Agreed to fund bootcamps"
    assert engine.search(member, "bootcamps").total == 0
    minutes_services.save_version(secretariat, meeting, "Agreed to fund welding bootcamps", "second")
    assert entry("minutes", minutes.id).body == "Agreed to fund welding bootcamps"  # type: ignore[union-attr]
    for step in ("circulate", "agree"):
        minutes_services.advance(secretariat, meeting, step)
        assert entry("minutes", minutes.id).audience == "convenors"  # type: ignore[union-attr]
    minutes_services.advance(secretariat, meeting, "publish")
    assert entry("minutes", minutes.id).audience == "public"  # type: ignore[union-attr]
    assert engine.search(None, "welding bootcamps").kind_counts == {"minutes": 1}


def test_published_minutes_follow_their_meetings_audience(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat, is_public=True)
    minutes = Minutes(meeting_id=meeting.id, status="published", published_at=utcnow())
    db.session.add(minutes)
    db.session.flush()
    db.session.add(MinutesVersion(minutes_id=minutes.id, number=1, body="Harbour dredging"))
    db.session.commit()
    assert entry("minutes", minutes.id).audience == "public"  # type: ignore[union-attr]
    meeting.is_public = False
    db.session.commit()
    assert entry("minutes", minutes.id).audience == "network"  # type: ignore[union-attr]
    meeting.title = "Renamed forum"
    meeting.status = "draft"
    db.session.commit()
    indexed = entry("minutes", minutes.id)
    assert indexed is not None and (indexed.title, indexed.audience) == ("Renamed forum", "convenors")


def test_minutes_without_any_text_are_not_indexed(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat)
    minutes = Minutes(meeting_id=meeting.id, status="draft")
    db.session.add(minutes)
    db.session.commit()
    assert entry("minutes", minutes.id) is None


def test_deleting_a_meeting_removes_it_and_its_minutes(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat)
    minutes = _minutes(secretariat, meeting, "Notes")
    db.session.expunge_all()
    db.session.delete(db.session.get(Meeting, meeting.id))
    db.session.commit()
    assert entry("meeting", meeting.id) is None
    assert entry("minutes", minutes.id) is None


def test_deleting_minutes_removes_their_entry(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat)
    minutes = _minutes(secretariat, meeting, "Notes")
    db.session.delete(minutes)
    db.session.commit()
    assert entry("minutes", minutes.id) is None
    assert entry("meeting", meeting.id) is not None


def test_a_rolled_back_minutes_version_leaves_the_old_text(db: Any, secretariat: Any) -> None:
    meeting = _meeting(secretariat)
    minutes = _minutes(secretariat, meeting, "First text")
    db.session.add(MinutesVersion(minutes_id=minutes.id, number=2, body="Second text"))
    db.session.flush()
    db.session.rollback()
    assert entry("minutes", minutes.id).body == "First text"  # type: ignore[union-attr]
