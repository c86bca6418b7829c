"""Retry schedule arithmetic for webhook delivery: when the next attempt of an outbox row is due."""

from __future__ import annotations

from collections.abc import Sequence


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
