"""The settler: settles pending scenario payments when due, including those due while stopped."""

from __future__ import annotations

import asyncio
import json

from larkpay_sandbox.core.clock import Clock, format_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox
from larkpay_sandbox.workers.settler import Settler

from tests.sandbox.doubles import FixedClock, SleepWatchingWakeup
from tests.sandbox.handlers.test_settlement import NOW, add_pending, status_of
from tests.sandbox.waiting import async_wait_until


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


def test_an_idle_settler_sleeps_with_no_timer_and_one_due_later_sets_one_timer() -> None:
    store = Store(":memory:")
    clock = FixedClock(NOW)

    async def main() -> SleepWatchingWakeup:
        settler = settler_at(store, clock)
        settler.due = wakeup = SleepWatchingWakeup()
        settler.start()
        await async_wait_until(lambda: wakeup.sleeping_untimed, what="the idle settler sleeps")
        await asyncio.sleep(0.3)
        add_pending(store, "pay_later", NOW + 3600, "succeeded")
        with store.transaction():
            store.wake_after_commit(settler.due)
        await async_wait_until(lambda: len(wakeup.timeouts) == 2, what="the settler sleeps again")
        await settler.stop()
        return wakeup

    wakeup = asyncio.run(main())
    assert wakeup.timeouts == [None, 3600.0]
    assert wakeup.ended_by == ["set"]
    assert status_of(store, "pay_later") == "pending"
