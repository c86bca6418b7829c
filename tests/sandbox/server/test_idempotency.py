"""Idempotency-Key: replay, reuse with a different request, in-flight, what is not stored."""

from __future__ import annotations

import threading
import time

from larkpay_sandbox.server.contract import Context
from larkpay_sandbox.server.idempotency import (
    RETENTION_SECONDS,
    Idempotency,
    fingerprint,
    is_storable,
)
from larkpay_sandbox.storage.database import Store
from starlette.testclient import TestClient

from tests.sandbox.conftest import make_client

BODY = {"amount": 100, "currency": "USD", "source": "test_success"}


def test_same_key_same_request_replays_status_and_body(client: TestClient) -> None:
    first = client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-1"})
    again = client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-1"})
    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(client.get("/payments").json()["data"]) == 1


def test_key_order_and_whitespace_of_the_body_do_not_matter(client: TestClient) -> None:
    client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-2"})
    reordered = '{"source": "test_success", "currency": "USD",   "amount": 100}'
    again = client.post(
        "/payments",
        content=reordered,
        headers={"Idempotency-Key": "k-2", "Content-Type": "application/json"},
    )
    assert again.headers["idempotent-replayed"] == "true"


def test_same_key_different_body_is_422(client: TestClient) -> None:
    client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-3"})
    other = client.post(
        "/payments", json={**BODY, "amount": 101}, headers={"Idempotency-Key": "k-3"}
    )
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_same_key_different_path_is_422(client: TestClient) -> None:
    payment_id = client.post("/payments", json=BODY).json()["data"]["id"]
    client.post(f"/payments/{payment_id}/refunds", json={}, headers={"Idempotency-Key": "k-4"})
    other = client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-4"})
    assert other.status_code == 422


def test_replayed_error_carries_the_replays_request_id(client: TestClient) -> None:
    body = {**BODY, "source": "test_failure"}
    first = client.post("/payments", json=body, headers={"Idempotency-Key": "k-5"})
    again = client.post("/payments", json=body, headers={"Idempotency-Key": "k-5"})
    assert again.status_code == first.status_code == 402
    assert again.json()["error"]["payment_id"] == first.json()["error"]["payment_id"]
    assert again.json()["error"]["request_id"] == again.headers["x-request-id"]
    assert again.headers["x-request-id"] != first.headers["x-request-id"]


def test_409_invalid_state_is_stored_and_replayed(client: TestClient) -> None:
    payment_id = client.post("/payments", json=BODY).json()["data"]["id"]
    first = client.post(f"/payments/{payment_id}/cancel", headers={"Idempotency-Key": "k-6"})
    again = client.post(f"/payments/{payment_id}/cancel", headers={"Idempotency-Key": "k-6"})
    assert first.status_code == again.status_code == 409
    assert again.headers["idempotent-replayed"] == "true"


def test_429_scenario_is_not_stored_so_a_retry_runs_again(client: TestClient) -> None:
    body = {**BODY, "source": "test_rate_limited"}
    for _ in range(2):
        response = client.post("/payments", json=body, headers={"Idempotency-Key": "k-7"})
        assert response.status_code == 429
        assert "idempotent-replayed" not in response.headers


def test_validation_errors_are_not_stored(client: TestClient) -> None:
    bad = client.post("/payments", json={**BODY, "amount": 0}, headers={"Idempotency-Key": "k-8"})
    assert bad.status_code == 400
    good = client.post("/payments", json=BODY, headers={"Idempotency-Key": "k-8"})
    assert good.status_code == 201


def test_malformed_idempotency_key_is_400(client: TestClient) -> None:
    response = client.post("/payments", json=BODY, headers={"Idempotency-Key": "has space"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "header.Idempotency-Key"
    too_long = client.post("/payments", json=BODY, headers={"Idempotency-Key": "k" * 256})
    assert too_long.status_code == 400


def test_concurrent_request_with_key_in_flight_is_409_in_progress() -> None:
    with make_client(slow_delay=2.0) as client:
        slow = {**BODY, "source": "test_slow"}
        results: list[int] = []
        worker = threading.Thread(
            target=lambda: results.append(
                client.post("/payments", json=slow, headers={"Idempotency-Key": "k-9"}).status_code
            )
        )
        worker.start()
        # Wait until the first request holds the key, rather than for a guessed duration.
        in_flight = client.app.sandbox.idempotency.in_flight  # type: ignore[attr-defined]
        deadline = time.monotonic() + 5.0
        while not in_flight and time.monotonic() < deadline:
            time.sleep(0.005)
        assert in_flight, "the first test_slow request never reached the sandbox"
        during = client.post("/payments", json=slow, headers={"Idempotency-Key": "k-9"})
        worker.join()
        assert during.status_code == 409
        assert during.json()["error"]["code"] == "IDEMPOTENCY_IN_PROGRESS"
        assert results == [201]
        after = client.post("/payments", json=slow, headers={"Idempotency-Key": "k-9"})
        assert after.headers["idempotent-replayed"] == "true"


def test_fingerprint_depends_on_method_path_and_parsed_body() -> None:
    base = fingerprint("POST", "/v2/payments", {"a": 1, "b": 2})
    assert base == fingerprint("POST", "/v2/payments", {"b": 2, "a": 1})
    assert base != fingerprint("PATCH", "/v2/payments", {"a": 1, "b": 2})
    assert base != fingerprint("POST", "/v2/refunds", {"a": 1, "b": 2})
    assert base != fingerprint("POST", "/v2/payments", {"a": 1})


def test_only_429_and_5xx_are_not_storable() -> None:
    assert [is_storable(s) for s in (200, 201, 402, 409, 429, 500, 503)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_stored_replies_expire_after_24_hours() -> None:
    now = [1_000_000.0]
    store = Store(":memory:")
    idempotency = Idempotency(store, clock=lambda: now[0])
    ctx = Context(None, "key", {}, {}, {}, {}, idempotency_key="k", fingerprint="f")  # type: ignore[arg-type]
    with store.transaction() as conn:
        idempotency.save(conn, ctx, 201, b"{}")
    assert idempotency.lookup(ctx) == (201, b"{}")
    now[0] += RETENTION_SECONDS + 1
    assert idempotency.lookup(ctx) is None
    assert idempotency.purge_expired() == 1
