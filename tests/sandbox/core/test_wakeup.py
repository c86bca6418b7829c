"""Wakeup: a set ends the current sleep, or the next one, at once; a sleep clears it."""

from __future__ import annotations

import asyncio
import time

from larkpay_sandbox.core.wakeup import Wakeup


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
