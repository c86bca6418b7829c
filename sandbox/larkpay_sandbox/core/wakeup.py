"""How a background worker is woken: it sleeps on a :class:`Wakeup` until the time of its next
due work, and whoever commits new work for it sets the Wakeup (see ``Store.wake_after_commit``).
"""

from __future__ import annotations

import asyncio
import contextlib


class Wakeup:
    """A flag a worker sleeps on; setting it ends the current or the next sleep at once."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        """Wake the worker (from the event loop's thread)."""
        self._event.set()

    async def sleep(self, timeout: float) -> None:
        """Return after ``timeout`` seconds, or as soon as the Wakeup is set; then clear it.

        Work committed before the return is seen by the worker's next pass; a set that comes
        while that pass runs ends the following sleep at once.
        """
        if not self._event.is_set() and timeout > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), timeout)
        self._event.clear()
