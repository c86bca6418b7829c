"""Layer 5: webhooks to a local receiver registered through the API - the right events for every
change, SDK-verified signatures, secret rotation and redelivery."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from larkpay_sandbox.testing import WebhookReceiver

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.steps.hooks import (
    DELIVERY,
    SIGNATURE,
    Endpoint,
    receiver_unreachable,
    sdk_verifies,
)
from larkpay_conformance.steps.sandbox_clock import target_now

ROTATION = "larkpay_webhook_rotation"
EVENT_DATA = "larkpay_webhook_event_data"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    unreachable = receiver_unreachable(target, suite.options.webhooks)
    if unreachable:
        pytest.skip(unreachable)
    client = Api(target, suite.recorder, "webhooks")
    yield client
    client.close()


@pytest.fixture
def endpoint(api: Api, receiver: WebhookReceiver, suite: Suite) -> Iterator[Endpoint]:
    registered = Endpoint.register(api, receiver, ["*"], suite.options.webhooks.public_url)
    yield registered
    registered.delete()


def _pay(api: Api, source: str = "test_success") -> str:
    return str(_created(api, source)["id"])


def _created(api: Api, source: str = "test_success") -> dict[str, Any]:
    body = {"amount": 5000, "currency": "USD", "source": source}
    return dict(expect(api.create_payment(body), 201, DELIVERY, "create payment").data)


def _same_as_answered(api: Api, event: dict[str, Any], answered: dict[str, Any]) -> None:
    """The delivered event carries the object the API answered, and is the event the API
    lists under its id."""
    ran(EVENT_DATA)
    if event.get("data") != answered:
        wrong = sorted(
            k
            for k in set(answered) | set(event.get("data") or {})
            if (event.get("data") or {}).get(k) != answered.get(k)
        )
        raise CheckFailedError(
            EVENT_DATA,
            f"delivered {event.get('event')} {event.get('id')} differs from the object the API "
            f"answered in {wrong}",
        )
    listed = expect(api.get_event(str(event["id"])), 200, EVENT_DATA, "get the delivered event")
    if listed.data != event:
        raise listed.fail(EVENT_DATA, f"GET /events/{event['id']} differs from its delivery")


def test_every_change_yields_its_signed_events(
    api: Api, endpoint: Endpoint, target: Target
) -> None:
    created = _created(api)
    payment_id = created["id"]
    event = endpoint.verify(endpoint.wait("payment.created", payment_id, status="succeeded")[0])
    _same_as_answered(api, event, created)

    updated = expect(
        api.update_payment(payment_id, {"description": "webhook check"}), 200, DELIVERY, "update"
    ).data
    event = endpoint.verify(
        endpoint.wait("payment.updated", payment_id, description="webhook check")[0]
    )
    _same_as_answered(api, event, updated)

    refund = expect(api.create_refund(payment_id, {"amount": 1200}), 201, DELIVERY, "refund").data
    event = endpoint.verify(endpoint.wait("refund.created", refund["id"], amount=1200)[0])
    _same_as_answered(api, event, refund)
    event = endpoint.verify(endpoint.wait("payment.updated", payment_id, amount_refunded=1200)[0])
    _same_as_answered(api, event, expect(api.get_payment(payment_id), 200, DELIVERY, "get").data)

    if not target.is_sandbox:
        return  # the pending scenarios below exist only on a sandbox
    pending = _created(api, "test_pending")
    event = endpoint.verify(endpoint.wait("payment.created", pending["id"], status="pending")[0])
    _same_as_answered(api, event, pending)
    event = endpoint.verify(
        endpoint.wait("payment.updated", pending["id"], status="succeeded", timeout=15.0)[0]
    )
    _same_as_answered(api, event, expect(api.get_payment(pending["id"]), 200, DELIVERY, "get").data)

    canceled = _pay(api, "test_pending")
    answer = api.cancel_payment(canceled)
    if answer.status == 200:  # 409 only if it settled in between
        event = endpoint.verify(endpoint.wait("payment.updated", canceled, status="canceled")[0])
        _same_as_answered(api, event, answer.data)


def test_verification_keeps_working_across_a_secret_rotation(api: Api, endpoint: Endpoint) -> None:
    ran(ROTATION)
    old = endpoint.secrets[0]
    rotated = expect(api.rotate_secret(endpoint.id, {}), 200, ROTATION, "rotate (default overlap)")
    new = rotated.data["secret"]
    if new == old:
        raise rotated.fail(ROTATION, "rotation returned the same secret")
    endpoint.secrets = [new]
    delivery = endpoint.wait("payment.created", _pay(api))[0]
    endpoint.verify(delivery, [new])
    if not sdk_verifies([old], delivery, target_now(api)):
        raise CheckFailedError(
            ROTATION, "during the overlap the old secret must still verify deliveries"
        )

    retired = expect(
        api.rotate_secret(endpoint.id, {"overlap_seconds": 0}), 200, ROTATION, "rotate (no overlap)"
    )
    newest = retired.data["secret"]
    endpoint.secrets = [newest]
    delivery = endpoint.wait("payment.created", _pay(api))[0]
    endpoint.verify(delivery, [newest])
    if sdk_verifies([new], delivery, target_now(api)):
        raise CheckFailedError(
            ROTATION, "a secret retired with overlap_seconds=0 still signs deliveries"
        )


def test_redelivery_sends_the_same_event_again(api: Api, endpoint: Endpoint) -> None:
    payment_id = _pay(api)
    event = endpoint.verify(endpoint.wait("payment.created", payment_id)[0])
    expect(api.redeliver(event["id"]), 202, DELIVERY, "redeliver")
    again = endpoint.wait("payment.created", payment_id, count=2)
    if again[1].body != again[0].body:
        raise CheckFailedError(DELIVERY, "a redelivery must carry the same event body")
    endpoint.verify(again[1])
    deadline = time.monotonic() + 10.0
    while True:  # the attempt is recorded just after the receiver answers
        attempts = expect(api.deliveries(event["id"]), 200, DELIVERY, "list deliveries").data
        ours = [a for a in attempts if a["endpoint_id"] == endpoint.id and a["succeeded"]]
        if len(ours) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if len(ours) < 2:
        raise CheckFailedError(
            DELIVERY,
            f"deliveries of {event['id']} list {len(ours)} successful "
            "attempts to this endpoint; expected 2 (delivery + redelivery)",
        )


def test_a_wrong_secret_is_rejected_by_the_verifier(api: Api, endpoint: Endpoint) -> None:
    delivery = endpoint.wait("payment.created", _pay(api))[0]
    wrong = "whsec_" + "A" * 43 + "="
    if sdk_verifies([wrong], delivery, target_now(api)):
        raise CheckFailedError(
            SIGNATURE, "the SDK accepted a delivery with a secret that did not sign it"
        )


def test_an_endpoint_gets_only_the_event_types_it_subscribed_to(
    api: Api, endpoint: Endpoint, receiver: WebhookReceiver, suite: Suite
) -> None:
    ran(DELIVERY)
    only = Endpoint.register(api, receiver, ["refund.created"], suite.options.webhooks.public_url)
    try:
        payment_id = _pay(api)
        refund = expect(api.create_refund(payment_id, {"amount": 10}), 201, DELIVERY, "refund").data
        only.wait("refund.created", refund["id"])
        for kind, about in (("payment.created", payment_id), ("payment.updated", payment_id)):
            endpoint.wait(kind, about)  # the same changes reached the endpoint that wants all
        time.sleep(0.3)
        kinds = {
            json.loads(d.body).get("event")
            for d in receiver.deliveries
            if d.path.endswith(only.path)
        }
        if kinds != {"refund.created"}:
            raise CheckFailedError(
                DELIVERY, f"an endpoint subscribed to refund.created received {sorted(kinds)}"
            )
    finally:
        only.delete()
