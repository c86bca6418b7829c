"""The test clock: advancing runs settlements, delivery attempts and expiries in due order, each
at its due time, over real HTTP to real receivers, and nothing twice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from larkpay_sandbox.core.clock import format_timestamp, parse_timestamp
from larkpay_sandbox.testing import WebhookReceiver
from standardwebhooks.webhooks import Webhook
from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment, make_client
from tests.sandbox.timeline.conftest import advance, clock_time, endpoint, steps
from tests.sandbox.waiting import wait_until


def test_advance_settles_a_pending_payment_at_its_settle_time(sandbox: TestClient) -> None:
    payment = create_payment(sandbox, "test_pending_failure").json()["data"]
    created = parse_timestamp(payment["created_at"]).timestamp()
    data = advance(sandbox, seconds=10)
    [settlement] = steps(data, "settlement")
    due = format_timestamp(created + 2.0)
    assert settlement == {
        "kind": "settlement",
        "at": due,
        "payment_id": payment["id"],
        "outcome": "failed",
    }
    settled = sandbox.get(f"/payments/{payment['id']}").json()["data"]
    assert (settled["status"], settled["updated_at"]) == ("failed", due)
    assert data["counts"]["settlement"] == 1
    assert advance(sandbox, seconds=10)["counts"]["settlement"] == 0


def test_advance_moves_the_clock_by_seconds_or_to_a_time_and_it_runs_on(
    sandbox: TestClient,
) -> None:
    before = clock_time(sandbox)
    data = advance(sandbox, seconds=3600)
    assert parse_timestamp(data["time"]).timestamp() == pytest.approx(before + 3600, abs=1)
    assert data["previous_time"] < data["time"]
    target = format_timestamp(before + 7200)
    assert advance(sandbox, to=target.replace(".000000", ""))["time"][:19] == target[:19]
    assert clock_time(sandbox) >= parse_timestamp(target).timestamp()
    assert sandbox.get("/sandbox/clock").json()["data"]["offset_seconds"] >= 7199


def test_items_due_after_the_target_wait_for_a_later_advance(sandbox: TestClient) -> None:
    payment = create_payment(sandbox, "test_pending").json()["data"]
    assert advance(sandbox, seconds=1)["counts"]["settlement"] == 0
    assert sandbox.get(f"/payments/{payment['id']}").json()["data"]["status"] == "pending"
    assert advance(sandbox, seconds=1.5)["counts"]["settlement"] == 1


def test_retries_reach_the_receiver_on_schedule_with_their_attempt_numbers(
    sandbox: TestClient,
) -> None:
    with WebhookReceiver(fail_first=3) as receiver:
        hook = endpoint(sandbox, receiver.url, ["payment.created"])
        created_at = sandbox.get("/sandbox/clock").json()["data"]["time"]
        payment = create_payment(sandbox).json()["data"]
        receiver.wait_for(count=1)
        data = advance(sandbox, seconds=200)
        deliveries = receiver.deliveries
    first = int(deliveries[0].headers["webhook-timestamp"])
    stamps = [int(d.headers["webhook-timestamp"]) for d in deliveries]
    assert stamps == [first, first + 5, first + 35, first + 155]
    assert [d.answered for d in deliveries] == [500, 500, 500, 204]
    assert {d.webhook_id for d in deliveries} == {deliveries[0].webhook_id}
    for delivery in deliveries:
        assert json.loads(delivery.body)["data"]["id"] == payment["id"]
        Webhook(hook["secret"]).verify(delivery.body, delivery.headers)  # type: ignore[no-untyped-call]
    attempts = steps(data, "delivery_attempt")
    assert [(s["attempt"], s["status_code"], s["succeeded"]) for s in attempts] == [
        (2, 500, False),
        (3, 500, False),
        (4, 204, True),
    ]
    recorded = sandbox.get(f"/events/{deliveries[0].webhook_id}/deliveries").json()["data"]
    assert sorted(d["attempt"] for d in recorded) == [1, 2, 3, 4]
    assert {d["attempted_at"] for d in recorded[:3]} == {s["at"] for s in attempts}
    assert created_at < attempts[0]["at"]


def test_a_settlement_and_its_deliveries_run_in_due_order_at_the_due_time(
    sandbox: TestClient,
) -> None:
    with WebhookReceiver(fail_first=1) as receiver:
        endpoint(sandbox, receiver.url, ["payment.updated"])
        payment = create_payment(sandbox, "test_pending").json()["data"]
        data = advance(sandbox, seconds=60)
        deliveries = receiver.deliveries
    settle_at = parse_timestamp(payment["created_at"]).timestamp() + 2.0
    assert [step["kind"] for step in data["ran"]] == [
        "settlement",
        "delivery_attempt",
        "delivery_attempt",
    ]
    assert [step["at"] for step in data["ran"]] == [
        format_timestamp(settle_at),
        format_timestamp(settle_at),
        format_timestamp(settle_at + 5),
    ]
    assert [int(d.headers["webhook-timestamp"]) for d in deliveries] == [
        int(settle_at),
        int(settle_at + 5),
    ]
    event = json.loads(deliveries[0].body)
    assert event["timestamp"] > format_timestamp(settle_at - 0.001)
    assert event["data"]["updated_at"] == format_timestamp(settle_at)


def test_nothing_runs_twice_while_the_background_workers_are_paused(sandbox: TestClient) -> None:
    with WebhookReceiver(fail_rate=1.0) as receiver:
        endpoint(sandbox, receiver.url)
        for _ in range(20):
            create_payment(sandbox, "test_pending")
        data = advance(sandbox, seconds=3600)
        arrived = len(receiver.deliveries)
    app: Any = sandbox.app
    store = app.sandbox.store
    per_row = store.query_all("SELECT attempts, state FROM webhook_outbox")
    assert per_row == [(4, "failed")] * 40
    assert store.query_one("SELECT COUNT(*) FROM webhook_deliveries")[0] == 160 == arrived
    settled = store.query_all(
        "SELECT json_extract(body, '$.data.id'), COUNT(*) FROM events"
        " WHERE type = 'payment.updated' GROUP BY 1"
    )
    assert len(settled) == 20
    assert {count for _, count in settled} == {1}
    assert data["counts"]["settlement"] == 20


def test_an_expired_secret_is_reported_and_no_longer_signs(sandbox: TestClient) -> None:
    with WebhookReceiver() as receiver:
        hook = endpoint(sandbox, receiver.url, ["payment.created"])
        old_secret = hook["secret"]
        rotated = sandbox.post(
            f"/webhook_endpoints/{hook['id']}/rotate_secret", json={"overlap_seconds": 60}
        ).json()["data"]
        data = advance(sandbox, seconds=120)
        create_payment(sandbox)
        [delivery] = receiver.wait_for(count=1)
    [expiry] = steps(data, "secret_expiry")
    assert expiry["endpoint_id"] == hook["id"]
    assert delivery.headers["webhook-signature"].count("v1,") == 1
    Webhook(rotated["secret"]).verify(delivery.body, delivery.headers)  # type: ignore[no-untyped-call]
    assert old_secret != rotated["secret"]


def test_an_idempotency_key_expires_after_a_day_and_can_be_used_again(
    sandbox: TestClient,
) -> None:
    body = {"amount": 100, "currency": "USD", "source": "test_success"}
    headers = {"Idempotency-Key": "order-1042"}
    first = sandbox.post("/payments", json=body, headers=headers).json()["data"]
    assert advance(sandbox, seconds=86000)["counts"]["idempotency_expiry"] == 0
    replayed = sandbox.post("/payments", json=body, headers=headers)
    assert replayed.headers["idempotent-replayed"] == "true"
    data = advance(sandbox, seconds=500)
    assert steps(data, "idempotency_expiry")[0]["idempotency_key"] == "order-1042"
    again = sandbox.post("/payments", json=body, headers=headers).json()["data"]
    assert again["id"] != first["id"]


def test_an_advance_to_an_earlier_time_is_refused_and_runs_nothing(sandbox: TestClient) -> None:
    create_payment(sandbox, "test_pending")
    response = sandbox.post("/sandbox/clock/advance", json={"to": "2020-01-01T00:00:00Z"})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "INVALID_STATE"
    assert "never goes back" in error["message"]
    assert advance(sandbox, seconds=5)["counts"]["settlement"] == 1


def test_an_advance_of_more_than_366_days_is_refused(sandbox: TestClient) -> None:
    far = format_timestamp(clock_time(sandbox) + 400 * 86400)[:19] + "Z"
    response = sandbox.post("/sandbox/clock/advance", json={"to": far})
    assert response.status_code == 409
    assert "366 days" in response.json()["error"]["message"]


def test_only_the_callers_steps_are_listed_and_a_long_list_is_truncated(
    sandbox: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from larkpay_sandbox.handlers import clock as clock_handlers

    monkeypatch.setattr(clock_handlers, "MAX_LISTED_STEPS", 2)
    for _ in range(3):
        create_payment(sandbox, "test_pending")
    app: Any = sandbox.app
    with app.sandbox.store.transaction() as conn:
        conn.execute("UPDATE payments SET api_key = 'lk_test_SomeoneElse0000000001' WHERE seq = 1")
    data = advance(sandbox, seconds=5)
    assert data["counts"]["settlement"] == 2
    assert len(data["ran"]) == 2
    assert data["ran_truncated"] is False
    create_payment(sandbox, "test_pending")
    create_payment(sandbox, "test_pending")
    create_payment(sandbox, "test_pending")
    data = advance(sandbox, seconds=5)
    assert (data["counts"]["settlement"], len(data["ran"]), data["ran_truncated"]) == (3, 2, True)
    assert (
        app.sandbox.store.query_one("SELECT COUNT(*) FROM payments WHERE settle_at IS NOT NULL")[0]
        == 0
    )


def test_the_offset_survives_a_restart_on_the_same_file(tmp_path: Any) -> None:
    db_path = str(tmp_path / "sandbox.db")
    with make_client(db_path=db_path) as first:
        reached = parse_timestamp(advance(first, seconds=86400)["time"]).timestamp()
    with make_client(db_path=db_path) as second:
        assert clock_time(second) >= reached
        assert second.get("/sandbox/clock").json()["data"]["offset_seconds"] >= 86399


def test_an_attempt_that_fails_unexpectedly_is_left_pending_not_looped_on(
    sandbox: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with WebhookReceiver(fail_rate=1.0) as receiver:
        endpoint(sandbox, receiver.url, ["payment.updated"])
        create_payment(sandbox, "test_pending")
        app: Any = sandbox.app

        async def broken(*_: Any) -> Any:
            raise RuntimeError("boom")

        monkeypatch.setattr(app.sandbox.dispatcher, "attempt_at", broken)
        data = advance(sandbox, seconds=60)
        # The row stayed pending: once the advance is over, the dispatcher makes its attempt.
        [delivery] = receiver.wait_for(count=1)
    assert (data["counts"]["settlement"], data["counts"]["delivery_attempt"]) == (1, 0)
    assert json.loads(delivery.body)["event"] == "payment.updated"


def test_a_retry_due_just_after_the_target_goes_out_in_real_time_at_its_due_time() -> None:
    with (
        WebhookReceiver(fail_first=1) as receiver,
        make_client(retry_schedule=(60.0,)) as client,
    ):
        endpoint(client, receiver.url, ["payment.created"])
        create_payment(client)
        receiver.wait_for(count=1)
        assert steps(advance(client, seconds=59.5), "delivery_attempt") == []
        # Without waking after the advance, the dispatcher would sleep out the minute.
        [_, retry] = receiver.wait_for(count=2, timeout=5.0)
        recorded = client.get(f"/events/{retry.webhook_id}/deliveries").json()["data"]
    first, second = sorted(parse_timestamp(d["attempted_at"]).timestamp() for d in recorded)
    assert second - first >= 60.0
    assert retry.answered == 204


def test_a_settlement_due_just_after_the_target_runs_in_real_time_at_its_due_time(
    sandbox: TestClient,
) -> None:
    payment = create_payment(sandbox, "test_pending_failure").json()["data"]
    assert advance(sandbox, seconds=1.7)["counts"]["settlement"] == 0
    wait_until(
        lambda: sandbox.get(f"/payments/{payment['id']}").json()["data"]["status"] == "failed",
        what="the settler settles the payment in real time, 0.3 s after the advance",
        timeout=1.5,
    )
