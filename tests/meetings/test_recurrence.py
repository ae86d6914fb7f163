"""Recurrence rules: canonical form, what is refused, and occurrences in UK wall time across BST/GMT."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from zone_networks.meetings.recurrence import (
    RecurrenceError,
    check_first_start_fits,
    describe_rule,
    normalise_rule,
    nth_weekday_code,
    occurrences,
    preset_rule,
    with_end,
)
from zone_networks.meetings.times import london_to_utc, london_wall


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def test_rules_are_made_canonical() -> None:
    assert normalise_rule(" rrule: byday=2tu; freq=monthly ") == "FREQ=MONTHLY;BYDAY=2TU"
    assert normalise_rule("FREQ=MONTHLY;INTERVAL=6;COUNT=4") == "FREQ=MONTHLY;INTERVAL=6;COUNT=4"
    # A date-only UNTIL means the end of that UK day, stored in UTC as RFC 5545 requires with a TZID DTSTART.
    assert normalise_rule("FREQ=WEEKLY;UNTIL=20270630") == "FREQ=WEEKLY;UNTIL=20270630T225959Z"
    assert normalise_rule("FREQ=WEEKLY;UNTIL=20271231") == "FREQ=WEEKLY;UNTIL=20271231T235959Z"


@pytest.mark.parametrize("rule", [
    "", "FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=MONTHLY;BYHOUR=10", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31", "FREQ=WEEKLY;BYDAY=2TU", "FREQ=WEEKLY;COUNT=3;UNTIL=20271231",
    "FREQ=MONTHLY;INTERVAL=0", "FREQ=MONTHLY;INTERVAL=1000", "FREQ=DAILY;BYSETPOS=2", "FREQ=MONTHLY;BYDAY=XX",
    "FREQ=MONTHLY;FREQ=WEEKLY", "FREQ=MONTHLY;UNTIL=tomorrow", "FREQ=MONTHLY;COUNT=100000", "BYDAY=MO",
    "FREQ=MONTHLY;X-NAME=1", "FREQ=MONTHLY;BYDAY=2TU\r\nEND:VEVENT", "FREQ=MONTHLY;UNTIL=20270230",
])
def test_unsafe_or_broken_rules_are_refused(rule: str) -> None:
    with pytest.raises(RecurrenceError):
        normalise_rule(rule)


def test_monthly_on_the_2nd_tuesday_at_10_stays_at_10_uk_time_in_winter_and_summer() -> None:
    first = london_to_utc(date(2027, 1, 12), time(10))
    rule = preset_rule("monthly_weekday", date(2027, 1, 12))
    assert rule == "FREQ=MONTHLY;BYDAY=2TU"
    starts = occurrences(rule, first, before=datetime(2028, 1, 1, tzinfo=UTC), limit=24)
    assert len(starts) == 12
    assert all(london_wall(start).time() == time(10) for start in starts)
    assert all(london_wall(start).weekday() == 1 and 8 <= london_wall(start).day <= 14 for start in starts)
    by_month = {start.month: start for start in starts}
    assert by_month[1].hour == 10  # GMT: 10:00 UK is 10:00 UTC
    assert by_month[7].hour == 9  # BST: 10:00 UK is 09:00 UTC
    assert by_month[7] == datetime(2027, 7, 13, 9, tzinfo=UTC)


def test_every_six_months_and_weekly_presets() -> None:
    first = london_to_utc(date(2027, 3, 4), time(10))
    starts = occurrences(preset_rule("six_monthly", date(2027, 3, 4)), first,
                         before=datetime(2029, 3, 5, tzinfo=UTC), limit=24)
    assert [london_wall(start).date() for start in starts] == [
        date(2027, 3, 4), date(2027, 9, 4), date(2028, 3, 4), date(2028, 9, 4), date(2029, 3, 4)]
    weekly = occurrences(preset_rule("weekly", date(2027, 3, 4)), first, before=datetime(2028, 1, 1, tzinfo=UTC),
                         limit=5)
    assert len(weekly) == 5


def test_occurrences_after_a_point_and_with_an_end() -> None:
    first = london_to_utc(date(2027, 1, 12), time(10))
    rule = with_end("FREQ=MONTHLY;BYDAY=2TU", count=3)
    assert rule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    starts = occurrences(rule, first, before=datetime(2030, 1, 1, tzinfo=UTC), limit=24)
    assert len(starts) == 3
    later = occurrences(rule, first, after=starts[0], before=datetime(2030, 1, 1, tzinfo=UTC), limit=24)
    assert later == starts[1:]
    until = with_end("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", until_day=date(2027, 4, 13))
    assert until == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270413T225959Z"
    assert len(occurrences(until, first, before=datetime(2030, 1, 1, tzinfo=UTC), limit=24)) == 4


def test_a_recurring_time_in_the_spring_gap_moves_an_hour_later() -> None:
    first = london_to_utc(date(2026, 3, 22), time(1, 30))  # a Sunday, GMT
    starts = occurrences("FREQ=WEEKLY", first, before=datetime(2026, 4, 6, tzinfo=UTC), limit=3)
    assert starts[1] == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST
    assert starts[2] == datetime(2026, 4, 5, 0, 30, tzinfo=UTC)  # 01:30 BST


def test_the_first_meeting_must_fit_the_rule() -> None:
    check_first_start_fits("FREQ=MONTHLY;BYDAY=2TU", london_to_utc(date(2027, 1, 12), time(10)))
    with pytest.raises(RecurrenceError, match="must fit the rule"):
        check_first_start_fits("FREQ=MONTHLY;BYDAY=2TU", london_to_utc(date(2027, 1, 13), time(10)))


def test_nth_weekday_codes() -> None:
    assert nth_weekday_code(date(2027, 1, 12)) == "2TU"
    assert nth_weekday_code(date(2027, 1, 1)) == "1FR"
    assert nth_weekday_code(date(2027, 1, 29)) == "-1FR"


def test_rules_in_words() -> None:
    assert describe_rule("FREQ=MONTHLY;INTERVAL=6") == "Every 6 months"
    assert describe_rule("FREQ=MONTHLY;BYDAY=2TU") == "Every month on the 2nd Tuesday"
    assert describe_rule("FREQ=WEEKLY;COUNT=4") == "Every week, 4 meetings in all"
    assert describe_rule("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T235959Z") == \
        "Every month on the last Friday, until 31 December 2027"
    assert describe_rule("FREQ=YEARLY;BYMONTH=3") == "FREQ=YEARLY;BYMONTH=3"
