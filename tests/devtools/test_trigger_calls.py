"""Calls: SDK methods by resource.method or operationId; ${step.field} references."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay import LarkpayClient
from larkpay_devtools.trigger.calls import method_for, resolve, resources
from larkpay_devtools.trigger.fixtures import FixtureError


@pytest.fixture
def client() -> Iterator[LarkpayClient]:
    with LarkpayClient(
        "lk_test_DemoDemoDemoDemo00000001",
        "lsk_DemoDemoDemoDemoDemoDemo0000000001",
        base_url="http://127.0.0.1:9/v2",
    ) as larkpay:
        yield larkpay


def test_resources_are_the_clients_tags(client: LarkpayClient) -> None:
    assert {"payments", "refunds", "webhook_endpoints", "events", "sandbox"} <= set(
        resources(client)
    )


@pytest.mark.parametrize(
    ("call", "method"),
    [
        ("payments.create", "create"),
        ("createPayment", "create"),
        ("settlePayment", "settle_payment"),
        ("listEventDeliveries", "list_deliveries"),
        ("advanceClock", "advance_clock"),
        ("replayWebhookEndpoint", "replay"),
        ("webhook_endpoints.rotate_secret", "rotate_secret"),
    ],
)
def test_method_for_finds_sdk_methods_and_operation_ids(
    client: LarkpayClient, call: str, method: str
) -> None:
    assert method_for(client, call).__name__ == method


@pytest.mark.parametrize(
    "call", ["payments.fly", "nothing.create", "flyPayment", "payments._runtime"]
)
def test_method_for_refuses_what_is_not_an_sdk_method(client: LarkpayClient, call: str) -> None:
    with pytest.raises(FixtureError, match=call.split(".")[0]):
        method_for(client, call)


def test_resolve_replaces_references_keeping_the_type_of_a_whole_value() -> None:
    results = {"payment": {"id": "pay_1", "amount": 5, "metadata": {"order": "7"}}}
    params = {
        "payment_id": "${payment.id}",
        "amount": "${payment.amount}",
        "text": "order ${payment.metadata.order} of ${payment.id}",
        "list": ["${payment.id}", 3],
    }
    assert resolve(params, results) == {
        "payment_id": "pay_1",
        "amount": 5,
        "text": "order 7 of pay_1",
        "list": ["pay_1", 3],
    }


def test_resolve_refuses_a_later_step_or_a_missing_field() -> None:
    with pytest.raises(FixtureError, match="not an earlier step"):
        resolve("${refund.id}", {"payment": {}})
    with pytest.raises(FixtureError, match="has no field 'nope'"):
        resolve("${payment.nope}", {"payment": {"id": "pay_1"}})
