"""Test doubles of the sandbox's core: a clock set by the test, a wakeup that counts its sets."""

from __future__ import annotations

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.wakeup import Wakeup


class FixedClock(Clock):
    """Reads ``at`` (seconds since the epoch), which the test sets or moves."""

    def __init__(self, at: float) -> None:
        super().__init__()
        self.at = at

    def time(self) -> float:
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
