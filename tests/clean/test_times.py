"""Tests of clean.times: printed publication times resolved against the fetch time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.clean.times import parse_relative_time, strip_icon_label

FETCHED = datetime(2025, 7, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "ago"),
    [
        pytest.param("13 minutes ago", timedelta(minutes=13), id="minutes"),
        pytest.param("2 hours ago", timedelta(hours=2), id="hours"),
        pytest.param("3 days ago", timedelta(days=3), id="days"),
        pytest.param("time43 minutes ago", timedelta(minutes=43), id="icon-label"),
        pytest.param("5h ago", timedelta(hours=5), id="compact"),
        pytest.param("an hour ago", timedelta(hours=1), id="vague-hour"),
        pytest.param("just now", timedelta(0), id="just-now"),
    ],
)
def test_times_relative_point_is_fetch_minus_count(text: str, ago: timedelta) -> None:
    resolved = parse_relative_time(text, FETCHED)
    assert resolved is not None
    point, earliest, latest = resolved
    assert point == FETCHED - ago
    assert earliest <= point <= latest <= FETCHED


def test_times_counted_minutes_are_tight_and_vague_hour_is_wide() -> None:
    tight = parse_relative_time("13 minutes ago", FETCHED)
    vague = parse_relative_time("an hour ago", FETCHED)
    assert tight is not None and vague is not None
    assert tight[2] - tight[1] <= timedelta(minutes=2)
    assert vague[2] - vague[1] >= timedelta(minutes=60)


def test_times_yesterday_lies_before_fetch_day_end() -> None:
    resolved = parse_relative_time("yesterday", FETCHED)
    assert resolved is not None
    point, earliest, latest = resolved
    assert earliest < FETCHED - timedelta(days=1) < latest <= FETCHED
    assert earliest <= point <= latest


@pytest.mark.parametrize(
    "text", ["Jul 26, 2025", "26 July 2025", "July 26 2025", "26-07-2025", "Sat, 26 Jul 2025", "2025-07-26"]
)
def test_times_absolute_dates_cover_that_day(text: str) -> None:
    resolved = parse_relative_time(text, FETCHED + timedelta(days=5))
    assert resolved is not None
    point, earliest, latest = resolved
    assert point.date() == datetime(2025, 7, 26).date()
    assert earliest <= datetime(2025, 7, 26, 0, 0, tzinfo=UTC)
    assert latest >= datetime(2025, 7, 27, 0, 0, tzinfo=UTC)


def test_times_zoned_clock_is_exact() -> None:
    resolved = parse_relative_time("26 July 2025, 10:28 IST", FETCHED)
    assert resolved is not None
    expected = datetime(2025, 7, 26, 10, 28, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert resolved[0] == expected.astimezone(UTC)
    assert resolved[0].tzinfo == UTC


def test_times_date_without_year_is_not_in_the_future() -> None:
    resolved = parse_relative_time("Dec 31", FETCHED)
    assert resolved is not None
    assert resolved[0].year == FETCHED.year - 1


def test_times_naive_fetch_is_taken_as_utc() -> None:
    resolved = parse_relative_time("13 minutes ago", FETCHED.replace(tzinfo=None))
    assert resolved is not None
    assert resolved[0] == FETCHED - timedelta(minutes=13)
    assert all(moment.tzinfo == UTC for moment in resolved)


@pytest.mark.parametrize("text", ["", "hello world", "First Post", "31-02-2025", "99 bottles", "- The Print"])
def test_times_non_times_give_none(text: str) -> None:
    assert parse_relative_time(text, FETCHED) is None


def test_times_strip_icon_label_keeps_plain_words() -> None:
    assert strip_icon_label("time43 minutes ago") == "43 minutes ago"
    assert strip_icon_label("timeline of events") == "timeline of events"


@given(st.text(max_size=80))
def test_times_never_crash_and_never_after_fetch(text: str) -> None:
    resolved = parse_relative_time(text, FETCHED)
    if resolved is not None:
        point, earliest, latest = resolved
        assert earliest <= point <= latest <= FETCHED
