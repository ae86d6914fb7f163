"""Meetings as iCalendar (RFC 5545), built with the `icalendar` library and written for one reader.

The same meeting looks different to different people (the link to join is for
invitees only; a personal feed adds the reader's answer and an optional alarm),
so every calendar is built for an `Audience`. Times are written in
Europe/London with a VTIMEZONE generated from zoneinfo, so 10:00 stays 10:00 in
January and July; all-day meetings are DATE values with an exclusive end.

Identity (see meetings/models.py): a stand-alone meeting is `Meeting.uid` with
`SEQUENCE = ical_sequence`. A series is its master event (`MeetingSeries.uid`,
RRULE, DTSTART from `series.starts_at`); cancelled or hidden occurrences become
EXDATEs and occurrences that differ from what the rule says (moved, renamed,
relocated...) become override events with the series' UID and
RECURRENCE-ID = `original_start`. The library escapes and folds all text, so a
title with line breaks, commas, semicolons or "END:VEVENT" cannot break the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, vRecur, vText

from zone_networks.core.clock import as_utc, to_london, utcnow
from zone_networks.core.urls import absolute_url
from zone_networks.meetings.labels import format_label
from zone_networks.meetings.models import Meeting, MeetingSeries, is_invitee, manages_network
from zone_networks.meetings.series_services import occurrence_end
from zone_networks.networks.models import Membership

PRODID = "-//Zone Networks//Meetings//EN"
TZID = "Europe/London"
ALARM_BEFORE = timedelta(days=1)
# How far past the latest date in a calendar its VTIMEZONE reaches (a series' rule may run on without an end).
TIMEZONE_YEARS_AHEAD = 10
ICAL_STATUS = {"draft": "TENTATIVE", "scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


@dataclass
class Audience:
    """Who a calendar is for: what they may see, their answers, and whether they want alarms."""

    user: Any
    memberships: Mapping[int, Membership] = field(default_factory=dict)  # network id -> their membership
    answers: Mapping[int, str] = field(default_factory=dict)  # meeting id -> yes / maybe / waitlisted
    alarm: bool = False

    def membership(self, network_id: int) -> Membership | None:
        """The reader's membership of a network (None if they have none)."""
        return self.memberships.get(network_id)

    def sees_join_link(self, meeting: Meeting) -> bool:
        """Whether the reader may have the meeting's link to join."""
        return meeting.can_see_join_link(self.user, self.membership(meeting.network_id))

    def can_view(self, meeting: Meeting) -> bool:
        """Whether the reader may see the meeting at all."""
        return meeting.can_view(self.user, self.membership(meeting.network_id))


def new_calendar(name: str, *, feed: bool = False) -> Calendar:
    """An empty calendar; a feed also tells calendar apps to check back every hour."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME and X-WR-CALNAME are not typed as TEXT by the library: pass vText so they are escaped too.
    title = " ".join(name.split())
    calendar.add("name", vText(title))
    calendar.add("x-wr-calname", vText(title))
    calendar.add("x-wr-timezone", TZID)
    if feed:
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    return calendar


def to_ics(calendar: Calendar, now: datetime | None = None) -> bytes:
    """The calendar as bytes, with the Europe/London VTIMEZONE first when any time refers to it."""
    if TZID in calendar.get_used_tzids():
        first, last = _years(calendar, now)
        zone = Timezone.from_tzid(TZID, first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
        calendar.subcomponents.insert(0, zone)
    return bytes(calendar.to_ical())


def _years(calendar: Calendar, now: datetime | None) -> tuple[int, int]:
    """The first and last years the VTIMEZONE must cover."""
    this_year = to_london(now or utcnow()).year
    years = [this_year]
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            if name in event:
                years.append(event.decoded(name).year)
    return min(years), max(years) + TIMEZONE_YEARS_AHEAD


def meeting_calendar(meeting: Meeting, audience: Audience) -> bytes:
    """A calendar file holding one meeting, as `audience` may see it."""
    calendar = new_calendar(meeting.title)
    calendar.add_component(meeting_event(meeting, audience))
    return to_ics(calendar)


def series_calendar(series: MeetingSeries, occurrences: Iterable[Meeting], audience: Audience) -> bytes:
    """A calendar file holding a whole series (its rule, exceptions and changed occurrences)."""
    calendar = new_calendar(series.title)
    for component in series_events(series, occurrences, audience):
        calendar.add_component(component)
    return to_ics(calendar)


# Values ---------------------------------------------------------------------------------------------------------

def _moment(value: datetime, all_day: bool) -> date | datetime:
    """A stored UTC instant as written in the file: a London date (all day) or London time with TZID."""
    local = to_london(value)
    return local.date() if all_day else local


def _location(venue: str, meeting_format: str, link: str | None) -> str:
    """Where: the venue on one line; for online meetings the link (invitees) or the word "Online"."""
    place = ", ".join(line.strip() for line in venue.splitlines() if line.strip())
    if meeting_format != "online" and place:
        return place
    if meeting_format != "in_person":
        return link or str(format_label("online"))
    return place


def _description(text: str, meeting_format: str, *, link: str | None, page: str, answer: str | None) -> str:
    """The plain-text notes: the description (Markdown reads well as text), how to attend, the answer, the page."""
    parts = [text.strip()] if text.strip() else []
    lines = [_("How: %(format)s", format=format_label(meeting_format))]
    if link:
        lines.append(_("Join online: %(link)s", link=link))
    if answer:
        lines.append(answer)
    lines.append(_("Meeting page: %(link)s", link=page))
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def answer_words(answer: str | None) -> str | None:
    """The reader's answer, in words for the event's notes."""
    return {
        "yes": _("Your answer: yes, you are coming."),
        "maybe": _("Your answer: maybe."),
        "waitlisted": _("Your answer: yes, and you are on the waiting list for a place."),
    }.get(answer or "")


def _add_common(event: Event, *, title: str, description: str, location: str, status: str, sequence: int,
                created: datetime | None, updated: datetime | None, url: str) -> None:
    event.add("summary", title)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    event.add("status", status)
    event.add("sequence", sequence)
    stamp = as_utc(updated) if updated is not None else utcnow().replace(microsecond=0)
    # Without METHOD-driven scheduling, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2):
    # it keeps the file the same from one download to the next, so calendar apps and ETags see no change.
    event.add("dtstamp", stamp.replace(microsecond=0))
    if updated is not None:
        event.add("last-modified", as_utc(updated).replace(microsecond=0))
    if created is not None:
        event.add("created", as_utc(created).replace(microsecond=0))
    event.add("url", url)


def _add_alarm(event: Event, title: str) -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Tomorrow: %(title)s", title=title))
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)


def _link_for(meeting: Meeting, audience: Audience) -> str | None:
    return meeting.join_link if audience.sees_join_link(meeting) else None


# Events ---------------------------------------------------------------------------------------------------------

def meeting_event(meeting: Meeting, audience: Audience) -> Event:
    """One meeting as a stand-alone VEVENT (its own UID), as `audience` may see it."""
    event = Event()
    event.add("uid", meeting.uid)
    _fill_meeting(event, meeting, audience, sequence=meeting.ical_sequence)
    return event


def _fill_meeting(event: Event, meeting: Meeting, audience: Audience, *, sequence: int) -> None:
    link = _link_for(meeting, audience)
    event.add("dtstart", _moment(meeting.starts_at, meeting.all_day))
    event.add("dtend", _moment(meeting.ends_at, meeting.all_day))
    _add_common(
        event, title=meeting.title, status=ICAL_STATUS.get(meeting.status, "CONFIRMED"), sequence=sequence,
        description=_description(meeting.description, meeting.format, link=link,
                                 page=absolute_url("meetings.show", meeting_id=meeting.id),
                                 answer=answer_words(audience.answers.get(meeting.id))),
        location=_location(meeting.venue, meeting.format, link),
        created=meeting.created_at, updated=meeting.updated_at,
        url=absolute_url("meetings.show", meeting_id=meeting.id),
    )
    if audience.alarm and meeting.status != "cancelled":
        _add_alarm(event, meeting.title)


def exports_as_series(series: MeetingSeries, audience: Audience) -> bool:
    """Whether the series goes out as one repeating event (its rule is for people who may see new occurrences).

    New occurrences of a series that makes drafts are visible to its managers only, so for anyone else
    the rule would announce meetings that do not exist yet: they get the occurrences one by one instead.
    """
    membership = audience.membership(series.network_id)
    if series.occurrence_status == "draft":
        return manages_network(audience.user, membership, series.network)
    return series.can_view(audience.user, membership)


def _expected(series: MeetingSeries, original_start: datetime) -> tuple[Any, ...]:
    """What an occurrence starting at `original_start` looks like if nobody has changed it."""
    return (as_utc(original_start), occurrence_end(series, as_utc(original_start)), series.all_day, series.title,
            series.description, series.venue, series.format, series.join_link,
            ICAL_STATUS.get(series.occurrence_status, "CONFIRMED"))


def _actual(meeting: Meeting) -> tuple[Any, ...]:
    return (as_utc(meeting.starts_at), as_utc(meeting.ends_at), meeting.all_day, meeting.title, meeting.description,
            meeting.venue, meeting.format, meeting.join_link, ICAL_STATUS.get(meeting.status, "CONFIRMED"))


def series_events(series: MeetingSeries, occurrences: Iterable[Meeting], audience: Audience) -> list[Event]:
    """The series' master event (RRULE, EXDATEs) followed by an override for each changed occurrence.

    `occurrences` must be every occurrence of the series (visible or not): those the reader may not see
    and cancelled ones become EXDATEs, so the rule does not show them.
    """
    membership = audience.membership(series.network_id)
    link = series.join_link if series.join_link and series.format != "in_person" \
        and is_invitee(audience.user, membership, series.network_id) else None
    master = Event()
    master.add("uid", series.uid)
    master.add("dtstart", _moment(series.starts_at, series.all_day))
    master.add("dtend", _moment(occurrence_end(series, as_utc(series.starts_at)), series.all_day))
    master.add("rrule", _rule(series))
    _add_common(
        master, title=series.title, status=ICAL_STATUS.get(series.occurrence_status, "CONFIRMED"),
        sequence=series.ical_sequence,
        description=_description(series.description, series.format, link=link,
                                 page=absolute_url("meetings.show_series", series_id=series.id), answer=None),
        location=_location(series.venue, series.format, link), created=series.created_at,
        updated=series.updated_at, url=absolute_url("meetings.show_series", series_id=series.id),
    )
    excluded: list[date | datetime] = []
    overrides: list[Event] = []
    for meeting in occurrences:
        if meeting.original_start is None:
            continue
        original = _moment(meeting.original_start, series.all_day)
        if meeting.status == "cancelled" or not audience.can_view(meeting):
            excluded.append(original)
        elif _actual(meeting) != _expected(series, meeting.original_start):
            override = Event()
            override.add("uid", series.uid)
            override.add("recurrence-id", original)
            _fill_meeting(override, meeting, audience, sequence=max(series.ical_sequence, meeting.ical_sequence))
            overrides.append(override)
    if excluded:
        master.add("exdate", sorted(excluded, key=_sort_key))
    return [master, *overrides]


def _sort_key(value: date | datetime) -> str:
    return value.isoformat()


def _rule(series: MeetingSeries) -> vRecur:
    """The stored RRULE; with an all-day (DATE) start, UNTIL must be a DATE too (RFC 5545 3.3.10)."""
    rule = vRecur.from_ical(series.rrule)
    if series.all_day and "UNTIL" in rule:
        until = rule["UNTIL"][0]
        if isinstance(until, datetime):
            rule["UNTIL"] = [to_london(until).date()]
    return rule
