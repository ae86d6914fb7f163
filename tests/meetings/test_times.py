"""UK wall time <-> UTC: the clock changes of 29 March and 25 October 2026, all-day bounds, typed times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from zone_networks.meetings.times import (
    LocalTimeError,
    all_day_bounds,
    is_ambiguous,
    is_nonexistent,
    london_to_utc,
    parse_time,
    wall_to_utc,
)

SPRING = date(2026, 3, 29)  # clocks go forward at 01:00 GMT
AUTUMN = date(2026, 10, 25)  # clocks go back at 02:00 BST


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_winter_and_summer_times_convert_with_the_right_offset(app) -> None:
    with app.test_request_context():
        assert london_to_utc(date(2026, 1, 15), time(10)) == utc(2026, 1, 15, 10)
        assert london_to_utc(date(2026, 7, 1), time(10)) == utc(2026, 7, 1, 9)


def test_times_either_side_of_the_spring_change(app) -> None:
    with app.test_request_context():
        assert london_to_utc(SPRING, time(0, 59)) == utc(2026, 3, 29, 0, 59)
        assert london_to_utc(SPRING, time(2, 0)) == utc(2026, 3, 29, 1, 0)
        with pytest.raises(LocalTimeError, match="does not exist on 29 March 2026"):
            london_to_utc(SPRING, time(1, 30))


def test_times_either_side_of_the_autumn_change(app) -> None:
    with app.test_request_context():
        assert london_to_utc(AUTUMN, time(0, 59)) == utc(2026, 10, 24, 23, 59)
        assert london_to_utc(AUTUMN, time(2, 0)) == utc(2026, 10, 25, 2, 0)
        with pytest.raises(LocalTimeError, match="happens twice on 25 October 2026"):
            london_to_utc(AUTUMN, time(1, 30))


def test_gap_and_repeat_detection() -> None:
    assert is_nonexistent(datetime(2026, 3, 29, 1, 0))
    assert not is_nonexistent(datetime(2026, 3, 29, 2, 0))
    assert is_ambiguous(datetime(2026, 10, 25, 1, 0))
    assert not is_ambiguous(datetime(2026, 10, 25, 2, 0))
    assert not is_ambiguous(datetime(2026, 3, 29, 1, 30))


def test_recurrences_follow_rfc_5545_at_the_changes() -> None:
    # A time in the gap uses the offset before it (01:30 GMT = 02:30 BST); a repeated time means the first (BST).
    assert wall_to_utc(datetime(2026, 3, 29, 1, 30)) == utc(2026, 3, 29, 1, 30)
    assert wall_to_utc(datetime(2026, 10, 25, 1, 30)) == utc(2026, 10, 25, 0, 30)


def test_all_day_bounds_are_uk_midnights_even_on_a_23_or_25_hour_day() -> None:
    assert all_day_bounds(SPRING, SPRING) == (utc(2026, 3, 29, 0), utc(2026, 3, 29, 23))
    assert all_day_bounds(AUTUMN, AUTUMN) == (utc(2026, 10, 24, 23), utc(2026, 10, 26, 0))
    assert all_day_bounds(date(2026, 7, 1), date(2026, 7, 2)) == (utc(2026, 6, 30, 23), utc(2026, 7, 2, 23))


@pytest.mark.parametrize(("text", "expected"), [
    ("14:30", time(14, 30)), ("9:05", time(9, 5)), ("09.05", time(9, 5)), ("2pm", time(14)),
    ("2:30 pm", time(14, 30)), ("12am", time(0)), ("12pm", time(12)), ("midday", time(12)), ("0:00", time(0)),
    ("10AM", time(10)), ("23:59", time(23, 59)),
])
def test_parse_time_reads_what_people_type(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "9", "25:00", "10:60", "13pm", "0am", "ten", "10:5", "1030"])
def test_parse_time_refuses_what_is_not_a_clear_time(text: str) -> None:
    assert parse_time(text) is None
