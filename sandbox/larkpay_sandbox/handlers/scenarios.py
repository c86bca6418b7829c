"""The sandbox's test scenarios (selected by a payment's ``source``) and the settling task."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass

from larkpay_sandbox.core.api_error import dumps
from larkpay_sandbox.storage.database import Store, now_iso

logger = logging.getLogger("larkpay_sandbox")

FAILURE_MESSAGES = {
    "card_declined": "The card was declined.",
    "insufficient_funds": "The card has insufficient funds.",
}


@dataclass(frozen=True)
class Outcome:
    """What creating a payment with a given source does."""

    status: str
    failure_code: str | None = None
    settles_to: str | None = None
    rate_limited: bool = False
    unavailable_once: bool = False
    slow: bool = False


SCENARIOS: dict[str, Outcome] = {
    "test_success": Outcome("succeeded"),
    "test_failure": Outcome("failed", failure_code="card_declined"),
    "test_insufficient_funds": Outcome("failed", failure_code="insufficient_funds"),
    "test_pending": Outcome("pending", settles_to="succeeded"),
    "test_pending_failure": Outcome("pending", settles_to="failed"),
    "test_rate_limited": Outcome("succeeded", rate_limited=True),
    "test_unavailable_once": Outcome("succeeded", unavailable_once=True),
    "test_slow": Outcome("succeeded", slow=True),
}
DEFAULT_OUTCOME = Outcome("succeeded")


def outcome_for(source: str) -> Outcome:
    """The scenario of a source; any unknown source simply succeeds."""
    return SCENARIOS.get(source, DEFAULT_OUTCOME)


def settle(store: Store, payment_id: str, outcome: str) -> dict[str, object] | None:
    """Move a pending payment to ``outcome`` and fire ``payment.updated``; None if not pending."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT api_key, body FROM payments WHERE id=? AND status='pending'", (payment_id,)
        ).fetchone()
        if row is None:
            return None
        payment = apply_settlement(json.loads(row[1]), outcome)
        conn.execute(
            "UPDATE payments SET status=?, body=?, settle_at=NULL, settle_outcome=NULL WHERE id=?",
            (payment["status"], dumps(payment).decode(), payment_id),
        )
        store.emit_event(conn, row[0], "payment.updated", payment)
    return payment


def apply_settlement(payment: dict[str, object], outcome: str) -> dict[str, object]:
    """The payment after settling to ``succeeded`` or ``failed`` (declined card)."""
    payment["status"] = outcome
    if outcome == "failed":
        payment["failure_code"] = "card_declined"
        payment["failure_message"] = FAILURE_MESSAGES["card_declined"]
    payment["updated_at"] = now_iso()
    return payment


class Settler:
    """Background task that settles scenario payments when their settle time has come.

    The settle time is stored with the payment, so after a restart the overdue ones settle at
    once and the others at their time.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the background task on the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Cancel the background task and wait for it."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def settle_due(self) -> int:
        """Settle every payment whose settle time has passed; returns how many."""
        due = self.store.query_all(
            "SELECT id, settle_outcome FROM payments WHERE settle_at IS NOT NULL AND settle_at <= ?"
            " ORDER BY settle_at",
            (time.time(),),
        )
        for payment_id, outcome in due:
            settle(self.store, payment_id, outcome)
        return len(due)

    async def _run(self) -> None:
        while True:
            self.wakeup.clear()
            try:
                self.settle_due()
                row = self.store.query_one(
                    "SELECT MIN(settle_at) FROM payments WHERE settle_at IS NOT NULL"
                )
            except Exception:
                logger.exception("settling scenario payments failed; retrying in 1 s")
                row = (time.time() + 1.0,)
            timeout = 3600.0 if row is None or row[0] is None else max(0.0, row[0] - time.time())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wakeup.wait(), timeout)
