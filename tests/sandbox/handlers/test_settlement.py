"""Settling: settle() at once, the Settler when due, including payments due while stopped."""

from __future__ import annotations

import asyncio
import json

from larkpay_sandbox.core.clock import Clock, format_timestamp
from larkpay_sandbox.handlers.settlement import Settler, settle
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox

from tests.sandbox.doubles import FixedClock
from tests.sandbox.waiting import async_wait_until

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


def settler_at(store: Store, clock: Clock) -> Settler:
    return Settler(store, Outbox(store, clock), clock)


def test_settle_due_settles_overdue_payments_and_fires_events() -> None:
    store = Store(":memory:")
    add_pending(store, "pay_due", NOW - 10, "failed")
    add_pending(store, "pay_later", NOW + 3600, "succeeded")
    assert settler_at(store, FixedClock(NOW)).settle_due() == 1
    assert status_of(store, "pay_due") == "failed"
    assert status_of(store, "pay_later") == "pending"
    event = json.loads(store.query_one("SELECT body FROM events")[0])
    assert event["event"] == "payment.updated"
    assert event["data"]["failure_code"] == "card_declined"
    assert event["data"]["updated_at"] == format_timestamp(NOW)
    assert store.query_one("SELECT settle_at FROM payments WHERE id='pay_due'")[0] is None


def test_settle_returns_none_for_a_payment_that_is_not_pending() -> None:
    store = Store(":memory:")
    clock = FixedClock(NOW)
    outbox = Outbox(store, clock)
    add_pending(store, "pay_1", NOW, "succeeded")
    with store.transaction() as conn:
        assert settle(conn, outbox, clock, "pay_1", "succeeded") is not None
        assert settle(conn, outbox, clock, "pay_1", "succeeded") is None


def test_settler_task_settles_at_the_settle_time_once_woken() -> None:
    store = Store(":memory:")
    clock = FixedClock(NOW)

    async def main() -> None:
        settler = settler_at(store, clock)
        settler.start()
        add_pending(store, "pay_soon", NOW + 0.2, "succeeded")
        with store.transaction():
            store.wake_after_commit(settler.due)
        await asyncio.sleep(0)
        assert status_of(store, "pay_soon") == "pending"
        clock.at = NOW + 0.2
        await async_wait_until(
            lambda: status_of(store, "pay_soon") == "succeeded",
            what="the settler settles the payment at its settle time",
        )
        await settler.stop()

    asyncio.run(main())
