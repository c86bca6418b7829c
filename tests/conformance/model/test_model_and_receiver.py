"""The payment model's comparison and the schemathesis adapter (the webhook receiver is
larkpay_sandbox.testing.WebhookReceiver, tested with the sandbox)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.model.model import PaymentModel, compare_payment
from larkpay_conformance.schema.st_checks import exchange_from
from larkpay_conformance.sdk.reply import Reply

BODY = {"amount": 500, "currency": "SEK", "source": "test_pending", "metadata": {"k": "v"}}


def reply_with(data: dict[str, Any]) -> Reply:
    raw = json.dumps({"status": "success", "data": data}).encode()
    exchange = Exchange("GET", "http://h/v2/payments/pay_1", 200, {}, raw)
    return Reply("getPayment", 200, json.loads(raw), exchange, "curl http://h/v2/payments/pay_1")


def payment(**changes: Any) -> dict[str, Any]:
    data = {
        "id": "pay_1",
        "object": "payment",
        "amount": 500,
        "currency": "SEK",
        "source": "test_pending",
        "description": None,
        "metadata": {"k": "v"},
        "amount_refunded": 0,
        "status": "pending",
    }
    return {**data, **changes}


def test_compare_payment_accepts_what_create_said() -> None:
    model = PaymentModel.from_create(BODY, {"id": "pay_1", "status": "pending"})
    compare_payment(model, reply_with(payment()), "larkpay_model", "get")


def test_compare_payment_names_the_wrong_field_and_gives_curl() -> None:
    model = PaymentModel.from_create(BODY, {"id": "pay_1", "status": "pending"})
    with pytest.raises(CheckFailedError) as info:
        compare_payment(model, reply_with(payment(amount=501)), "larkpay_model", "get")
    assert info.value.check == "larkpay_model"
    assert "amount: expected 500, got 501" in str(info.value)
    assert info.value.curl == "curl http://h/v2/payments/pay_1"
    assert info.value.operation == "getPayment"


def test_compare_payment_lets_a_settling_payment_settle_once() -> None:
    model = PaymentModel.from_create(BODY, {"id": "pay_1", "status": "pending"})
    compare_payment(model, reply_with(payment(status="succeeded")), "larkpay_model", "get")
    assert model.status == "succeeded"
    with pytest.raises(CheckFailedError, match="status 'pending', expected 'succeeded'"):
        compare_payment(model, reply_with(payment(status="pending")), "larkpay_model", "get")


@dataclass
class FakeRequest:
    method: str = "POST"
    url: str = "http://h/v2/payments"
    body: str | bytes | None = '{"a": 1}'
    headers: dict[str, str] = field(default_factory=lambda: {"Idempotency-Key": "k"})


@dataclass
class FakeResponse:
    status_code: int = 201
    content: bytes = b'{"status": "success", "data": {}}'
    headers: dict[str, list[str]] = field(default_factory=lambda: {"X-Request-Id": ["req_1"]})
    request: FakeRequest = field(default_factory=FakeRequest)


def test_exchange_from_a_schemathesis_response_lowercases_and_encodes() -> None:
    exchange = exchange_from(FakeResponse())
    assert exchange.headers == {"x-request-id": "req_1"}
    assert exchange.request_headers == {"idempotency-key": "k"}
    assert exchange.request_body == b'{"a": 1}'
    assert (exchange.method, exchange.status) == ("POST", 201)
