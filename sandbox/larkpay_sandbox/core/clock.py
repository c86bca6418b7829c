"""The sandbox's one source of the current time, and its RFC 3339 timestamps.

Everything in the sandbox that reads the time - timestamps of objects and events, settle times,
outbox due times, idempotency expiry, secret expiry, webhook-timestamp headers - asks the
:class:`Clock` the sandbox owns. The clock is the wall clock plus an offset that only grows:
the test clock (``POST /sandbox/clock/advance``) moves it forward, and while an advance runs the
due work it pins the clock at each due time in turn. Durations measured on the machine (the
rate limiter's refill, a delivery's latency) use the monotonic clock instead: they are about
real elapsed time, not the sandbox's time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import lru_cache


class Clock:
    """The wall clock (UTC) plus ``offset`` seconds, read by every part of one sandbox."""

    def __init__(self, offset: float = 0.0) -> None:
        self._last_micros = 0
        self._offset = float(offset)
        self._pinned: float | None = None

    def wall_time(self) -> float:
        """The machine's wall clock, in seconds since the Unix epoch."""
        return time.time()

    def time(self) -> float:
        """The sandbox's time: seconds since the Unix epoch."""
        if self._pinned is not None:
            return self._pinned
        return self.wall_time() + self._offset

    @property
    def offset(self) -> float:
        """How many seconds the sandbox's time is ahead of the wall clock (0 until advanced)."""
        return self._offset

    def pin(self, at: float) -> None:
        """Hold the time at ``at`` (never earlier than now) until :meth:`resume_from`."""
        self._pinned = max(at, self.time())

    def resume_from(self, at: float) -> None:
        """Let the time run again from ``at`` (or from now, if that is later): the offset grows
        so that the clock reads ``at`` at this moment of the wall clock."""
        at = max(at, self.time())
        self._pinned = None
        self._offset = max(self._offset, at - self.wall_time())

    def now(self) -> datetime:
        """The current time as a timezone-aware UTC datetime."""
        return datetime.fromtimestamp(self.time(), UTC)

    def timestamp(self) -> str:
        """The current time in RFC 3339, e.g. ``2026-01-31T12:00:00.123456Z``.

        Successive results strictly increase, even if the wall clock steps back, so that
        listing by creation sequence and by (created_at, id) agree.
        """
        micros = max(round(self.time() * 1_000_000), self._last_micros + 1)
        self._last_micros = micros
        return _format_micros(micros)


def format_timestamp(at: float) -> str:
    """RFC 3339 UTC timestamp with microseconds of ``at`` (seconds since the epoch)."""
    return _format_micros(round(at * 1_000_000))


def parse_timestamp(value: str) -> datetime:
    """Parse an RFC 3339 / ISO 8601 timestamp as the sandbox stores them; naive means UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _format_micros(micros: int) -> str:
    seconds, fraction = divmod(micros, 1_000_000)
    return _date_and_time(seconds) + f".{fraction:06d}Z"


@lru_cache(maxsize=64)
def _date_and_time(seconds: int) -> str:
    # Timestamps written close together share their second: gmtime + strftime run once for it.
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
