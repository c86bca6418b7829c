"""Example API bodies (from the examples in openapi.yaml) shared by the overlay tests."""

from __future__ import annotations

import json
from typing import Any

TIMESTAMP = "2026-11-27T10:15:00.123456Z"


def payment(payment_id: str = "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W", **changes: Any) -> dict[str, Any]:
    """A Payment object."""
    body: dict[str, Any] = {
        "id": payment_id,
        "object": "payment",
        "amount": 2500,
        "currency": "USD",
        "status": "succeeded",
        "amount_refunded": 0,
        "source": "test_success",
        "description": "Order 1042",
        "metadata": {"order_id": "1042"},
        "failure_code": None,
        "failure_message": None,
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
    body.update(changes)
    return body


def refund(refund_id: str = "re_4Hn8Tq2Wc6Lp9Xv1Mb3Kd7Rz", **changes: Any) -> dict[str, Any]:
    """A Refund object."""
    body: dict[str, Any] = {
        "id": refund_id,
        "object": "refund",
        "payment_id": "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W",
        "amount": 500,
        "currency": "USD",
        "reason": "requested_by_customer",
        "status": "succeeded",
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
    body.update(changes)
    return body


def webhook_endpoint(endpoint_id: str = "we_5Hq2Lr8TnB3xYk0MvWc7Pa9d") -> dict[str, Any]:
    """A WebhookEndpoint object, disabled because a delivery was answered 410."""
    return {
        "id": endpoint_id,
        "object": "webhook_endpoint",
        "url": "https://shop.example/webhooks/larkpay",
        "events": ["*"],
        "description": None,
        "status": "disabled",
        "disabled_reason": "gone",
        "created_at": TIMESTAMP,
    }


def event(kind: str = "payment.created") -> dict[str, Any]:
    """An Event object: about a refund for ``refund.*`` kinds, an endpoint for
    ``webhook_endpoint.*`` kinds, else about a payment."""
    data = payment()
    if str(kind).startswith("refund."):
        data = refund()
    elif str(kind).startswith("webhook_endpoint."):
        data = webhook_endpoint()
    return {
        "id": "evt_9Pa4Ws2Ke7Lm1Qx5Tb8Nr3Cv",
        "object": "event",
        "event": kind,
        "timestamp": TIMESTAMP,
        "data": data,
    }


def success(data: Any) -> dict[str, Any]:
    """A success envelope."""
    return {"status": "success", "data": data}


def page(items: list[Any], next_cursor: str | None) -> dict[str, Any]:
    """A list envelope."""
    return {
        "status": "success",
        "data": items,
        "has_more": next_cursor is not None,
        "next_cursor": next_cursor,
    }


def error(code: str, message: str = "it failed", **extra: Any) -> dict[str, Any]:
    """An error envelope."""
    body: dict[str, Any] = {"code": code, "message": message, "reason": None, "details": [],
            "request_id": "req_err1"}  # fmt: skip
    body.update(extra)
    return {"status": "error", "error": body}


def dumps(body: Any) -> bytes:
    """Compact JSON bytes."""
    return json.dumps(body, separators=(",", ":")).encode()
