"""The sandbox-only test clock, replay and endpoint state, driven through the SDK (checked like
every call of :class:`~larkpay_conformance.sdk.api.Api`), for the clock layer and the webhook
verifier."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.sdk.reply import Reply

CLOCK = "larkpay_test_clock"
REPLAY = "larkpay_replay"
HEALTH = "larkpay_endpoint_health"


@dataclass(frozen=True)
class Timing:
    """What ``GET /sandbox/clock`` says: the time, and the delays of the due work."""

    time: float
    offset: float
    settle_delay: float
    retry_schedule: tuple[float, ...]
    failing_period: float


def get_clock(api: Api) -> Reply:
    """sandbox.get_clock."""
    return api.sdk("getClock", lambda c: c.sandbox.get_clock())


def timing(api: Api) -> Timing:
    """The sandbox's clock and delays (fails the check if it cannot tell them)."""
    data = expect(get_clock(api), 200, CLOCK, "read the sandbox clock").data
    return Timing(
        time=parse_time(data["time"]),
        offset=float(data["offset_seconds"]),
        settle_delay=float(data["settle_delay_seconds"]),
        retry_schedule=tuple(float(delay) for delay in data["retry_schedule_seconds"]),
        failing_period=float(data["failing_endpoint_period_seconds"]),
    )


def advance(api: Api, *, seconds: float = 0.0, to: str | None = None) -> Reply:
    """sandbox.advance_clock by ``seconds``, or to ``to`` when given."""
    idem = api.new_key()
    if to is not None:
        target = to
        return api.sdk(
            "advanceClock", lambda c: c.sandbox.advance_clock(to=target, idempotency_key=idem)
        )
    return api.sdk(
        "advanceClock", lambda c: c.sandbox.advance_clock(seconds=seconds, idempotency_key=idem)
    )


def replay(api: Api, endpoint_id: str, since: str) -> Reply:
    """webhook_endpoints.replay."""
    idem = api.new_key()
    return api.sdk(
        "replayWebhookEndpoint",
        lambda c: c.webhook_endpoints.replay(endpoint_id, since=since, idempotency_key=idem),
    )


def get_endpoint(api: Api, endpoint_id: str) -> Reply:
    """webhook_endpoints.get."""
    return api.sdk("getWebhookEndpoint", lambda c: c.webhook_endpoints.get(endpoint_id))


def update_endpoint(api: Api, endpoint_id: str, body: dict[str, Any]) -> Reply:
    """webhook_endpoints.update."""
    idem = api.new_key()
    return api.sdk(
        "updateWebhookEndpoint",
        lambda c: c.webhook_endpoints.update(endpoint_id, **body, idempotency_key=idem),
    )


def target_now(api: Api) -> Callable[[], float]:
    """ "Now" as the target sees it, for verifying webhook timestamps: on a sandbox whose clock was
    advanced, the wall clock plus its offset (read once, now); elsewhere the wall clock."""
    if not api.target.is_sandbox:
        return time.time
    reply = get_clock(api)
    offset = float(reply.data["offset_seconds"]) if reply.status == 200 else 0.0
    return lambda: time.time() + offset


def parse_time(text: str) -> float:
    """Seconds since the epoch of an RFC 3339 UTC time."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def format_time(at: float) -> str:
    """An RFC 3339 UTC time (microseconds) for ``at``."""
    micros = round(at * 1_000_000)
    seconds, fraction = divmod(micros, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:06d}Z"
