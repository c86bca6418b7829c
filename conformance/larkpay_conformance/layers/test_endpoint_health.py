"""Layer 6b: endpoint health, through the test clock. A delivery answered 410 disables its
endpoint at once (an example, and a 410 after failures that stops every later attempt); every
attempt failing for the failing period disables it (an example, and re-enabling forgets the
failures before it); PATCH disables (manual) and enables; each disabling tells the key's other
endpoints with a webhook_endpoint.disabled event. Every answer of every layer is also checked:
an endpoint is disabled exactly when it says why (``larkpay_endpoint_state``). Sandbox only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_sandbox.testing import WebhookReceiver

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.steps.clock_layer import (
    MAX_ADVANCE,
    advanced,
    arrived,
    eventually,
    open_api,
    pay,
    scripted,
)
from larkpay_conformance.steps.hooks import Endpoint
from larkpay_conformance.steps.sandbox_clock import (
    HEALTH,
    get_endpoint,
    replay,
    timing,
    update_endpoint,
)

NOTICE = "webhook_endpoint.disabled"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = open_api(target, suite)
    yield client
    client.close()


@pytest.fixture
def watcher(api: Api, receiver: WebhookReceiver, suite: Suite) -> Iterator[Endpoint]:
    """Another endpoint of the key, listening for webhook_endpoint.disabled."""
    endpoint = scripted(api, receiver, suite, [NOTICE])
    yield endpoint
    endpoint.delete()


def _state(api: Api, endpoint: Endpoint) -> tuple[str, str | None]:
    ran(HEALTH)
    data = expect(get_endpoint(api, endpoint.id), 200, HEALTH, "get the endpoint").data
    return str(data["status"]), data.get("disabled_reason")


def _disabled(api: Api, endpoint: Endpoint, reason: str) -> None:
    """Wait until ``endpoint`` is disabled for ``reason`` (a delivery's outcome is recorded just
    after the receiver answers)."""

    def check() -> bool | None:
        return True if _state(api, endpoint) == ("disabled", reason) else None

    eventually(check, f"{endpoint.id} disabled ({reason})")


def _told(watcher: Endpoint, endpoint: Endpoint, reason: str) -> None:
    """The watcher got webhook_endpoint.disabled about ``endpoint`` for ``reason``, signed."""
    [notice] = watcher.wait(NOTICE, endpoint.id, status="disabled", disabled_reason=reason)
    watcher.verify(notice)


def _set_status(api: Api, endpoint: Endpoint, status: str, reason: str | None) -> None:
    """PATCH the status; the answer must say ``status`` with ``reason``."""
    reply = expect(update_endpoint(api, endpoint.id, {"status": status}), 200, HEALTH, status)
    if (reply.data["status"], reply.data.get("disabled_reason")) != (status, reason):
        raise reply.fail(HEALTH, f"PATCH status {status} must give {status} / {reason}")


def _attempts_to(api: Api, endpoint: Endpoint, event_id: str) -> list[dict[str, object]]:
    recorded = expect(api.deliveries(event_id), 200, HEALTH, "list deliveries").data
    return [a for a in recorded if a["endpoint_id"] == endpoint.id]


def test_a_410_disables_the_endpoint_at_once_and_tells_the_others(
    api: Api, receiver: WebhookReceiver, suite: Suite, watcher: Endpoint
) -> None:
    endpoint = scripted(api, receiver, suite, ["payment.created"], [410])
    try:
        payment = pay(api)
        [gone] = endpoint.wait("payment.created", payment["id"])
        _disabled(api, endpoint, "gone")
        _told(watcher, endpoint, "gone")
        schedule = timing(api).retry_schedule
        advanced(api, min(sum(schedule) + 1.0, MAX_ADVANCE))
        if len(arrived(endpoint)) != 1 or len(_attempts_to(api, endpoint, gone.webhook_id)) != 1:
            raise CheckFailedError(HEALTH, "a delivery answered 410 was retried")
    finally:
        endpoint.delete()


def test_a_410_after_failures_stops_every_later_attempt_until_enabled(
    api: Api, receiver: WebhookReceiver, suite: Suite, watcher: Endpoint
) -> None:
    schedule = timing(api).retry_schedule
    if not schedule:
        pytest.skip("the sandbox's retry schedule is empty: no attempt comes after a failure")
    endpoint = scripted(api, receiver, suite, ["payment.created"], [500, 410])
    try:
        payment = pay(api)
        endpoint.wait("payment.created", payment["id"])
        advanced(api, schedule[0] + 1.0)
        endpoint.wait("payment.created", payment["id"], count=2)
        _disabled(api, endpoint, "gone")
        _told(watcher, endpoint, "gone")
        advanced(api, min(sum(schedule) + 1.0, MAX_ADVANCE))
        pay(api)
        if len(arrived(endpoint)) != 2:
            raise CheckFailedError(HEALTH, "a disabled endpoint got another delivery")
        refused = replay(api, endpoint.id, "2001-01-01T00:00:00Z")
        if refused.status != 409 or refused.code != "INVALID_STATE":
            raise refused.fail(HEALTH, "a replay to a disabled endpoint must be refused (409)")
        _set_status(api, endpoint, "enabled", None)
        expect(replay(api, endpoint.id, payment["created_at"]), 202, HEALTH, "replay")
        endpoint.wait("payment.created", payment["id"], count=3)
    finally:
        endpoint.delete()


def _failing_period(api: Api) -> float:
    period = timing(api).failing_period
    if period + 60 > MAX_ADVANCE:
        pytest.skip(
            f"the sandbox's failing period is {period:g} s: advancing a shared sandbox that far "
            "would expire the idempotency keys of the layers beside this one; start the "
            f"sandbox with --failing-endpoint-period under {MAX_ADVANCE - 60:g} to check it "
            "(the embedded sandbox uses 3600)"
        )
    return period


def test_failing_for_the_period_disables_the_endpoint_and_tells_the_others(
    api: Api, receiver: WebhookReceiver, suite: Suite, watcher: Endpoint
) -> None:
    period = _failing_period(api)
    endpoint = scripted(api, receiver, suite, ["payment.created"], then=500)
    try:
        [first] = endpoint.wait("payment.created", pay(api)["id"])
        since = int(first.headers["webhook-timestamp"])
        advanced(api, period + 1.0)
        if _state(api, endpoint)[0] == "enabled":
            later = pay(api)  # its first attempt fails a period after the first failure
            endpoint.wait("payment.created", later["id"])
        _disabled(api, endpoint, "failing")
        _told(watcher, endpoint, "failing")
        last = max(int(d.headers["webhook-timestamp"]) for d in arrived(endpoint))
        if last - since < period - 1:
            raise CheckFailedError(
                HEALTH, f"disabled after {last - since} s of failures; the period is {period:g} s"
            )
        count = len(arrived(endpoint))
        pay(api)
        advanced(api, 60.0)
        if len(arrived(endpoint)) != count:
            raise CheckFailedError(HEALTH, "an endpoint disabled as failing got another delivery")
    finally:
        endpoint.delete()


def test_re_enabling_forgets_the_failures_before_it(
    api: Api, receiver: WebhookReceiver, suite: Suite, watcher: Endpoint
) -> None:
    period = _failing_period(api)
    endpoint = scripted(api, receiver, suite, ["payment.created"], then=500)
    try:
        endpoint.wait("payment.created", pay(api)["id"])
        advanced(api, period / 2)
        _set_status(api, endpoint, "disabled", "manual")
        _told(watcher, endpoint, "manual")
        _set_status(api, endpoint, "enabled", None)
        endpoint.wait("payment.created", pay(api)["id"])
        advanced(api, period / 2 + 1.0)
        endpoint.wait("payment.created", pay(api)["id"])
        if _state(api, endpoint) != ("enabled", None):
            raise CheckFailedError(
                HEALTH,
                "disabled as failing counting failures from before it was enabled again "
                f"({_state(api, endpoint)})",
            )
        advanced(api, period / 2 + 1.0)
        endpoint.wait("payment.created", pay(api)["id"])
        _disabled(api, endpoint, "failing")
    finally:
        endpoint.delete()


def test_patch_disables_and_enables_and_a_disabled_endpoint_gets_nothing(
    api: Api, receiver: WebhookReceiver, suite: Suite, watcher: Endpoint
) -> None:
    endpoint = scripted(api, receiver, suite, ["payment.created"])
    try:
        _set_status(api, endpoint, "disabled", "manual")
        _told(watcher, endpoint, "manual")
        skipped = pay(api)
        advanced(api, 1.0)
        if arrived(endpoint) or _attempts_to(api, endpoint, _event_of(api, skipped["id"])):
            raise CheckFailedError(HEALTH, "a disabled endpoint got a delivery")
        _set_status(api, endpoint, "enabled", None)
        endpoint.verify(endpoint.wait("payment.created", pay(api)["id"])[0])
    finally:
        endpoint.delete()


def _event_of(api: Api, payment_id: str) -> str:
    """The id of the payment.created event of ``payment_id``."""
    events = expect(api.list_events(event="payment.created", limit=100), 200, HEALTH, "events")
    for event in events.data:
        if event["data"]["id"] == payment_id:
            return str(event["id"])
    raise CheckFailedError(HEALTH, f"no payment.created event for {payment_id}")
