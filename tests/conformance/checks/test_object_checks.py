"""The object rules: a consistent object passes; each broken rule fails naming its check."""

from __future__ import annotations

from typing import Any

import pytest
from larkpay_conformance.checks import object_checks as oc
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange

from tests.conformance.replies import LATER, STAMP, exchange, payment


def fails(check: Any, ex: Exchange, name: str, fragment: str) -> None:
    with pytest.raises(CheckFailedError) as info:
        check(ex)
    assert info.value.check == name
    assert fragment in str(info.value)


def test_consistent_payment_in_a_list_and_an_event_passes() -> None:
    event = {
        "id": "evt_1",
        "object": "event",
        "event": "payment.updated",
        "timestamp": LATER,
        "data": payment(amount_refunded=10, updated_at=LATER),
    }
    for ex in (exchange([payment()]), exchange([event], url="http://h/v2/events")):
        for _, check in oc.OBJECT_CHECKS:
            check(ex)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"amount_refunded": 1001}, "outside 0..1000"),
        ({"status": "pending", "amount_refunded": 5}, "refunded but status pending"),
        ({"status": "failed"}, "a failed payment needs failure_code"),
        ({"failure_code": "card_declined"}, "only a failed payment has failure_code"),
        ({"updated_at": "2026-11-27T09:00:00Z"}, "before created_at"),
    ],
)
def test_broken_payment_rule_fails_the_payment_check(
    changes: dict[str, Any], fragment: str
) -> None:
    fails(oc.check_payment, exchange(payment(**changes)), oc.PAYMENT, fragment)


def test_payment_answered_for_another_id_fails() -> None:
    ex = exchange(payment(id="pay_2"), url="http://h/v2/payments/pay_1")
    fails(oc.check_payment, ex, oc.PAYMENT, "asked for pay_1")


def test_refund_listed_under_another_payment_fails() -> None:
    refund = {"id": "re_1", "object": "refund", "payment_id": "pay_9", "amount": 5}
    ex = exchange([refund], url="http://h/v2/payments/pay_1/refunds")
    fails(oc.check_refund, ex, oc.REFUND, "belongs to pay_9")


@pytest.mark.parametrize(
    ("event", "fragment"),
    [
        ({"event": "refund.created", "data": payment()}, "carries a 'payment' object"),
        (
            {"event": "payment.updated", "timestamp": STAMP, "data": payment(updated_at=LATER)},
            "after the event",
        ),
        ({"event": "payment.created", "data": payment(updated_at=LATER)}, "changed after"),
    ],
)
def test_event_whose_data_is_not_its_object_fails(event: dict[str, Any], fragment: str) -> None:
    full = {"id": "evt_1", "object": "event", "timestamp": LATER, **event}
    fails(oc.check_event, exchange(full, url="http://h/v2/events/evt_1"), oc.EVENT, fragment)


def test_secret_outside_create_and_rotate_fails() -> None:
    endpoint = {"id": "we_1", "object": "webhook_endpoint", "secret": "whsec_x"}
    oc.check_endpoint(exchange(endpoint, url="http://h/v2/webhook_endpoints", method="POST"))
    fails(
        oc.check_endpoint,
        exchange(endpoint, url="http://h/v2/webhook_endpoints/we_1"),
        oc.ENDPOINT,
        "shows the signing secret",
    )


def test_delivery_succeeded_without_2xx_fails() -> None:
    delivery = {
        "id": "del_1",
        "object": "event_delivery",
        "event_id": "evt_1",
        "status_code": 500,
        "succeeded": True,
        "attempt": 1,
        "error": None,
    }
    ex = exchange([delivery], url="http://h/v2/events/evt_1/deliveries")
    fails(oc.check_delivery, ex, oc.DELIVERY, "succeeded=True with status 500")
