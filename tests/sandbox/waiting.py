"""Waits on a condition instead of sleeps: poll until true, fail naming what never happened."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

POLL_SECONDS = 0.01


def wait_until(check: Callable[[], bool], *, what: str, timeout: float = 10.0) -> None:
    """Return once ``check()`` is true; fail after ``timeout`` seconds naming ``what``."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting until {what}")
        time.sleep(POLL_SECONDS)


async def async_wait_until(check: Callable[[], bool], *, what: str, timeout: float = 5.0) -> None:
    """:func:`wait_until` inside an event loop: polls without blocking the loop."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting until {what}")
        await asyncio.sleep(POLL_SECONDS)
