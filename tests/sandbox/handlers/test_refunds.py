"""Refunds: default amount, partial refunds, never over the amount, listing, events."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment


def _paid(client: TestClient, amount: int = 1000) -> str:
    return str(create_payment(client, amount=amount).json()["data"]["id"])


def test_refund_without_amount_refunds_everything_left(client: TestClient) -> None:
    payment_id = _paid(client)
    response = client.post(f"/payments/{payment_id}/refunds", json={})
    assert response.status_code == 201
    refund = response.json()["data"]
    assert refund["amount"] == 1000
    assert refund["status"] == "succeeded"
    assert refund["reason"] is None
    assert client.get(f"/payments/{payment_id}").json()["data"]["amount_refunded"] == 1000


def test_partial_refunds_add_up_and_the_rest_is_refused_with_409(client: TestClient) -> None:
    payment_id = _paid(client)
    first = client.post(
        f"/payments/{payment_id}/refunds", json={"amount": 600, "reason": "duplicate"}
    )
    assert first.status_code == 201
    assert first.json()["data"]["reason"] == "duplicate"
    too_much = client.post(f"/payments/{payment_id}/refunds", json={"amount": 401})
    assert too_much.status_code == 409
    assert too_much.json()["error"]["code"] == "INVALID_STATE"
    rest = client.post(f"/payments/{payment_id}/refunds", json={})
    assert rest.json()["data"]["amount"] == 400
    nothing_left = client.post(f"/payments/{payment_id}/refunds", json={})
    assert nothing_left.status_code == 409


def test_refund_of_failed_payment_is_409(client: TestClient) -> None:
    payment_id = create_payment(client, "test_failure").json()["error"]["payment_id"]
    assert client.post(f"/payments/{payment_id}/refunds", json={}).status_code == 409


def test_refund_of_unknown_payment_is_404(client: TestClient) -> None:
    assert client.post("/payments/pay_unknown/refunds", json={}).status_code == 404


def test_refund_fires_refund_created_and_payment_updated(client: TestClient) -> None:
    payment_id = _paid(client)
    refund = client.post(f"/payments/{payment_id}/refunds", json={"amount": 10}).json()["data"]
    events = client.get("/events").json()["data"]
    assert [e["event"] for e in events[:2]] == ["payment.updated", "refund.created"]
    assert events[1]["data"] == refund
    assert events[0]["data"]["amount_refunded"] == 10


def test_list_and_get_refunds(client: TestClient) -> None:
    payment_id = _paid(client)
    ids = [
        client.post(f"/payments/{payment_id}/refunds", json={"amount": 1}).json()["data"]["id"]
        for _ in range(3)
    ]
    listed = client.get(f"/payments/{payment_id}/refunds", params={"limit": 2}).json()
    assert [r["id"] for r in listed["data"]] == ids[::-1][:2]
    assert listed["has_more"] is True
    rest = client.get(
        f"/payments/{payment_id}/refunds", params={"cursor": listed["next_cursor"]}
    ).json()
    assert [r["id"] for r in rest["data"]] == [ids[0]]
    assert client.get(f"/refunds/{ids[0]}").json()["data"]["payment_id"] == payment_id
    assert client.get("/refunds/re_unknown").status_code == 404


def test_refund_body_with_unknown_field_is_400(client: TestClient) -> None:
    payment_id = _paid(client)
    response = client.post(f"/payments/{payment_id}/refunds", json={"amount": 1, "why": "x"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == [
        {"field": "why", "message": "is not a known field"}
    ]
