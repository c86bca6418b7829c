"""Retry schedule arithmetic of the webhook dispatcher."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.settings import DEFAULT_RETRY_SCHEDULE, Settings
from larkpay_sandbox.webhooks.schedule import next_attempt_at


def test_default_schedule_is_5s_30s_2min_10min_1h_6h_so_7_attempts_in_all() -> None:
    assert DEFAULT_RETRY_SCHEDULE == (5, 30, 120, 600, 3600, 21600)
    assert Settings().retry_schedule == DEFAULT_RETRY_SCHEDULE
    assert next_attempt_at(6, DEFAULT_RETRY_SCHEDULE, now=0.0) is not None
    assert next_attempt_at(7, DEFAULT_RETRY_SCHEDULE, now=0.0) is None


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
    assert next_attempt_at(3, schedule, now=10.0) is None
