"""Payments: create with every scenario, get, list with filters, update, cancel, settle."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment, make_client
from tests.sandbox.waiting import wait_until


def test_create_payment_returns_201_succeeded_envelope(client: TestClient) -> None:
    response = create_payment(client, description="Order 1", metadata={"order": "1"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "success"
    payment = body["data"]
    assert payment["id"].startswith("pay_")
    assert payment["status"] == "succeeded"
    assert payment["amount_refunded"] == 0
    assert payment["metadata"] == {"order": "1"}
    assert payment["created_at"].endswith("Z")


def test_get_payment_returns_the_created_payment(client: TestClient) -> None:
    created = create_payment(client).json()["data"]
    response = client.get(f"/payments/{created['id']}")
    assert response.status_code == 200
    assert response.json()["data"] == created


def test_get_payment_unknown_id_is_404_not_found(client: TestClient) -> None:
    response = client.get("/payments/pay_doesnotexist")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_get_payment_malformed_id_is_400_with_path_detail(client: TestClient) -> None:
    response = client.get("/payments/nope")
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "path.payment_id"


def test_create_payment_failure_scenario_is_402_and_payment_exists_failed(
    client: TestClient,
) -> None:
    response = create_payment(client, "test_failure")
    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "PAYMENT_FAILED"
    assert error["reason"] == "card_declined"
    payment = client.get(f"/payments/{error['payment_id']}").json()["data"]
    assert payment["status"] == "failed"
    assert payment["failure_code"] == "card_declined"


def test_create_payment_insufficient_funds_scenario_names_the_failure_code(
    client: TestClient,
) -> None:
    response = create_payment(client, "test_insufficient_funds")
    assert response.status_code == 402
    assert response.json()["error"]["reason"] == "insufficient_funds"


def test_create_payment_rate_limited_scenario_is_429_and_creates_nothing(
    client: TestClient,
) -> None:
    response = create_payment(client, "test_rate_limited")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert client.get("/payments").json()["data"] == []


def test_unavailable_once_fails_first_attempt_per_key_then_succeeds(client: TestClient) -> None:
    headers = {"Idempotency-Key": "unavailable-1"}
    body = {"amount": 100, "currency": "EUR", "source": "test_unavailable_once"}
    first = client.post("/payments", json=body, headers=headers)
    assert first.status_code == 503
    assert first.headers["retry-after"] == "1"
    assert first.json()["error"]["code"] == "SERVICE_UNAVAILABLE"
    second = client.post("/payments", json=body, headers=headers)
    assert second.status_code == 201


def test_unavailable_once_without_idempotency_key_succeeds(client: TestClient) -> None:
    assert create_payment(client, "test_unavailable_once").status_code == 201


def test_pending_payment_settles_to_succeeded_after_settle_delay() -> None:
    with make_client(settle_delay=0.1) as client:
        payment = create_payment(client, "test_pending").json()["data"]
        assert payment["status"] == "pending"
        wait_until(
            lambda: client.get(f"/payments/{payment['id']}").json()["data"]["status"] != "pending",
            what="the payment settles",
        )
        assert client.get(f"/payments/{payment['id']}").json()["data"]["status"] == "succeeded"
        types = [e["event"] for e in client.get("/events").json()["data"]]
        assert types == ["payment.updated", "payment.created"]


def test_pending_failure_payment_settles_to_failed_with_card_declined() -> None:
    with make_client(settle_delay=0.05) as client:
        payment = create_payment(client, "test_pending_failure").json()["data"]
        wait_until(
            lambda: client.get(f"/payments/{payment['id']}").json()["data"]["status"] != "pending",
            what="the payment settles",
        )
        current = client.get(f"/payments/{payment['id']}").json()["data"]
        assert current["status"] == "failed"
        assert current["failure_code"] == "card_declined"


def test_slow_scenario_answers_after_the_slow_delay() -> None:
    with make_client(slow_delay=0.3) as client:
        started = time.monotonic()
        response = create_payment(client, "test_slow")
        assert response.status_code == 201
        assert time.monotonic() - started >= 0.3


def test_list_payments_newest_first_and_filtered_by_status(client: TestClient) -> None:
    first = create_payment(client).json()["data"]["id"]
    failed = create_payment(client, "test_failure").json()["error"]["payment_id"]
    third = create_payment(client).json()["data"]["id"]
    listed = client.get("/payments").json()
    assert [p["id"] for p in listed["data"]] == [third, failed, first]
    assert listed["has_more"] is False
    assert listed["next_cursor"] is None
    only_failed = client.get("/payments", params={"status": "failed"}).json()["data"]
    assert [p["id"] for p in only_failed] == [failed]


def test_list_payments_rejects_unknown_query_parameter(client: TestClient) -> None:
    response = client.get("/payments", params={"colour": "red"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "query.colour"


def test_list_payments_rejects_limit_out_of_range_and_non_integer(client: TestClient) -> None:
    for value in ("0", "101", "ten", "1.5"):
        response = client.get("/payments", params={"limit": value})
        assert response.status_code == 400, value
        assert response.json()["error"]["details"][0]["field"] == "query.limit"


def test_update_payment_replaces_metadata_and_fires_payment_updated(client: TestClient) -> None:
    payment = create_payment(client, metadata={"a": "1", "b": "2"}).json()["data"]
    response = client.patch(
        f"/payments/{payment['id']}", json={"metadata": {"c": "3"}, "description": "new"}
    )
    assert response.status_code == 200
    updated = response.json()["data"]
    assert updated["metadata"] == {"c": "3"}
    assert updated["description"] == "new"
    events = client.get("/events", params={"event": "payment.updated"}).json()["data"]
    assert events[0]["data"] == updated


def test_update_payment_without_change_fires_no_event(client: TestClient) -> None:
    payment = create_payment(client, description="same").json()["data"]
    client.patch(f"/payments/{payment['id']}", json={"description": "same"})
    assert client.get("/events", params={"event": "payment.updated"}).json()["data"] == []


def test_update_payment_empty_body_is_400_min_properties(client: TestClient) -> None:
    payment = create_payment(client).json()["data"]
    assert client.patch(f"/payments/{payment['id']}", json={}).status_code == 400


def test_cancel_pending_payment_cancels_it_and_stops_settlement() -> None:
    with make_client(settle_delay=0.2) as client:
        payment = create_payment(client, "test_pending").json()["data"]
        response = client.post(f"/payments/{payment['id']}/cancel")
        assert response.status_code == 200
        assert response.json()["data"]["status"] == "canceled"
        store = client.app.sandbox.store  # type: ignore[attr-defined]
        row = store.query_one("SELECT settle_at FROM payments WHERE id=?", (payment["id"],))
        assert row == (None,), "a canceled payment keeps no settle time for the settler"
        assert client.get(f"/payments/{payment['id']}").json()["data"]["status"] == "canceled"


def test_cancel_succeeded_payment_is_409_invalid_state(client: TestClient) -> None:
    payment = create_payment(client).json()["data"]
    response = client.post(f"/payments/{payment['id']}/cancel")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "INVALID_STATE"


def test_settle_pending_payment_now_with_outcome(client: TestClient) -> None:
    payment = create_payment(client, "test_pending").json()["data"]
    response = client.post(f"/sandbox/payments/{payment['id']}/settle", json={"outcome": "failed"})
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "failed"
    again = client.post(f"/sandbox/payments/{payment['id']}/settle", json={"outcome": "failed"})
    assert again.status_code == 409
