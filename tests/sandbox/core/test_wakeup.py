"""Wakeup: a set ends the current sleep, or the next one, at once; a sleep clears it.
work_when_due: a worker runs at its due time or when woken, never otherwise."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

import pytest
from larkpay_sandbox.core import wakeup as wakeup_module
from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.wakeup import Wakeup, work_when_due

from tests.sandbox.waiting import async_wait_until


def test_a_set_during_a_sleep_ends_it_at_once() -> None:
    async def main() -> None:
        wakeup = Wakeup()
        asyncio.get_running_loop().call_later(0.01, wakeup.set)
        await asyncio.wait_for(wakeup.sleep(3600), 5)

    asyncio.run(main())


def test_a_set_before_the_sleep_ends_the_next_sleep_then_is_cleared() -> None:
    async def main() -> bool:
        wakeup = Wakeup()
        wakeup.set()
        await wakeup.sleep(30)
        try:
            await asyncio.wait_for(wakeup.sleep(30), 0.05)
        except TimeoutError:
            return True
        return False

    assert asyncio.run(main()), "the second sleep should have waited: the set was used up"


def test_without_a_set_the_sleep_lasts_its_timeout() -> None:
    async def main() -> float:
        started = time.monotonic()
        await Wakeup().sleep(0.05)
        return time.monotonic() - started

    assert asyncio.run(main()) >= 0.04


def test_a_sleep_without_a_timeout_lasts_until_set() -> None:
    async def main() -> None:
        wakeup = Wakeup()
        sleeper = asyncio.create_task(wakeup.sleep(None))
        await asyncio.sleep(0.1)
        assert not sleeper.done(), "only a set ends an untimed sleep"
        wakeup.set()
        await asyncio.wait_for(sleeper, 5)

    asyncio.run(main())


def run_worker(
    run_due: Callable[[], float | None], body: Callable[[Wakeup], Awaitable[None]], clock: Clock
) -> None:
    async def main() -> None:
        wakeup = Wakeup()
        worker = asyncio.create_task(work_when_due(wakeup, clock, run_due, "test worker"))
        try:
            await body(wakeup)
        finally:
            worker.cancel()

    asyncio.run(main())


def test_work_when_due_with_nothing_due_runs_only_when_woken() -> None:
    passes: list[float] = []

    async def body(wakeup: Wakeup) -> None:
        await async_wait_until(lambda: len(passes) == 1, what="the first pass runs")
        await asyncio.sleep(0.3)
        assert len(passes) == 1, "an idle worker does no wakeups"
        wakeup.set()
        await async_wait_until(lambda: len(passes) == 2, what="the set wakes the worker")

    run_worker(lambda: passes.append(time.monotonic()), body, Clock())


def test_work_when_due_runs_again_at_the_due_time_it_returned() -> None:
    clock = Clock()
    passes: list[float] = []

    def run_due() -> float | None:
        passes.append(clock.time())
        return clock.time() + 0.2 if len(passes) == 1 else None

    async def body(_: Wakeup) -> None:
        await async_wait_until(lambda: len(passes) == 2, what="the pass at the due time")

    run_worker(run_due, body, clock)
    assert passes[1] - passes[0] >= 0.2


def test_work_when_due_logs_a_failing_pass_and_retries_it_after_the_fault_pause(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(wakeup_module, "FAULT_RETRY_SECONDS", 0.1)
    passes: list[float] = []

    def run_due() -> float | None:
        passes.append(time.monotonic())
        if len(passes) == 1:
            raise RuntimeError("simulated store fault")
        return None

    async def body(_: Wakeup) -> None:
        await async_wait_until(lambda: len(passes) == 2, what="the failed pass is retried")

    with caplog.at_level(logging.ERROR, logger="larkpay_sandbox"):
        run_worker(run_due, body, Clock())
    assert passes[1] - passes[0] >= 0.1
    assert "test worker: a pass failed; retrying in 0.1 s" in caplog.text
