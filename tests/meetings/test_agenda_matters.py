"""Matters arising: open actions from earlier meetings of the series (one-offs: of the network) top the agenda."""

from __future__ import annotations

from typing import Any

from tests.helpers import text_of
from tests.meetings.conftest import network
from zone_networks.extensions import db as _db
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.models import Meeting, MeetingSeries


def action(meeting: Meeting, description: str, owner: Any, status: str = "open") -> None:
    """Record an action at `meeting`."""
    _db.session.add(ActionItem(meeting_id=meeting.id, network_id=meeting.network_id, description=description,
                               owner_id=owner.id, status=status))
    _db.session.commit()


def test_open_actions_from_earlier_meetings_of_the_network(client: Any, login: Any, member: Any,
                                                           make_meeting: Any) -> None:
    earlier = make_meeting(days=-30, status="held")
    action(earlier, "Share the levy pilot report", member)
    action(earlier, "Finished already", member, status="done")
    other_network = make_meeting("net-zero", days=-30, status="held")
    action(other_network, "Net zero homework", member)
    upcoming = make_meeting(days=7)
    later = make_meeting(days=60)
    action(later, "From the future", member)
    login(member)
    page = text_of(client.get(f"/meetings/{upcoming.id}"))
    assert "Matters arising" in page and "Share the levy pilot report" in page
    assert "Finished already" not in page and "Net zero homework" not in page and "From the future" not in page
    # The earlier meeting's own page does not list its own actions as matters arising.
    assert "Matters arising" not in text_of(client.get(f"/meetings/{earlier.id}"))


def test_series_meetings_only_take_actions_from_the_same_series(client: Any, login: Any, member: Any,
                                                                secretariat: Any, make_meeting: Any) -> None:
    series = MeetingSeries(network_id=network("skills-forum").id, uid="s1@test", title="Series",
                           rrule="FREQ=MONTHLY", starts_at=make_meeting(days=-40).starts_at, duration_minutes=60)
    _db.session.add(series)
    _db.session.commit()
    first = make_meeting(days=-30, status="held")
    first.series_id = series.id
    one_off = make_meeting(days=-20, status="held")
    nxt = make_meeting(days=10)
    nxt.series_id = series.id
    _db.session.commit()
    action(first, "Series action", member)
    action(one_off, "One-off action", member)
    login(member)
    page = text_of(client.get(f"/meetings/{nxt.id}"))
    assert "Series action" in page and "One-off action" not in page


def test_matters_arising_are_not_shown_to_the_public(client: Any, member: Any, make_meeting: Any) -> None:
    earlier = make_meeting(days=-30, status="held")
    action(earlier, "Members-only action", member)
    public = make_meeting(days=7, is_public=True)
    page = text_of(client.get(f"/meetings/{public.id}"))
    assert "Members-only action" not in page
