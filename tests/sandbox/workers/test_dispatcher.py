"""The webhook dispatcher against a real SQLite store and a real loopback receiver."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import Awaitable, Callable, Collection, Iterator, Mapping
from typing import Any

import pytest
from larkpay_sandbox.core.clock import Clock, format_timestamp
from larkpay_sandbox.core.ids import new_id
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.core.wakeup import FAULT_RETRY_SECONDS
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox, OutboxRow
from larkpay_sandbox.testing import WebhookReceiver
from larkpay_sandbox.webhooks.sender import Sender
from larkpay_sandbox.workers.dispatcher import Dispatcher
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.sandbox.doubles import FixedClock, SleepWatchingWakeup
from tests.sandbox.waiting import async_wait_until

API_KEY = "lk_test_DemoDemoDemoDemo00000001"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(os.urandom(32)).decode()


def settings(**overrides: Any) -> Settings:
    base: dict[str, Any] = {"retry_schedule": (0.05, 0.05, 0.05), "delivery_timeout": 2.0}
    base.update(overrides)
    return Settings().with_overrides(**base)


def add_endpoint(
    outbox: Outbox,
    url: str,
    secrets: list[tuple[str, str | None]],
    *,
    events: tuple[str, ...] = ("*",),
    status: str = "enabled",
) -> str:
    endpoint_id = new_id("we_")
    now = format_timestamp(time.time())
    with outbox.store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_endpoints(id, api_key, url, events, description, status,"
            " created_at, seq) VALUES (?,?,?,?,?,?,?,?)",
            (endpoint_id, API_KEY, url, json.dumps(events), None, status, now, 1),
        )
        for secret, expires_at in secrets:
            conn.execute(
                "INSERT INTO webhook_secrets(endpoint_id, secret, created_at, expires_at)"
                " VALUES (?,?,?,?)",
                (endpoint_id, secret, now, expires_at),
            )
    return endpoint_id


def emit(outbox: Outbox, event_type: str = "payment.created") -> str:
    with outbox.store.transaction() as conn:
        return outbox.emit_event(conn, API_KEY, event_type, {"id": new_id("pay_")})


def outbox_states(outbox: Outbox) -> list[tuple[str, int]]:
    rows = outbox.store.query_all("SELECT state, attempts FROM webhook_outbox")
    return [(r[0], r[1]) for r in rows]


def attempts(outbox: Outbox) -> list[tuple[Any, ...]]:
    return list(
        outbox.store.query_all(
            "SELECT event_id, attempt, status_code, error, latency_ms, succeeded"
            " FROM webhook_deliveries ORDER BY event_id, attempt"
        )
    )


async def states_become(outbox: Outbox, expected: list[tuple[str, int]]) -> None:
    await async_wait_until(
        lambda: outbox_states(outbox) == expected, what=f"the outbox rows are {expected}"
    )


def run_with_dispatcher(
    outbox: Outbox,
    config: Settings,
    body: Callable[[Dispatcher], Awaitable[None]],
    sender: Sender | None = None,
) -> None:
    async def main() -> None:
        dispatcher = Dispatcher(outbox, config, outbox.clock, sender=sender)
        await dispatcher.start()
        try:
            await body(dispatcher)
        finally:
            await dispatcher.stop()

    asyncio.run(main())


@pytest.fixture
def outbox() -> Iterator[Outbox]:
    store = Store(":memory:")
    yield Outbox(store, Clock())
    store.close()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


def test_event_is_delivered_once_with_stored_body_and_valid_signature(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    secret = new_secret()
    add_endpoint(outbox, receiver.url, [(secret, None)])

    async def body(_: Dispatcher) -> None:
        event_id = emit(outbox)
        await states_become(outbox, [("delivered", 1)])
        [delivery] = receiver.deliveries
        stored = outbox.store.query_one("SELECT body FROM events WHERE id = ?", (event_id,))[0]
        assert delivery.body == stored.encode()
        assert delivery.webhook_id == event_id
        assert delivery.headers["content-type"] == "application/json"
        assert abs(int(delivery.headers["webhook-timestamp"]) - time.time()) < 5
        assert Webhook(secret).verify(delivery.body, delivery.headers)["id"] == event_id

    run_with_dispatcher(outbox, settings(), body)
    [row] = attempts(outbox)
    assert row[1:3] == (1, 204)
    assert row[3] is None
    assert row[4] > 0
    assert row[5] == 1


def test_failed_attempts_are_retried_with_the_same_id_and_every_attempt_recorded(
    outbox: Outbox,
) -> None:
    secret = new_secret()
    with WebhookReceiver(fail_first=2) as flaky:
        add_endpoint(outbox, flaky.url, [(secret, None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("delivered", 3)])

        run_with_dispatcher(outbox, settings(), body)
        deliveries = flaky.deliveries
    assert [d.answered for d in deliveries] == [500, 500, 204]
    assert len({d.webhook_id for d in deliveries}) == 1
    for delivery in deliveries:
        Webhook(secret).verify(delivery.body, delivery.headers)
    assert [(r[1], r[2], r[5]) for r in attempts(outbox)] == [
        (1, 500, 0),
        (2, 500, 0),
        (3, 204, 1),
    ]


def test_row_is_failed_after_the_schedule_is_exhausted_and_never_due_again(
    outbox: Outbox,
) -> None:
    with WebhookReceiver(fail_rate=1.0) as broken:
        add_endpoint(outbox, broken.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("failed", 3)])

        run_with_dispatcher(outbox, settings(retry_schedule=(0.02, 0.02)), body)
        assert len(broken.deliveries) == 3
    assert outbox.next_due_time(exclude=()) is None
    assert [r[1] for r in attempts(outbox)] == [1, 2, 3]


def test_a_retry_waits_for_its_delay_and_only_its_timer_wakes_the_dispatcher(
    outbox: Outbox,
) -> None:
    wakeup = SleepWatchingWakeup()
    outbox.due = wakeup
    with WebhookReceiver(fail_first=1) as flaky:
        add_endpoint(outbox, flaky.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("delivered", 2)])

        run_with_dispatcher(outbox, settings(retry_schedule=(0.4,)), body)
        first, second = flaky.deliveries
    assert second.received_at - first.received_at >= 0.38
    timed = [
        (timeout, ended)
        for timeout, ended in zip(wakeup.timeouts, wakeup.ended_by, strict=False)
        if timeout is not None
    ]
    [(timeout, ended)] = timed
    assert 0.2 < timeout <= 0.4
    assert ended == "timeout"


def test_rotation_old_and_new_secret_both_sign_expired_secret_does_not(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    expired, old, new = new_secret(), new_secret(), new_secret()
    now = time.time()
    add_endpoint(
        outbox,
        receiver.url,
        [
            (expired, format_timestamp(now - 1)),
            (old, format_timestamp(now + 3600)),
            (new, None),
        ],
    )

    async def body(_: Dispatcher) -> None:
        emit(outbox)
        await states_become(outbox, [("delivered", 1)])

    run_with_dispatcher(outbox, settings(), body)
    [delivery] = receiver.deliveries
    assert len(delivery.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(delivery.body, delivery.headers)
    Webhook(new).verify(delivery.body, delivery.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(expired).verify(delivery.body, delivery.headers)


def test_rows_pending_before_start_are_delivered_at_start(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    event_ids = {emit(outbox) for _ in range(5)}

    async def body(_: Dispatcher) -> None:
        await states_become(outbox, [("delivered", 1)] * 5)

    run_with_dispatcher(outbox, settings(), body)
    assert {d.webhook_id for d in receiver.deliveries} == event_ids


def count_passes(outbox: Outbox, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the time of each dispatcher pass (each claims due rows once)."""
    passes: list[float] = []
    due_rows = outbox.due_rows

    def counted(limit: int, exclude: Collection[int]) -> list[OutboxRow]:
        passes.append(time.monotonic())
        return due_rows(limit, exclude)

    monkeypatch.setattr(outbox, "due_rows", counted)
    return passes


def test_a_commit_wakes_the_dispatcher_sleeping_with_no_timer(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    wakeup = SleepWatchingWakeup()
    outbox.due = wakeup
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        await async_wait_until(
            lambda: wakeup.sleeping_untimed, what="the idle dispatcher sleeps with no timer"
        )
        emit(outbox)
        await async_wait_until(
            lambda: len(receiver.deliveries) == 1, what="the committed event is delivered"
        )

    run_with_dispatcher(outbox, settings(), body)
    assert wakeup.timeouts[0] is None
    assert wakeup.ended_by[0] == "set"


def test_an_idle_dispatcher_does_no_wakeups(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    wakeup = SleepWatchingWakeup()
    outbox.due = wakeup
    passes = count_passes(outbox, monkeypatch)

    async def body(_: Dispatcher) -> None:
        await async_wait_until(
            lambda: wakeup.sleeping_untimed, what="the idle dispatcher sleeps with no timer"
        )
        await asyncio.sleep(0.7)

    run_with_dispatcher(outbox, settings(), body)
    assert len(passes) == 1
    assert wakeup.ended_by == []


def test_a_retry_due_in_an_hour_is_the_dispatchers_only_timer(
    outbox: Outbox, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    emit(outbox)
    retry_at = time.time() + 3600
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_outbox SET attempts = 1, next_attempt_at = ?", (retry_at,))
    wakeup = SleepWatchingWakeup()
    outbox.due = wakeup
    passes = count_passes(outbox, monkeypatch)

    async def body(_: Dispatcher) -> None:
        await async_wait_until(lambda: len(wakeup.timeouts) == 1, what="the dispatcher sleeps")
        await asyncio.sleep(0.3)

    run_with_dispatcher(outbox, settings(), body)
    [timeout] = wakeup.timeouts
    assert timeout is not None
    assert 3590 < timeout <= 3600
    assert (len(passes), receiver.deliveries) == (1, [])


def test_timeout_is_recorded_as_error_and_retried_later(outbox: Outbox) -> None:
    with WebhookReceiver() as slow:
        slow.delay = 1.0
        add_endpoint(outbox, slow.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("pending", 1)])

        started = time.time()
        run_with_dispatcher(outbox, settings(delivery_timeout=0.2, retry_schedule=(30,)), body)
    [row] = attempts(outbox)
    assert row[2] is None
    assert "timeout" in row[3]
    assert 150 <= row[4] < 1000
    due = outbox.store.query_one("SELECT next_attempt_at FROM webhook_outbox")[0]
    assert started + 29 < due < time.time() + 31


def test_unreachable_endpoint_is_recorded_as_connection_error(outbox: Outbox) -> None:
    with WebhookReceiver() as gone:
        url = gone.url
    add_endpoint(outbox, url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        emit(outbox)
        await states_become(outbox, [("pending", 1)])

    run_with_dispatcher(outbox, settings(retry_schedule=(30,)), body)
    [row] = attempts(outbox)
    assert row[2] is None
    assert "ClientConnectorError" in row[3]
    assert "Cannot connect" in row[3]
    assert row[5] == 0


class RecordingSender:
    """A Sender that records what it is asked to send and answers 204."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        self.sent.append(url)
        return 204

    async def close(self) -> None:
        """Nothing to close."""


def test_non_loopback_endpoint_is_refused_without_any_request(outbox: Outbox) -> None:
    sender = RecordingSender()
    add_endpoint(outbox, "http://10.1.2.3:8080/hook", [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        emit(outbox)
        await states_become(outbox, [("pending", 1)])

    run_with_dispatcher(outbox, settings(retry_schedule=(30,)), body, sender=sender)
    [row] = attempts(outbox)
    assert sender.sent == []
    assert row[2] is None
    assert "loopback addresses only" in row[3]
    assert "--allow-external-webhooks" in row[3]


def test_rows_of_a_deleted_or_disabled_endpoint_fail_without_an_attempt(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    deleted = add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    emit(outbox)
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_endpoints SET deleted = 1 WHERE id = ?", (deleted,))
        conn.execute("UPDATE webhook_endpoints SET status = 'disabled' WHERE id != ?", (deleted,))

    async def body(_: Dispatcher) -> None:
        await states_become(outbox, [("failed", 0)] * 2)

    run_with_dispatcher(outbox, settings(), body)
    assert receiver.deliveries == []
    assert attempts(outbox) == []


def test_concurrency_is_bounded_by_settings(outbox: Outbox, receiver: WebhookReceiver) -> None:
    receiver.delay = 0.15
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    for _ in range(6):
        emit(outbox)

    async def body(_: Dispatcher) -> None:
        await states_become(outbox, [("delivered", 1)] * 6)

    run_with_dispatcher(outbox, settings(delivery_concurrency=2), body)
    assert receiver.peak_concurrency == 2


def test_stop_lets_an_in_flight_attempt_finish_and_record(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    receiver.delay = 0.4
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        emit(outbox)
        await async_wait_until(
            lambda: len(receiver.deliveries) == 1, what="the attempt reaches the receiver"
        )
        assert attempts(outbox) == [], "stop() must come while the attempt is in flight"

    run_with_dispatcher(outbox, settings(), body)
    assert outbox_states(outbox) == [("delivered", 1)]
    assert [r[2] for r in attempts(outbox)] == [204]


def test_redelivery_continues_the_attempt_count_and_keeps_the_webhook_id(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])

    async def body(_: Dispatcher) -> None:
        event_id = emit(outbox)
        await states_become(outbox, [("delivered", 1)])
        with outbox.store.transaction() as conn:
            outbox.queue_deliveries(conn, API_KEY, event_id, "payment.created")
        await states_become(outbox, [("delivered", 1)] * 2)

    run_with_dispatcher(outbox, settings(), body)
    assert [r[1] for r in attempts(outbox)] == [1, 2]
    first, second = receiver.deliveries
    assert first.webhook_id == second.webhook_id
    assert first.body == second.body


def test_an_unexpected_fault_keeps_the_row_pending_and_is_retried_only_after_a_pause(
    outbox: Outbox, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    calls: list[float] = []

    def broken(*_: Any) -> None:
        calls.append(time.monotonic())
        raise RuntimeError("simulated store fault")

    monkeypatch.setattr(outbox, "attempt_context", broken)

    async def body(_: Dispatcher) -> None:
        emit(outbox)
        await async_wait_until(lambda: len(calls) >= 2, what="the faulty row is tried again")

    run_with_dispatcher(outbox, settings(), body)
    assert calls[1] - calls[0] >= FAULT_RETRY_SECONDS * 0.9
    assert outbox_states(outbox) == [("pending", 0)]
    assert receiver.deliveries == []


def test_a_410_fails_the_row_without_a_retry_and_disables_the_endpoint(outbox: Outbox) -> None:
    with WebhookReceiver(statuses=[410]) as gone:
        endpoint_id = add_endpoint(outbox, gone.url, [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("failed", 1)])

        run_with_dispatcher(outbox, settings(), body)
    row = outbox.store.query_one(
        "SELECT status, disabled_reason FROM webhook_endpoints WHERE id = ?", (endpoint_id,)
    )
    assert tuple(row) == ("disabled", "gone")
    assert [r[2] for r in attempts(outbox)] == [410]


def test_paused_waits_for_the_attempts_in_flight_and_claims_nothing_until_it_ends(
    outbox: Outbox, receiver: WebhookReceiver
) -> None:
    add_endpoint(outbox, receiver.url, [(new_secret(), None)])
    receiver.hold()

    async def body(dispatcher: Dispatcher) -> None:
        emit(outbox)
        await async_wait_until(lambda: len(receiver.deliveries) == 1, what="the attempt arrives")
        entered = asyncio.Event()

        async def pause() -> None:
            async with dispatcher.paused():
                entered.set()
                emit(outbox)
                await asyncio.sleep(0.3)
                assert len(receiver.deliveries) == 1, "nothing is claimed while paused"

        task = asyncio.create_task(pause())
        await asyncio.sleep(0.1)
        assert not entered.is_set(), "the pause waits for the attempt in flight"
        receiver.release()
        await task
        await states_become(outbox, [("delivered", 1)] * 2)

    run_with_dispatcher(outbox, settings(), body)


def test_attempt_at_signs_and_records_the_given_time_and_retries_after_it(
    outbox: Outbox,
) -> None:
    secret = new_secret()
    at = 1_900_000_000.25
    with WebhookReceiver(fail_first=1) as flaky:
        add_endpoint(outbox, flaky.url, [(secret, None)])

        async def body(dispatcher: Dispatcher) -> None:
            async with dispatcher.paused():
                event_id = emit(outbox)
                [row] = outbox.due_rows(1, exclude=())
                attempted = await dispatcher.attempt_at(row, at)
                assert (attempted.attempt, attempted.status_code) == (1, 500)
                assert (attempted.succeeded, attempted.disabled) == (False, None)
                assert attempted.row.event_id == event_id

        run_with_dispatcher(outbox, settings(retry_schedule=(30.0,)), body)
        [delivery] = flaky.deliveries
    assert delivery.headers["webhook-timestamp"] == str(int(at))
    recorded = outbox.store.query_one("SELECT attempted_at FROM webhook_deliveries")[0]
    assert recorded == format_timestamp(at)
    due = outbox.store.query_one("SELECT next_attempt_at FROM webhook_outbox")[0]
    assert due == at + 30.0


def test_attempt_at_needs_a_started_dispatcher(outbox: Outbox) -> None:
    dispatcher = Dispatcher(outbox, settings(), outbox.clock)
    row = OutboxRow(1, "evt_1", "we_1", 0)
    with pytest.raises(RuntimeError, match="start"):
        asyncio.run(dispatcher.attempt_at(row, 0.0))


class ClockMovingSender:
    """A Sender that answers 500 after moving the test's clock ``takes`` seconds on, as a slow
    receiver would in real time."""

    def __init__(self, clock: FixedClock, takes: float) -> None:
        self.clock = clock
        self.takes = takes

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        self.clock.at += self.takes
        return 500

    async def close(self) -> None:
        """Nothing to close."""


def test_real_time_retry_is_due_its_delay_after_the_attempt_started_not_ended() -> None:
    clock = FixedClock(1_900_000_000.5)
    store = Store(":memory:")
    try:
        outbox = Outbox(store, clock)
        add_endpoint(outbox, "http://127.0.0.1:9/hook", [(new_secret(), None)])

        async def body(_: Dispatcher) -> None:
            emit(outbox)
            await states_become(outbox, [("pending", 1)])

        sender = ClockMovingSender(clock, takes=7.25)
        run_with_dispatcher(outbox, settings(retry_schedule=(30.0,)), body, sender=sender)
        due = store.query_one("SELECT next_attempt_at FROM webhook_outbox")[0]
        assert due == 1_900_000_000.5 + 30.0
    finally:
        store.close()
