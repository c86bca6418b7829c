"""Retry schedule arithmetic and secret activity of the webhook dispatcher."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from larkpay_sandbox.webhooks.schedule import (
    DEFAULT_RETRY_SCHEDULE,
    is_secret_active,
    max_attempts,
    next_attempt_at,
    parse_timestamp,
)


def test_default_schedule_is_5s_30s_2min_10min_1h_6h() -> None:
    assert DEFAULT_RETRY_SCHEDULE == (5, 30, 120, 600, 3600, 21600)
    assert max_attempts(DEFAULT_RETRY_SCHEDULE) == 7


@pytest.mark.parametrize(
    ("attempts_made", "expected_delay"),
    [(1, 5.0), (2, 30.0), (3, 120.0), (4, 600.0), (5, 3600.0), (6, 21600.0)],
)
def test_next_attempt_after_failed_attempt_n_waits_schedule_entry_n(
    attempts_made: int, expected_delay: float
) -> None:
    assert next_attempt_at(attempts_made, DEFAULT_RETRY_SCHEDULE, now=1000.0) == 1000.0 + (
        expected_delay
    )


def test_next_attempt_after_last_scheduled_attempt_is_none_meaning_failed() -> None:
    assert next_attempt_at(7, DEFAULT_RETRY_SCHEDULE, now=1000.0) is None
    assert next_attempt_at(2, (0.1,), now=0.0) is None


def test_next_attempt_rejects_zero_attempts_made() -> None:
    with pytest.raises(ValueError, match="attempts_made must be >= 1"):
        next_attempt_at(0, DEFAULT_RETRY_SCHEDULE, now=0.0)


def test_compressed_schedule_is_followed_exactly() -> None:
    schedule = (0.05, 0.1)
    assert next_attempt_at(1, schedule, now=10.0) == pytest.approx(10.05)
    assert next_attempt_at(2, schedule, now=10.0) == pytest.approx(10.1)
    assert max_attempts(schedule) == 3


def test_parse_timestamp_accepts_z_suffix_and_naive_as_utc() -> None:
    expected = datetime(2026, 1, 31, 12, 0, 0, 123000, tzinfo=UTC)
    assert parse_timestamp("2026-01-31T12:00:00.123Z") == expected
    assert parse_timestamp("2026-01-31T12:00:00.123") == expected
    assert parse_timestamp("2026-01-31T13:00:00.123+01:00") == expected


def test_secret_without_expiry_is_active() -> None:
    assert is_secret_active(None, datetime.now(UTC))


def test_secret_is_active_until_its_expiry_and_not_after() -> None:
    now = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
    expiry = "2026-01-31T12:00:01.000Z"
    assert is_secret_active(expiry, now)
    assert not is_secret_active(expiry, now + timedelta(seconds=1))
    assert not is_secret_active(expiry, now + timedelta(hours=1))
