"""What each calendar is: one meeting, one series, a person's own meetings, or a network's meetings.

Each is built for the person reading it (`ical.Audience`), in their language,
from a fixed number of queries (feed_queries). Nothing here writes.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from zone_networks.meetings import ical
from zone_networks.meetings.calendar_models import CalendarToken
from zone_networks.meetings.feed_queries import (
    answered_meetings,
    memberships_of,
    network_meetings,
    network_series,
    occurrences_of,
)
from zone_networks.meetings.models import Meeting, MeetingSeries, is_invitee, signed_in
from zone_networks.networks.models import Membership, Network


def _audience(user: Any, membership: Membership | None, network_id: int) -> ical.Audience:
    memberships = {network_id: membership} if membership is not None else {}
    return ical.Audience(user=user, memberships=memberships)


def meeting_ics(meeting: Meeting, viewer: Any, membership: Membership | None) -> bytes:
    """One meeting as `viewer` (possibly signed out) may see it."""
    return ical.meeting_calendar(meeting, _audience(viewer, membership, meeting.network_id))


def series_ics(series: MeetingSeries, occurrences: list[Meeting], viewer: Any,
               membership: Membership | None) -> bytes:
    """A whole series as `viewer` may see it; `occurrences` are all of the series' meetings."""
    audience = _audience(viewer, membership, series.network_id)
    if ical.exports_as_series(series, audience):
        return ical.series_calendar(series, occurrences, audience)
    calendar = ical.new_calendar(series.title)
    for meeting in occurrences:
        if audience.can_view(meeting):
            calendar.add_component(ical.meeting_event(meeting, audience))
    return ical.to_ics(calendar)


def can_use_network_feed(token: CalendarToken, network: Network, membership: Membership | None) -> bool:
    """A network's feed is for its active members and the staff; leaving the network ends it at once."""
    return signed_in(token.user) and is_invitee(token.user, membership, network.id)


def personal_feed(token: CalendarToken) -> bytes:
    """The meetings the token's owner said yes or maybe to, with their answer and, if chosen, an alarm."""
    user = token.user
    with force_locale(user.language or "en"):
        found = answered_meetings(user)
        audience = ical.Audience(user=user, memberships=memberships_of(user),
                                 answers={meeting.id: answer for meeting, answer in found}, alarm=token.with_alarm)
        calendar = ical.new_calendar(_("Your meetings (Zone Networks)"), feed=True)
        for meeting, _answer in found:
            calendar.add_component(ical.meeting_event(meeting, audience))
        return ical.to_ics(calendar)


def network_feed(token: CalendarToken, network: Network, membership: Membership | None) -> bytes:
    """A network's meetings as the token's owner may see them: series as repeating events, the rest one by one."""
    user = token.user
    with force_locale(user.language or "en"):
        audience = _audience(user, membership, network.id)
        calendar = ical.new_calendar(_("%(network)s meetings (Zone Networks)", network=network.name), feed=True)
        series_list = [series for series in network_series(network, user) if ical.exports_as_series(series, audience)]
        occurrences = occurrences_of([series.id for series in series_list])
        for series in series_list:
            for component in ical.series_events(series, occurrences[series.id], audience):
                calendar.add_component(component)
        exported = {series.id for series in series_list}
        for meeting in network_meetings(network, user):
            if meeting.series_id not in exported:
                calendar.add_component(ical.meeting_event(meeting, audience))
        return ical.to_ics(calendar)
