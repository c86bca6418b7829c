"""The settler: the background worker that settles pending scenario payments when due."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.wakeup import Wakeup, work_when_due
from larkpay_sandbox.handlers.settlement import settle
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox


class Settler:
    """Background task that settles scenario payments when their settle time has come.

    It sleeps until the earliest settle time (with none, until woken: no timer). The settle
    time is stored with the payment, so after a restart the overdue ones settle at once and
    the others at their time. ``due`` wakes it when a payment gets a settle time; a cancel
    that clears one needs no wake (the settler then finds nothing to settle, and sleeps on).
    While the test clock advances, the settler is :meth:`paused` and the advance settles each
    payment at its time with :meth:`settle_one`.
    """

    def __init__(self, store: Store, outbox: Outbox, clock: Clock) -> None:
        self.store = store
        self.outbox = outbox
        self.clock = clock
        self.due = Wakeup()
        self._task: asyncio.Task[None] | None = None
        self._paused = 0

    def start(self) -> None:
        """Start the background task on the running loop."""
        self._task = asyncio.get_running_loop().create_task(
            work_when_due(self.due, self.clock, self._run_due, "settler"), name="settler"
        )

    async def stop(self) -> None:
        """Cancel the background task and wait for it."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Settle nothing in the background inside the block."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1
            self.due.set()

    def settle_one(self, payment_id: str, outcome: str) -> dict[str, Any] | None:
        """Settle one payment now, in its own transaction (None if it is not pending)."""
        with self.store.transaction() as conn:
            settled = settle(conn, self.outbox, self.clock, payment_id, outcome)
            if settled is None:  # nothing to settle: never due again
                conn.execute("UPDATE payments SET settle_at=NULL WHERE id=?", (payment_id,))
            return settled

    def settle_due(self) -> int:
        """Settle every payment whose settle time has passed; returns how many."""
        due = self.store.query_all(
            "SELECT id, settle_outcome FROM payments WHERE settle_at IS NOT NULL AND settle_at <= ?"
            " ORDER BY settle_at",
            (self.clock.time(),),
        )
        for payment_id, outcome in due:
            with self.store.transaction() as conn:
                settle(conn, self.outbox, self.clock, payment_id, outcome)
        return len(due)

    def next_due_time(self) -> float | None:
        """The earliest settle time of a pending payment (None: nothing to settle)."""
        row = self.store.query_one(
            "SELECT MIN(settle_at) FROM payments WHERE settle_at IS NOT NULL"
        )
        return None if row is None or row[0] is None else float(row[0])

    def _run_due(self) -> float | None:
        if self._paused:  # the end of the pause sets ``due``
            return None
        self.settle_due()
        return self.next_due_time()
