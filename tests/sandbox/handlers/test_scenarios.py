"""Scenario table and the settler, including payments that became due while stopped."""

from __future__ import annotations

import asyncio
import json
import time

from larkpay_sandbox.handlers.scenarios import SCENARIOS, Settler, outcome_for, settle
from larkpay_sandbox.storage.database import Store, now_iso


def add_pending(store: Store, payment_id: str, settle_at: float, outcome: str) -> None:
    body = {"id": payment_id, "status": "pending", "failure_code": None, "failure_message": None}
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO payments(id, api_key, status, created_at, body, settle_at, settle_outcome)"
            " VALUES (?, 'k', 'pending', ?, ?, ?, ?)",
            (payment_id, now_iso(), json.dumps(body), settle_at, outcome),
        )


def status_of(store: Store, payment_id: str) -> str:
    return str(store.query_one("SELECT status FROM payments WHERE id=?", (payment_id,))[0])


def test_every_documented_source_has_a_scenario_and_others_succeed() -> None:
    assert set(SCENARIOS) == {
        "test_success",
        "test_failure",
        "test_insufficient_funds",
        "test_pending",
        "test_pending_failure",
        "test_rate_limited",
        "test_unavailable_once",
        "test_slow",
    }
    assert outcome_for("tok_visa").status == "succeeded"
    assert outcome_for("test_pending_failure").settles_to == "failed"


def test_settle_due_settles_overdue_payments_and_fires_events() -> None:
    store = Store(":memory:")
    add_pending(store, "pay_due", time.time() - 10, "failed")
    add_pending(store, "pay_later", time.time() + 3600, "succeeded")
    assert Settler(store).settle_due() == 1
    assert status_of(store, "pay_due") == "failed"
    assert status_of(store, "pay_later") == "pending"
    event = json.loads(store.query_one("SELECT body FROM events")[0])
    assert event["event"] == "payment.updated"
    assert event["data"]["failure_code"] == "card_declined"


def test_settle_returns_none_for_a_payment_that_is_not_pending() -> None:
    store = Store(":memory:")
    add_pending(store, "pay_1", time.time(), "succeeded")
    assert settle(store, "pay_1", "succeeded") is not None
    assert settle(store, "pay_1", "succeeded") is None


def test_settler_task_settles_at_the_settle_time() -> None:
    store = Store(":memory:")

    async def main() -> None:
        settler = Settler(store)
        settler.start()
        due = time.time() + 0.5
        add_pending(store, "pay_soon", due, "succeeded")
        settler.wakeup.set()
        await asyncio.sleep(0.05)
        # Checked only if the loop really got here before the settle time.
        if time.time() < due - 0.05:
            assert status_of(store, "pay_soon") == "pending"
        deadline = time.monotonic() + 5.0
        while status_of(store, "pay_soon") != "succeeded" and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert status_of(store, "pay_soon") == "succeeded"
        assert time.time() >= due
        await settler.stop()

    asyncio.run(main())
