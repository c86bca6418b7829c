"""Inputs that once escaped untyped or weakened verification now get typed errors."""

from __future__ import annotations

import httpx
import pytest
from larkpay import (
    APIResponseValidationError,
    APIStatusError,
    ConfigurationError,
    InvalidPayloadError,
    LarkpayClient,
    Webhook,
)

DEEP = b"[" * 100_000 + b"]" * 100_000
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def _client(status: int) -> LarkpayClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=DEEP, headers={"content-type": "application/json"})

    return LarkpayClient(
        "lk_test_DemoDemoDemoDemo00000001",
        "lsk_DemoDemoDemoDemoDemoDemo0000000001",
        base_url="http://api.test/v2",
        max_retries=0,
        transport=httpx.MockTransport(handler),
    )


def test_deeply_nested_success_body_raises_response_validation_error() -> None:
    with pytest.raises(APIResponseValidationError):
        _client(200).payments.get("pay_abc")


@pytest.mark.parametrize("status", [400, 409, 503, 599])
def test_deeply_nested_error_body_raises_a_status_error(status: int) -> None:
    with pytest.raises(APIStatusError) as caught:
        _client(status).payments.create(amount=1, currency="USD", source="test_success")
    assert caught.value.status_code == status


def test_unwrap_of_a_deeply_nested_signed_body_raises_invalid_payload() -> None:
    webhook = Webhook(SECRET)
    with pytest.raises(InvalidPayloadError):
        webhook.unwrap(DEEP, webhook.headers(DEEP))


@pytest.mark.parametrize("tolerance", [float("nan"), float("inf"), -1.0])
def test_webhook_refuses_a_tolerance_that_is_not_finite_and_non_negative(
    tolerance: float,
) -> None:
    with pytest.raises(ConfigurationError, match="tolerance"):
        Webhook(SECRET, tolerance=tolerance)


def test_webhook_refuses_an_empty_bytes_secret() -> None:
    with pytest.raises(ConfigurationError, match="empty"):
        Webhook(b"")
