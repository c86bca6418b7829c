"""Idempotency-Key: replay, reuse with a different request, in-flight, what is not stored."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from pathlib import Path

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.server.contract import Context, Handler, Reply
from larkpay_sandbox.server.idempotency import Idempotency, fingerprint, is_storable
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import IdempotencyKey, IdempotencyRecords
from starlette.testclient import TestClient

from tests.sandbox.conftest import make_client, make_services
from tests.sandbox.doubles import FixedClock
from tests.sandbox.waiting import wait_until

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
        in_flight = client.app.sandbox.idempotency.in_flight  # type: ignore[attr-defined]
        wait_until(lambda: bool(in_flight), what="the first test_slow request holds the key")
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


def test_settle_with_a_key_is_replayed_not_refused_the_second_time(client: TestClient) -> None:
    pending = client.post("/payments", json={**BODY, "source": "test_pending"}).json()["data"]
    path = f"/sandbox/payments/{pending['id']}/settle"
    headers = {"Idempotency-Key": "k-settle"}
    first = client.post(path, json={"outcome": "succeeded"}, headers=headers)
    again = client.post(path, json={"outcome": "succeeded"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()


def run_once(
    tmp_path: Path, handler: Handler, key: IdempotencyKey
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Run ``handler`` through Idempotency.run on a file store; what another connection sees
    of (counters, idempotency) before and after the group commit."""
    tmp_path.mkdir(exist_ok=True)
    store = Store(str(tmp_path / "s.db"))
    services = make_services(store)
    idempotency = Idempotency(IdempotencyRecords(store, FixedClock(1.0)), store)
    ctx = Context(services, "key", {}, {}, {}, None, "req_1", key.key)
    other = sqlite3.connect(tmp_path / "s.db")

    def seen() -> list[tuple[str, int]]:
        counters = other.execute("SELECT name, value FROM counters").fetchall()
        stored = other.execute("SELECT key, status FROM idempotency").fetchall()
        return [*counters, *stored]

    async def main() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        with contextlib.suppress(ApiError):
            await idempotency.run(key, ctx.request_id, lambda: handler(ctx))
        before = seen()
        await store.durable()
        return before, seen()

    try:
        return asyncio.run(main())
    finally:
        other.close()
        store.close()


def test_run_remembers_the_reply_in_the_same_commit_as_the_handlers_write(
    tmp_path: Path,
) -> None:
    async def handler(ctx: Context) -> Reply:
        with ctx.transaction() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('written', 1)")
        return Reply(201, b"{}")

    before, after = run_once(tmp_path, handler, IdempotencyKey("key", "k-1", "f"))
    assert before == []
    assert after == [("written", 1), ("k-1", 201)]


def test_run_remembers_a_storable_error_and_not_a_503(tmp_path: Path) -> None:
    async def conflict(ctx: Context) -> Reply:
        raise ApiError("INVALID_STATE", "no")

    async def outage(ctx: Context) -> Reply:
        raise ApiError("SERVICE_UNAVAILABLE", "later")

    assert run_once(tmp_path / "a", conflict, IdempotencyKey("key", "k-2", "f"))[1] == [
        ("k-2", 409)
    ]
    assert run_once(tmp_path / "b", outage, IdempotencyKey("key", "k-3", "f"))[1] == []
