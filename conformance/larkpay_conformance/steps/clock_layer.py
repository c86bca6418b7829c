"""What the clock layer's two modules share: their fixtures' building blocks, a scripted
endpoint on the receiver, and waiting for what the sandbox does on its own."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest
from larkpay_sandbox.testing import Delivery, WebhookReceiver

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.steps.hooks import DELIVERY, Endpoint, receiver_unreachable
from larkpay_conformance.steps.sandbox_clock import CLOCK, advance

T = TypeVar("T")

#: The longest the layer advances a shared sandbox in one test: the layers beside it keep
#: their idempotency keys (kept a day) and their settle times meaningful.
MAX_ADVANCE = 6 * 3600.0


def skip_reason(target: Target, suite: Suite) -> str | None:
    """Why the clock layer cannot run against ``target``, or None."""
    if not target.is_sandbox:
        return (
            f"the test clock and endpoint health are checked on a sandbox only "
            f"(getClock and advanceClock are tagged sandbox); {target.base_url} is not one"
        )
    return receiver_unreachable(target, suite.options.webhooks)


def open_api(target: Target, suite: Suite) -> Api:
    """The layer's checked client, or skip the module saying why."""
    reason = skip_reason(target, suite)
    if reason:
        pytest.skip(reason)
    return Api(target, suite.recorder, "clock")


def scripted(
    api: Api,
    receiver: WebhookReceiver,
    suite: Suite,
    events: list[str],
    statuses: Sequence[int] = (),
    then: int = 204,
) -> Endpoint:
    """A new endpoint for ``events`` whose deliveries are answered ``statuses``, then ``then``."""
    endpoint = Endpoint.register(api, receiver, events, suite.options.webhooks.public_url)
    receiver.script(endpoint.path, list(statuses), then)
    return endpoint


def pay(api: Api, source: str = "test_success") -> dict[str, Any]:
    """A payment (201) whose events the endpoints of the test receive."""
    body = {"amount": 4200, "currency": "EUR", "source": source}
    return dict(expect(api.create_payment(body), 201, DELIVERY, "create payment").data)


def advanced(api: Api, seconds: float) -> dict[str, Any]:
    """Advance the clock (checked: 200, and at most :data:`MAX_ADVANCE`)."""
    if seconds > MAX_ADVANCE:
        raise ValueError(f"the clock layer advances at most {MAX_ADVANCE:g} s at once")
    return dict(expect(advance(api, seconds=seconds), 200, CLOCK, "advance the clock").data)


def arrived(endpoint: Endpoint) -> list[Delivery]:
    """Every delivery this endpoint got so far, in arrival order."""
    return [d for d in endpoint.receiver.deliveries if d.path.endswith(endpoint.path)]


def eventually(check: Callable[[], T | None], what: str, timeout: float = 10.0) -> T:
    """The first result but None of ``check`` within ``timeout`` seconds (it polls), or fail."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise CheckFailedError(CLOCK, f"{what}: not within {timeout:g} s")
        time.sleep(0.05)
