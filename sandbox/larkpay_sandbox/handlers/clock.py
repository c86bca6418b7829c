"""The sandbox-only test clock: read it (getClock) and advance it (advanceClock)."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.core.steps import STEP_KINDS, Advance
from larkpay_sandbox.handlers.fields import time_field
from larkpay_sandbox.server.contract import Context, Reply, ok

MAX_LISTED_STEPS = 1000
"""The most steps one answer lists; ``counts`` still counts every one."""


def _clock(ctx: Context) -> dict[str, Any]:
    clock, settings = ctx.services.clock, ctx.services.settings
    return {
        "object": "sandbox_clock",
        "time": format_timestamp(clock.time()),
        "offset_seconds": round(clock.offset, 6),
        "settle_delay_seconds": settings.settle_delay,
        "retry_schedule_seconds": list(settings.retry_schedule),
        "failing_endpoint_period_seconds": settings.failing_endpoint_period,
    }


async def get_clock(ctx: Context) -> Reply:
    """GET /sandbox/clock: the sandbox's time, how far it is ahead of the wall clock, and the
    delays of its due work (settlements, retries, the failing period)."""
    return ok(dumps(_clock(ctx)))


async def advance_clock(ctx: Context) -> Reply:
    """POST /sandbox/clock/advance: ``{seconds}`` or ``{to}``; answers when the due work ran."""
    body = ctx.body
    if "to" in body:
        advance = await ctx.services.timeline.advance(to=time_field(body, "to"))
    else:
        advance = await ctx.services.timeline.advance(seconds=float(body["seconds"]))
    return ok(dumps(_advance_json(advance, ctx.api_key)))


def _advance_json(advance: Advance, api_key: str) -> dict[str, Any]:
    """The ClockAdvance object: only the steps of ``api_key`` are listed and counted (the
    other keys' due work runs too)."""
    mine = [step for step in advance.steps if step.api_key == api_key]
    counts = dict.fromkeys(STEP_KINDS, 0)
    for step in mine:
        counts[step.kind] += 1
    return {
        "object": "clock_advance",
        "previous_time": format_timestamp(advance.previous),
        "time": format_timestamp(advance.time),
        "counts": counts,
        "ran": [step.as_json() for step in mine[:MAX_LISTED_STEPS]],
        "ran_truncated": len(mine) > MAX_LISTED_STEPS,
    }
