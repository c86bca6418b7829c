"""The webhook dispatcher against a real SQLite store and a real loopback receiver."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.storage import outbox
from larkpay_sandbox.storage.database import Store, new_id, now_iso
from larkpay_sandbox.testing.receiver import WebhookReceiver, running_receiver
from larkpay_sandbox.webhooks import dispatcher as delivery
from larkpay_sandbox.webhooks.dispatcher import Dispatcher
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

API_KEY = "lk_test_DemoDemoDemoDemo00000001"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(os.urandom(32)).decode()


def settings(**overrides: Any) -> Settings:
    base: dict[str, Any] = {"retry_schedule": (0.05, 0.05, 0.05), "delivery_timeout": 2.0}
    base.update(overrides)
    return Settings().with_overrides(**base)


def add_endpoint(
    store: Store,
    url: str,
    secrets: list[tuple[str, str | None]],
    *,
    events: tuple[str, ...] = ("*",),
    status: str = "enabled",
) -> str:
    endpoint_id = new_id("we_")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_endpoints(id, api_key, url, events, description, status,"
            " created_at, seq) VALUES (?,?,?,?,?,?,?,?)",
            (endpoint_id, API_KEY, url, json.dumps(events), None, status, now_iso(), 1),
        )
        for secret, expires_at in secrets:
            conn.execute(
                "INSERT INTO webhook_secrets(endpoint_id, secret, created_at, expires_at)"
                " VALUES (?,?,?,?)",
                (endpoint_id, secret, now_iso(), expires_at),
            )
    return endpoint_id


def emit(store: Store, event_type: str = "payment.created") -> str:
    with store.transaction() as conn:
        return store.emit_event(conn, API_KEY, event_type, {"id": new_id("pay_")})


def outbox_states(store: Store) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in store.query_all("SELECT state, attempts FROM webhook_outbox")]


def deliveries(store: Store) -> list[tuple[Any, ...]]:
    return list(
        store.query_all(
            "SELECT event_id, attempt, status_code, error, latency_ms, succeeded"
            " FROM webhook_deliveries ORDER BY event_id, attempt"
        )
    )


async def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


def run_with_dispatcher(
    store: Store, config: Settings, body: Callable[[Dispatcher], Awaitable[None]]
) -> None:
    async def main() -> None:
        dispatcher = Dispatcher(store, config)
        await dispatcher.start()
        try:
            await body(dispatcher)
        finally:
            await dispatcher.stop()

    asyncio.run(main())


@pytest.fixture
def store() -> Iterator[Store]:
    db = Store(":memory:")
    yield db
    db.close()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with running_receiver() as running:
        yield running


def test_event_is_delivered_once_with_stored_body_and_valid_signature(
    store: Store, receiver: WebhookReceiver
) -> None:
    secret = new_secret()
    add_endpoint(store, receiver.url, [(secret, None)])

    async def body(_: Dispatcher) -> None:
        event_id = emit(store)
        await eventually(lambda: outbox_states(store) == [("delivered", 1)])
        [request] = receiver.requests
        stored = store.query_one("SELECT body FROM events WHERE id = ?", (event_id,))[0]
        assert request.body == stored.encode()
        assert request.webhook_id == event_id
        assert request.headers["content-type"] == "application/json"
        assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 5
        assert Webhook(secret).verify(request.body, request.headers)["id"] == event_id

    run_with_dispatcher(store, settings(), body)
    [row] = deliveries(store)
    assert row[1:3] == (1, 204)
    assert row[3] is None
    assert row[4] > 0
    assert row[5] == 1


def test_failed_attempts_are_retried_with_the_same_id_and_every_attempt_recorded(
    store: Store,
) -> None:
    secret = new_secret()
    with running_receiver(fail_first=2) as flaky:
        add_endpoint(store, flaky.url, [(secret, None)])

        async def body(_: Dispatcher) -> None:
            emit(store)
            await eventually(lambda: outbox_states(store) == [("delivered", 3)])

        run_with_dispatcher(store, settings(), body)
        requests = flaky.requests
    assert [r.answered for r in requests] == [500, 500, 204]
    assert len({r.webhook_id for r in requests}) == 1
    for request in requests:
        Webhook(secret).verify(request.body, request.headers)
    assert [(r[1], r[2], r[5]) for r in deliveries(store)] == [
        (1, 500, 0),
        (2, 500, 0),
        (3, 204, 1),
    ]


def test_row_is_failed_after_the_schedule_is_exhausted_and_not_tried_again(
    store: Store,
) -> None:
    with running_receiver(fail_rate=1.0) as broken:
        add_endpoint(store, broken.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(store)
            await eventually(lambda: outbox_states(store) == [("failed", 3)])
            await asyncio.sleep(0.3)

        run_with_dispatcher(store, settings(retry_schedule=(0.02, 0.02)), body)
        assert len(broken.requests) == 3
    assert [r[1] for r in deliveries(store)] == [1, 2, 3]


def test_retry_waits_for_the_scheduled_delay(store: Store) -> None:
    with running_receiver(fail_first=1) as flaky:
        add_endpoint(store, flaky.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(store)
            await eventually(lambda: outbox_states(store) == [("delivered", 2)])

        run_with_dispatcher(store, settings(retry_schedule=(0.4,)), body)
        first, second = flaky.requests
    assert second.received_at - first.received_at >= 0.38


def test_rotation_old_and_new_secret_both_sign_expired_secret_does_not(
    store: Store, receiver: WebhookReceiver
) -> None:
    expired, old, new = new_secret(), new_secret(), new_secret()
    add_endpoint(
        store,
        receiver.url,
        [(expired, now_iso(time.time() - 1)), (old, now_iso(time.time() + 3600)), (new, None)],
    )

    async def body(_: Dispatcher) -> None:
        emit(store)
        await eventually(lambda: outbox_states(store) == [("delivered", 1)])

    run_with_dispatcher(store, settings(), body)
    [request] = receiver.requests
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(request.body, request.headers)
    Webhook(new).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(expired).verify(request.body, request.headers)


def test_rows_pending_before_start_are_delivered_at_start(
    store: Store, receiver: WebhookReceiver
) -> None:
    add_endpoint(store, receiver.url, [(new_secret(), None)])
    event_ids = {emit(store) for _ in range(5)}

    async def body(_: Dispatcher) -> None:
        await eventually(lambda: outbox_states(store) == [("delivered", 1)] * 5)

    run_with_dispatcher(store, settings(), body)
    assert {r.webhook_id for r in receiver.requests} == event_ids


def test_commit_signal_wakes_the_dispatcher_without_polling(
    store: Store, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "POLL_INTERVAL", 60.0)
    add_endpoint(store, receiver.url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        await asyncio.sleep(0.1)  # the dispatcher is now asleep for up to 60 s
        emit(store)
        await eventually(lambda: len(receiver.requests) == 1, timeout=5.0)

    run_with_dispatcher(store, settings(), body)


def test_timeout_is_recorded_as_error_and_retried_later(store: Store) -> None:
    with running_receiver() as slow:
        slow.delay = 1.0
        add_endpoint(store, slow.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(store)
            await eventually(lambda: outbox_states(store) == [("pending", 1)])

        started = time.time()
        run_with_dispatcher(store, settings(delivery_timeout=0.2, retry_schedule=(30,)), body)
    [row] = deliveries(store)
    assert row[2] is None
    assert "timeout" in row[3]
    assert 150 <= row[4] < 1000
    due = store.query_one("SELECT next_attempt_at FROM webhook_outbox")[0]
    assert started + 29 < due < time.time() + 31


def test_unreachable_endpoint_is_recorded_as_connection_error(store: Store) -> None:
    with running_receiver() as gone:
        url = gone.url
    add_endpoint(store, url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        emit(store)
        await eventually(lambda: outbox_states(store) == [("pending", 1)])

    run_with_dispatcher(store, settings(retry_schedule=(30,)), body)
    [row] = deliveries(store)
    assert row[2] is None
    assert "ConnectError" in row[3]
    assert row[5] == 0


def test_non_loopback_endpoint_is_refused_without_any_request(store: Store) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    add_endpoint(store, "http://10.1.2.3:8080/hook", [(new_secret(), None)])

    async def main() -> None:
        dispatcher = Dispatcher(
            store, settings(retry_schedule=(30,)), transport=httpx.MockTransport(record)
        )
        await dispatcher.start()
        try:
            emit(store)
            await eventually(lambda: outbox_states(store) == [("pending", 1)])
        finally:
            await dispatcher.stop()

    asyncio.run(main())
    [row] = deliveries(store)
    assert sent == []
    assert row[2] is None
    assert "loopback addresses only" in row[3]
    assert "--allow-external-webhooks" in row[3]


def test_rows_of_a_deleted_or_disabled_endpoint_fail_without_an_attempt(
    store: Store, receiver: WebhookReceiver
) -> None:
    deleted = add_endpoint(store, receiver.url, [(new_secret(), None)])
    add_endpoint(store, receiver.url, [(new_secret(), None)])
    emit(store)
    with store.transaction() as conn:
        conn.execute("UPDATE webhook_endpoints SET deleted = 1 WHERE id = ?", (deleted,))
        conn.execute("UPDATE webhook_endpoints SET status = 'disabled' WHERE id != ?", (deleted,))

    async def body(_: Dispatcher) -> None:
        await eventually(lambda: outbox_states(store) == [("failed", 0)] * 2)

    run_with_dispatcher(store, settings(), body)
    assert receiver.requests == []
    assert deliveries(store) == []


def test_concurrency_is_bounded_by_settings(store: Store, receiver: WebhookReceiver) -> None:
    receiver.delay = 0.15
    add_endpoint(store, receiver.url, [(new_secret(), None)])
    for _ in range(6):
        emit(store)

    async def body(_: Dispatcher) -> None:
        await eventually(lambda: outbox_states(store) == [("delivered", 1)] * 6)

    run_with_dispatcher(store, settings(delivery_concurrency=2), body)
    assert receiver.peak_concurrency == 2


def test_stop_lets_an_in_flight_attempt_finish_and_record(
    store: Store, receiver: WebhookReceiver
) -> None:
    receiver.delay = 0.4
    add_endpoint(store, receiver.url, [(new_secret(), None)])

    async def body(dispatcher: Dispatcher) -> None:
        emit(store)
        await eventually(lambda: len(receiver.requests) == 1)
        assert dispatcher.in_flight == 1

    run_with_dispatcher(store, settings(), body)
    assert outbox_states(store) == [("delivered", 1)]
    assert [r[2] for r in deliveries(store)] == [204]


def test_redelivery_continues_the_attempt_count_and_keeps_the_webhook_id(
    store: Store, receiver: WebhookReceiver
) -> None:
    add_endpoint(store, receiver.url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        event_id = emit(store)
        await eventually(lambda: outbox_states(store) == [("delivered", 1)])
        with store.transaction() as conn:
            store.queue_deliveries(conn, API_KEY, event_id, "payment.created")
        await eventually(lambda: outbox_states(store) == [("delivered", 1)] * 2)

    run_with_dispatcher(store, settings(), body)
    assert [r[1] for r in deliveries(store)] == [1, 2]
    first, second = receiver.requests
    assert first.webhook_id == second.webhook_id
    assert first.body == second.body


def test_an_unexpected_fault_keeps_the_row_pending_without_a_hot_loop(
    store: Store, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_endpoint(store, receiver.url, [(new_secret(), None)])
    calls: list[float] = []

    def broken(*_: Any) -> None:
        calls.append(time.monotonic())
        raise RuntimeError("simulated store fault")

    monkeypatch.setattr(outbox, "attempt_context", broken)

    async def body(_: Dispatcher) -> None:
        emit(store)
        await asyncio.sleep(1.2)

    run_with_dispatcher(store, settings(), body)
    assert 1 <= len(calls) <= 4
    assert outbox_states(store) == [("pending", 0)]
    assert receiver.requests == []
