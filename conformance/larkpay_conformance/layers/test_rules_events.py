"""Rules layer, events are the API's objects: for each change the right event types in the right
order, each event's data equal to the object the API answered for that change (field by field),
none for a refused change, the latest event of each object equal to a GET of it now, and
getEvent answering each event as listEvents lists it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.deployment.tenants import private_tenant
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.steps.event_log import (
    Expected,
    check_events,
    check_latest_is_current,
    events_about,
)
from larkpay_conformance.steps.flows import expect_answer, get_payment, payment_body

SEQUENCE = "larkpay_event_sequence"
OBJECTS = "larkpay_event_objects"
HOOK_URL = "http://127.0.0.1:9/larkpay-conformance-events"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    """A tenant of this module's own on a sandbox (its events are only ours), else the run's."""
    client = Api(private_tenant(target) or target, suite.recorder, "rules")
    yield client
    client.close()


def _ok(reply: Any, status: int, what: str) -> dict[str, Any]:
    return dict(expect_answer(reply, status, None, SEQUENCE, what).data)


def _verify(api: Api, expected: list[Expected]) -> None:
    ran(SEQUENCE)
    ran(OBJECTS)
    ids = {item.object_id for item in expected}
    events, reply = events_about(api, ids, SEQUENCE)
    check_events(events, expected, reply, sequence_check=SEQUENCE, data_check=OBJECTS)
    current: dict[str, dict[str, Any]] = {}
    for item in expected:
        kind = item.data.get("object")
        if kind == "payment":
            current[item.object_id] = get_payment(api, item.object_id, OBJECTS)
        elif kind == "refund":
            current[item.object_id] = _ok(api.get_refund(item.object_id), 200, "get refund")
        else:
            current[item.object_id] = _ok(api.get_endpoint(item.object_id), 200, "get endpoint")
    check_latest_is_current(api, events, current, OBJECTS)


def test_create_update_refund_fire_their_events_with_the_answered_objects(api: Api) -> None:
    created = _ok(api.create_payment(payment_body(amount=900)), 201, "create")
    updated = _ok(api.update_payment(created["id"], {"metadata": {"order": "42"}}), 200, "update")
    refund = _ok(api.create_refund(created["id"], {"amount": 300}), 201, "refund")
    refunded = get_payment(api, created["id"], OBJECTS)
    refused = api.cancel_payment(created["id"])
    expect_answer(refused, 409, "INVALID_STATE", SEQUENCE, "cancel of a succeeded payment")
    _verify(
        api,
        [
            Expected("payment.created", created),
            Expected("payment.updated", updated),
            Expected("refund.created", refund),
            Expected("payment.updated", refunded),
        ],
    )
    everything, reply = events_about(api, {created["id"], refund["id"]}, SEQUENCE)
    order = [(e["event"], e["data"]["id"]) for e in everything[-2:]]
    if order != [("refund.created", refund["id"]), ("payment.updated", created["id"])]:
        raise reply.fail(SEQUENCE, f"a refund fires refund.created, then payment.updated: {order}")


def test_cancel_settle_and_decline_fire_their_events(api: Api, target: Target) -> None:
    if not target.is_sandbox:
        pytest.skip("pending and declined payments exist only on a sandbox")
    expected: list[Expected] = []
    for action in ("cancel", "settle"):
        for _ in range(5):  # a pending payment may settle on its own before the call
            pending = _ok(api.create_payment(payment_body("test_pending")), 201, "pending")
            changed = (
                api.cancel_payment(pending["id"])
                if action == "cancel"
                else api.settle_payment(pending["id"], "failed")
            )
            if changed.status == 200:
                break
        expected += [
            Expected("payment.created", pending),
            Expected("payment.updated", changed.data),
        ]
    declined = api.create_payment(payment_body("test_failure"))
    expect_answer(declined, 402, "PAYMENT_FAILED", SEQUENCE, "a declined payment")
    failed = get_payment(api, str(declined.error.get("payment_id")), OBJECTS)
    expected.append(Expected("payment.created", failed))
    _verify(api, expected)


def test_a_payment_settling_on_its_own_fires_payment_updated(api: Api, target: Target) -> None:
    if not target.is_sandbox:
        pytest.skip("payments that settle on their own exist only on a sandbox")
    pending = _ok(api.create_payment(payment_body("test_pending")), 201, "pending")
    deadline = time.monotonic() + 15.0
    while (settled := get_payment(api, pending["id"], OBJECTS))["status"] == "pending":
        if time.monotonic() > deadline:
            raise api.get_payment(pending["id"]).fail(SEQUENCE, "test_pending never settled")
        time.sleep(0.05)
    _verify(api, [Expected("payment.created", pending), Expected("payment.updated", settled)])


def test_disabling_an_endpoint_fires_webhook_endpoint_disabled_with_it(api: Api) -> None:
    body: dict[str, Any] = {"url": HOOK_URL, "events": ["refund.updated"]}
    endpoints = [_ok(api.create_endpoint(body), 201, "create endpoint") for _ in range(2)]
    try:
        disabled = _ok(
            api.update_endpoint(endpoints[0]["id"], {"status": "disabled"}), 200, "disable"
        )
        if disabled.get("status") != "disabled":
            raise api.get_endpoint(endpoints[0]["id"]).fail(SEQUENCE, "PATCH did not disable")
        _verify(api, [Expected("webhook_endpoint.disabled", disabled)])
    finally:
        for endpoint in endpoints:
            api.delete_endpoint(endpoint["id"])
