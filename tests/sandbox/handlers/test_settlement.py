"""settle(): the state change of a pending scenario payment, and its event."""

from __future__ import annotations

import json

from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.handlers.settlement import settle
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox

from tests.sandbox.doubles import FixedClock

NOW = 1_800_000_000.0


def add_pending(store: Store, payment_id: str, settle_at: float, outcome: str) -> None:
    body = {"id": payment_id, "status": "pending", "failure_code": None, "failure_message": None}
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO payments(id, api_key, status, created_at, body, settle_at, settle_outcome)"
            " VALUES (?, 'k', 'pending', ?, ?, ?, ?)",
            (payment_id, format_timestamp(NOW), json.dumps(body), settle_at, outcome),
        )


def status_of(store: Store, payment_id: str) -> str:
    return str(store.query_one("SELECT status FROM payments WHERE id=?", (payment_id,))[0])


def test_settle_returns_none_for_a_payment_that_is_not_pending() -> None:
    store = Store(":memory:")
    clock = FixedClock(NOW)
    outbox = Outbox(store, clock)
    add_pending(store, "pay_1", NOW, "succeeded")
    with store.transaction() as conn:
        assert settle(conn, outbox, clock, "pay_1", "succeeded") is not None
        assert settle(conn, outbox, clock, "pay_1", "succeeded") is None
