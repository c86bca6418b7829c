"""The clock: RFC 3339 timestamps that keep increasing, parsing as stored."""

from __future__ import annotations

from datetime import UTC, datetime

from larkpay_sandbox.core.clock import Clock, format_timestamp, parse_timestamp

from tests.sandbox.doubles import FixedClock


def test_format_timestamp_has_microseconds_and_a_z() -> None:
    assert format_timestamp(0) == "1970-01-01T00:00:00.000000Z"
    assert format_timestamp(1_800_000_000.25) == "2027-01-15T08:00:00.250000Z"


def test_format_timestamp_is_right_on_both_sides_of_a_second_boundary() -> None:
    assert format_timestamp(1_800_000_000.999999) == "2027-01-15T08:00:00.999999Z"
    assert format_timestamp(1_800_000_001.0) == "2027-01-15T08:00:01.000000Z"
    assert format_timestamp(1_800_000_000.5) == "2027-01-15T08:00:00.500000Z"
    assert format_timestamp(-0.5) == "1969-12-31T23:59:59.500000Z"


def test_timestamps_keep_increasing_when_the_wall_clock_steps_back() -> None:
    clock = FixedClock(1_800_000_000.5)
    first, second = clock.timestamp(), clock.timestamp()
    clock.at = 1_799_999_999.0
    third = clock.timestamp()
    assert first < second < third
    assert first == "2027-01-15T08:00:00.500000Z"


def test_now_is_the_clocks_time_as_an_aware_utc_datetime() -> None:
    assert FixedClock(0.5).now() == datetime(1970, 1, 1, 0, 0, 0, 500000, tzinfo=UTC)
    assert abs(Clock().now().timestamp() - Clock().time()) < 5


def test_parse_timestamp_accepts_z_suffix_and_naive_as_utc() -> None:
    expected = datetime(2026, 1, 31, 12, 0, 0, 123000, tzinfo=UTC)
    assert parse_timestamp("2026-01-31T12:00:00.123Z") == expected
    assert parse_timestamp("2026-01-31T12:00:00.123") == expected
    assert parse_timestamp("2026-01-31T13:00:00.123+01:00") == expected
    assert parse_timestamp(format_timestamp(1_800_000_000.25)).timestamp() == 1_800_000_000.25


def test_a_new_clock_reads_the_wall_clock_with_no_offset() -> None:
    clock = Clock()
    assert clock.offset == 0
    assert abs(clock.time() - clock.wall_time()) < 1


def test_pin_holds_the_time_until_resumed_and_never_moves_back() -> None:
    clock = FixedClock(1_000.0)
    clock.pin(1_500.0)
    clock.at = 1_010.0
    assert clock.time() == 1_500.0
    clock.pin(1_200.0)
    assert clock.time() == 1_500.0


def test_resume_from_runs_on_from_that_time_with_a_grown_offset() -> None:
    clock = FixedClock(1_000.0)
    clock.pin(1_500.0)
    clock.at = 1_010.0
    clock.resume_from(2_000.0)
    assert clock.time() == 2_000.0
    assert clock.offset == 990.0
    clock.at = 1_020.0
    assert clock.time() == 2_010.0


def test_resume_from_an_earlier_time_keeps_the_clock_where_it_is() -> None:
    clock = FixedClock(1_000.0, offset=100.0)
    clock.resume_from(500.0)
    assert clock.time() == 1_100.0
    assert clock.offset == 100.0


def test_timestamp_of_a_pinned_clock_is_the_pinned_time_to_the_microsecond() -> None:
    clock = FixedClock(1_000.0)
    clock.pin(1_800_000_002.123456)
    assert clock.timestamp() == format_timestamp(1_800_000_002.123456)
    assert clock.timestamp() == "2027-01-15T08:00:02.123457Z"
