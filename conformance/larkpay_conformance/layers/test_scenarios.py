"""Layer 4: every `source` value of the sandbox test-scenario table, through the SDK - the
status, the typed error and the events that follow."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

import larkpay
import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.events import require_event

SCENARIO = "larkpay_scenario"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    if not target.is_sandbox:
        pytest.skip("test scenarios exist only on a sandbox target")
    client = Api(target, suite.recorder, "scenarios")
    yield client
    client.close()


def _create(api: Api, source: str, key: str | None = None) -> Reply:
    ran(SCENARIO)
    body: dict[str, Any] = {"amount": 4200, "currency": "GBP", "source": source}
    return api.create_payment(body, key=key)


def _payment_status(api: Api, payment_id: str) -> str:
    return str(expect(api.get_payment(payment_id), 200, SCENARIO, "get").data["status"])


@pytest.mark.parametrize("source", ["test_success", "tok_anything_else"])
def test_succeeding_sources_create_succeeded_payments(api: Api, source: str) -> None:
    reply = expect(_create(api, source), 201, SCENARIO, source)
    if reply.data["status"] != "succeeded":
        raise reply.fail(SCENARIO, f"{source}: status {reply.data['status']!r}, expected succeeded")
    require_event(api, "payment.created", reply.data["id"], where={"status": "succeeded"})


@pytest.mark.parametrize(
    ("source", "failure_code"),
    [("test_failure", "card_declined"), ("test_insufficient_funds", "insufficient_funds")],
)
def test_declining_sources_fail_with_402_and_keep_the_payment(
    api: Api, source: str, failure_code: str
) -> None:
    reply = expect(_create(api, source), 402, SCENARIO, source)
    error = reply.error_obj
    if not isinstance(error, larkpay.PaymentFailedError) or error.reason != failure_code:
        raise reply.fail(SCENARIO, f"{source}: expected PaymentFailedError, reason {failure_code}")
    payment_id = str(error.payment_id)
    payment = expect(api.get_payment(payment_id), 200, SCENARIO, "get the failed payment").data
    if payment["status"] != "failed" or payment["failure_code"] != failure_code:
        raise reply.fail(
            SCENARIO,
            f"{source}: stored payment is {payment['status']}/"
            f"{payment['failure_code']}, expected failed/{failure_code}",
        )
    require_event(api, "payment.created", payment_id)


@pytest.mark.parametrize(
    ("source", "final"), [("test_pending", "succeeded"), ("test_pending_failure", "failed")]
)
def test_pending_sources_settle_later_and_fire_payment_updated(
    api: Api, source: str, final: str
) -> None:
    reply = expect(_create(api, source), 201, SCENARIO, source)
    if reply.data["status"] != "pending":
        raise reply.fail(SCENARIO, f"{source}: status {reply.data['status']!r}, expected pending")
    payment_id = reply.data["id"]
    require_event(api, "payment.created", payment_id, where={"status": "pending"})
    require_event(api, "payment.updated", payment_id, where={"status": final}, timeout=15.0)
    status = _payment_status(api, payment_id)
    if status != final:
        raise reply.fail(SCENARIO, f"{source}: settled to {status!r}, expected {final!r}")


def test_rate_limited_source_answers_429_and_creates_nothing(api: Api) -> None:
    before = expect(api.list_payments(limit=1), 200, SCENARIO, "list").data
    reply = expect(_create(api, "test_rate_limited"), 429, SCENARIO, "test_rate_limited")
    error = reply.error_obj
    if not isinstance(error, larkpay.RateLimitError) or error.retry_after != 1:
        raise reply.fail(SCENARIO, "test_rate_limited: expected RateLimitError, retry_after 1 s")
    # Other layers may create payments meanwhile (the schema layer runs in parallel under
    # `larkpay conformance`): look for a test_rate_limited payment among the newer ones only.
    newest = expect(api.list_payments(limit=100), 200, SCENARIO, "list").data
    known = {p["id"] for p in before}
    newer = list(itertools.takewhile(lambda p: p["id"] not in known, newest))
    created = [p["id"] for p in newer if p.get("source") == "test_rate_limited"]
    if created:
        raise reply.fail(SCENARIO, f"test_rate_limited created a payment: {created[0]}")


def test_unavailable_once_source_fails_first_then_succeeds_on_retry(api: Api) -> None:
    key = api.new_key()
    first = expect(_create(api, "test_unavailable_once", key), 503, SCENARIO, "first attempt")
    error = first.error_obj
    if not isinstance(error, larkpay.ServiceUnavailableError) or error.retry_after is None:
        raise first.fail(
            SCENARIO, "test_unavailable_once: expected ServiceUnavailableError with retry_after"
        )
    retry = expect(_create(api, "test_unavailable_once", key), 201, SCENARIO, "retry, same key")
    if retry.data["status"] != "succeeded":
        raise retry.fail(SCENARIO, "test_unavailable_once: the retry did not succeed")


def test_slow_source_answers_after_the_delay(api: Api, target: Target) -> None:
    started = time.monotonic()
    reply = expect(_create(api, "test_slow"), 201, SCENARIO, "test_slow")
    elapsed = time.monotonic() - started
    if target.embedded and elapsed < 0.25:
        raise reply.fail(SCENARIO, f"test_slow answered in {elapsed:.3f} s, before its 0.3 s delay")
