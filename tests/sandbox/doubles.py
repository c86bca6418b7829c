"""Test doubles of the sandbox's core: a clock set by the test, wakeups that count their sets
or watch a worker's sleeps, a test clock for handler tests that never advance it."""

from __future__ import annotations

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.steps import Advance
from larkpay_sandbox.core.wakeup import Wakeup


class FixedClock(Clock):
    """Its wall clock reads ``at`` (seconds since the epoch), which the test sets or moves."""

    def __init__(self, at: float, offset: float = 0.0) -> None:
        super().__init__(offset)
        self.at = at

    def wall_time(self) -> float:
        """The time the test set."""
        return self.at


class CountingWakeup(Wakeup):
    """A Wakeup that counts how often it was set."""

    def __init__(self) -> None:
        super().__init__()
        self.sets = 0

    def set(self) -> None:
        """Count, then wake as usual."""
        self.sets += 1
        super().set()


class SleepWatchingWakeup(CountingWakeup):
    """A Wakeup that records each sleep a worker takes on it: ``timeouts`` (None: no timer)
    and, once each sleep ends, ``ended_by``: "set" if a set ended it (or came before it),
    else "timeout"."""

    def __init__(self) -> None:
        super().__init__()
        self.timeouts: list[float | None] = []
        self.ended_by: list[str] = []
        self._sets_seen = 0

    async def sleep(self, timeout: float | None) -> None:
        """Record the sleep and how it ended."""
        self.timeouts.append(timeout)
        await super().sleep(timeout)
        self.ended_by.append("set" if self.sets > self._sets_seen else "timeout")
        self._sets_seen = self.sets

    @property
    def sleeping_untimed(self) -> bool:
        """Whether the worker is now in a sleep that only a set can end."""
        return len(self.timeouts) > len(self.ended_by) and self.timeouts[-1] is None


class UnusedTimeline:
    """The test clock of Services built for tests that never advance it."""

    async def advance(self, *, seconds: float | None = None, to: float | None = None) -> Advance:
        """Fail the test: it was not meant to advance the clock."""
        raise AssertionError("this test's Services have no test clock")
