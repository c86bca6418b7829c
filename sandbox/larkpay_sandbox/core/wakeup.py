"""How a background worker waits: it runs what is due, then sleeps on a :class:`Wakeup` until
the time of its next due work, or until whoever gives it new work sets the Wakeup (after the
commit: ``Store.wake_after_commit``). With nothing due it sleeps until woken, with no timer:
an idle sandbox does no wakeups. :func:`work_when_due` is that loop, shared by both workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from larkpay_sandbox.core.clock import Clock

logger = logging.getLogger("larkpay_sandbox")

FAULT_RETRY_SECONDS = 1.0
"""After a pass fails unexpectedly (a store fault), how long the worker waits to try again."""


class Wakeup:
    """A flag a worker sleeps on; setting it ends the current or the next sleep at once."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        """Wake the worker (from the event loop's thread)."""
        self._event.set()

    async def sleep(self, timeout: float | None) -> None:
        """Return after ``timeout`` seconds (None: only when set), or as soon as the Wakeup is
        set; then clear it.

        Work committed before the return is seen by the worker's next pass; a set that comes
        while that pass runs ends the following sleep at once.
        """
        if not self._event.is_set() and (timeout is None or timeout > 0):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), timeout)
        self._event.clear()


async def work_when_due(
    wakeup: Wakeup, clock: Clock, run_due: Callable[[], float | None], worker: str
) -> None:
    """Run ``run_due`` forever, each time after sleeping until the sandbox time it returned.

    ``run_due()`` does the work due now and returns when its next work is due (None: nothing
    is, until someone sets ``wakeup``). A pass that raises is logged and tried again after
    :data:`FAULT_RETRY_SECONDS`, so a persistent fault neither stops the worker nor spins.
    Cancel the task to stop it.
    """
    while True:
        try:
            due = run_due()
        except Exception:
            logger.exception("%s: a pass failed; retrying in %g s", worker, FAULT_RETRY_SECONDS)
            due = clock.time() + FAULT_RETRY_SECONDS
        await wakeup.sleep(None if due is None else max(0.0, due - clock.time()))
