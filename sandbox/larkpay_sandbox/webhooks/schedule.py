"""Retry schedule arithmetic for webhook delivery: when the next attempt of an outbox row is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

DEFAULT_RETRY_SCHEDULE: tuple[float, ...] = (5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)


def max_attempts(schedule: Sequence[float]) -> int:
    """Total attempts allowed: the first one plus one per schedule entry."""
    return 1 + len(schedule)


def next_attempt_at(attempts_made: int, schedule: Sequence[float], now: float) -> float | None:
    """Return when the next attempt is due after ``attempts_made`` failed attempts.

    ``None`` means the schedule is exhausted and the row is given up ('failed').
    After failed attempt n (1-based) the row waits ``schedule[n - 1]`` seconds.
    """
    if attempts_made < 1:
        raise ValueError(f"attempts_made must be >= 1 after an attempt, got {attempts_made}")
    if attempts_made > len(schedule):
        return None
    return now + float(schedule[attempts_made - 1])


def parse_timestamp(value: str) -> datetime:
    """Parse an RFC 3339 / ISO 8601 timestamp as stored by the store; naive means UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def is_secret_active(expires_at: str | None, now: datetime) -> bool:
    """A secret signs while it has no expiry or its expiry is still in the future."""
    return expires_at is None or parse_timestamp(expires_at) > now
