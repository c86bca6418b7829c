"""The sandbox's one source of the current time, and its RFC 3339 timestamps.

Everything in the sandbox that reads the time - timestamps of objects and events, settle times,
outbox due times, idempotency expiry, secret expiry, webhook-timestamp headers - asks the
:class:`Clock` the sandbox owns, so a test clock can replace it in one place. Durations measured
on the machine (the rate limiter's refill, a delivery's latency) use the monotonic clock instead:
they are about real elapsed time, not the sandbox's time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


class Clock:
    """The wall clock (UTC), read by every part of one sandbox."""

    def __init__(self) -> None:
        self._last_micros = 0

    def time(self) -> float:
        """Seconds since the Unix epoch."""
        return time.time()

    def now(self) -> datetime:
        """The current time as a timezone-aware UTC datetime."""
        return datetime.fromtimestamp(self.time(), UTC)

    def timestamp(self) -> str:
        """The current time in RFC 3339, e.g. ``2026-01-31T12:00:00.123456Z``.

        Successive results strictly increase, even if the wall clock steps back, so that
        listing by creation sequence and by (created_at, id) agree.
        """
        micros = max(int(self.time() * 1_000_000), self._last_micros + 1)
        self._last_micros = micros
        return _format_micros(micros)


def format_timestamp(at: float) -> str:
    """RFC 3339 UTC timestamp with microseconds of ``at`` (seconds since the epoch)."""
    return _format_micros(int(at * 1_000_000))


def parse_timestamp(value: str) -> datetime:
    """Parse an RFC 3339 / ISO 8601 timestamp as the sandbox stores them; naive means UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _format_micros(micros: int) -> str:
    seconds, fraction = divmod(micros, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:06d}Z"
