"""Layer 5: webhooks to a local receiver registered through the API - the right events for every
change, SDK-verified signatures, secret rotation and redelivery."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from larkpay_sandbox.testing import WebhookReceiver

from larkpay_conformance.api import Api, expect
from larkpay_conformance.checks import CheckFailedError
from larkpay_conformance.hooks import (
    DELIVERY,
    SIGNATURE,
    Endpoint,
    receiver_unreachable,
    sdk_verifies,
)
from larkpay_conformance.sandbox_clock import target_now
from larkpay_conformance.suite import Suite
from larkpay_conformance.target import Target

ROTATION = "larkpay_webhook_rotation"


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
    body = {"amount": 5000, "currency": "USD", "source": source}
    return str(expect(api.create_payment(body), 201, DELIVERY, "create payment").data["id"])


def test_every_change_yields_its_signed_events(
    api: Api, endpoint: Endpoint, target: Target
) -> None:
    payment_id = _pay(api)
    endpoint.verify(endpoint.wait("payment.created", payment_id, status="succeeded")[0])

    expect(
        api.update_payment(payment_id, {"description": "webhook check"}), 200, DELIVERY, "update"
    )
    endpoint.verify(endpoint.wait("payment.updated", payment_id, description="webhook check")[0])

    refund = expect(api.create_refund(payment_id, {"amount": 1200}), 201, DELIVERY, "refund").data
    endpoint.verify(endpoint.wait("refund.created", refund["id"], amount=1200)[0])
    endpoint.verify(endpoint.wait("payment.updated", payment_id, amount_refunded=1200)[0])

    if not target.is_sandbox:
        return  # the pending scenarios below exist only on a sandbox
    pending = _pay(api, "test_pending")
    endpoint.verify(endpoint.wait("payment.created", pending, status="pending")[0])
    endpoint.verify(endpoint.wait("payment.updated", pending, status="succeeded", timeout=15.0)[0])

    canceled = _pay(api, "test_pending")
    if api.cancel_payment(canceled).status == 200:  # 409 only if it settled in between
        endpoint.verify(endpoint.wait("payment.updated", canceled, status="canceled")[0])


def test_verification_keeps_working_across_a_secret_rotation(api: Api, endpoint: Endpoint) -> None:
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
