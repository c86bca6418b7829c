"""Tenants: every key sees only its own objects, events, endpoints, deliveries and
idempotency records; createApiKey makes a new tenant."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.testing import basic_auth
from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment

KEY_B, SECRET_B = "lk_test_" + "B" * 24, "lsk_" + "b" * 32
OTHER = {"Authorization": basic_auth(KEY_B, SECRET_B)}


def _ids(response: Any) -> set[str]:
    return {item["id"] for item in response.json()["data"]}


def test_created_key_authenticates_and_is_shown_once_with_201(client: TestClient) -> None:
    response = client.post("/sandbox/api_keys", json={"description": "tenant b"})
    assert response.status_code == 201
    created = response.json()["data"]
    assert created["object"] == "api_key"
    assert created["description"] == "tenant b"
    auth = {"Authorization": basic_auth(created["api_key"], created["api_secret"])}
    assert client.get("/payments", headers=auth).json()["data"] == []
    wrong = {"Authorization": basic_auth(created["api_key"], "lsk_" + "x" * 32)}
    assert client.get("/payments", headers=wrong).json()["error"]["reason"] == (
        "invalid_credentials"
    )


def test_other_key_gets_404_and_empty_lists_for_every_object(client: TestClient) -> None:
    client.app.sandbox.api_keys.add(KEY_B, SECRET_B)  # type: ignore[attr-defined]
    payment_id = create_payment(client).json()["data"]["id"]
    refund = client.post(f"/payments/{payment_id}/refunds", json={"amount": 100}).json()["data"]
    endpoint = client.post(
        "/webhook_endpoints", json={"url": "http://127.0.0.1:9/hook", "events": ["*"]}
    ).json()["data"]
    event_id = client.get("/events").json()["data"][0]["id"]
    for method, path, body in [
        ("GET", f"/payments/{payment_id}", None),
        ("PATCH", f"/payments/{payment_id}", {"description": "x"}),
        ("POST", f"/payments/{payment_id}/cancel", None),
        ("POST", f"/payments/{payment_id}/refunds", {"amount": 1}),
        ("GET", f"/payments/{payment_id}/refunds", None),
        ("POST", f"/sandbox/payments/{payment_id}/settle", {"outcome": "failed"}),
        ("GET", f"/refunds/{refund['id']}", None),
        ("GET", f"/webhook_endpoints/{endpoint['id']}", None),
        ("PATCH", f"/webhook_endpoints/{endpoint['id']}", {"description": "x"}),
        ("POST", f"/webhook_endpoints/{endpoint['id']}/rotate_secret", {}),
        ("DELETE", f"/webhook_endpoints/{endpoint['id']}", None),
        ("GET", f"/events/{event_id}", None),
        ("GET", f"/events/{event_id}/deliveries", None),
        ("POST", f"/events/{event_id}/redeliver", None),
    ]:
        answer = client.request(method, path, json=body, headers=OTHER)
        assert answer.status_code == 404, (method, path, answer.text)
    for path in ("/payments", "/events", "/webhook_endpoints"):
        assert _ids(client.get(path, headers=OTHER)) == set(), path
    assert payment_id in _ids(client.get("/payments"))


def test_same_idempotency_key_under_two_keys_is_two_requests(client: TestClient) -> None:
    client.app.sandbox.api_keys.add(KEY_B, SECRET_B)  # type: ignore[attr-defined]
    body = {"amount": 100, "currency": "EUR", "source": "tok"}
    first = client.post("/payments", json=body, headers={"Idempotency-Key": "shared"})
    other = client.post("/payments", json=body, headers={"Idempotency-Key": "shared", **OTHER})
    assert other.status_code == 201
    assert "idempotent-replayed" not in other.headers
    assert other.json()["data"]["id"] != first.json()["data"]["id"]
    changed = client.post(
        "/payments", json={**body, "amount": 7}, headers={"Idempotency-Key": "shared", **OTHER}
    )
    assert changed.status_code == 422  # B's own earlier request, not A's
