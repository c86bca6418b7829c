"""The outbox: events written with their outbox rows, and read back by the dispatcher's side."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import AttemptResult, Outbox, OutboxRow, is_secret_active

from tests.sandbox.doubles import CountingWakeup, FixedClock

NOW = 1_800_000_000.0


@pytest.fixture
def outbox() -> Outbox:
    box = Outbox(Store(":memory:"), FixedClock(NOW))
    box.due = CountingWakeup()
    return box


def wakeups(outbox: Outbox) -> int:
    assert isinstance(outbox.due, CountingWakeup)
    return outbox.due.sets


def add_endpoint(
    outbox: Outbox, endpoint_id: str, events: str = '["*"]', status: str = "enabled"
) -> None:
    with outbox.store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_endpoints(id, api_key, url, events, status, created_at, seq)"
            " VALUES (?, 'k', 'http://127.0.0.1:1/', ?, ?, 'now', 1)",
            (endpoint_id, events, status),
        )


def add_secret(
    outbox: Outbox, endpoint_id: str, secret: str, created: float, expires: float | None
) -> None:
    with outbox.store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_secrets(endpoint_id, secret, created_at, expires_at)"
            " VALUES (?,?,?,?)",
            (endpoint_id, secret, format_timestamp(created), expires and format_timestamp(expires)),
        )


def emit(outbox: Outbox) -> str:
    with outbox.store.transaction() as conn:
        return outbox.emit_event(conn, "k", "payment.created", {"id": "pay_1"})


def test_emit_event_queues_matching_endpoints_and_wakes_the_dispatcher_after_commit(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_all")
    add_endpoint(outbox, "we_refunds", '["refund.created"]')
    add_endpoint(outbox, "we_off", status="disabled")
    with outbox.store.transaction() as conn:
        event_id = outbox.emit_event(conn, "k", "payment.created", {"id": "pay_1"})
        assert wakeups(outbox) == 0
    assert wakeups(outbox) == 1
    rows = outbox.store.query_all("SELECT endpoint_id, state, next_attempt_at FROM webhook_outbox")
    assert rows == [("we_all", "pending", NOW)]
    body = json.loads(outbox.store.query_one("SELECT body FROM events")[0])
    assert body["id"] == event_id
    assert body["data"] == {"id": "pay_1"}
    assert body["timestamp"].startswith("2027-01-15T08:00:00")


def test_an_event_nobody_wants_queues_nothing_and_wakes_nobody(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_refunds", '["refund.created"]')
    emit(outbox)
    assert outbox.store.query_all("SELECT * FROM webhook_outbox") == []
    assert wakeups(outbox) == 0


def test_due_rows_are_the_pending_due_ones_oldest_first_without_the_excluded(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    for _ in range(3):
        emit(outbox)
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = 1", (NOW + 60,))
        conn.execute("UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = 2", (NOW - 60,))
    assert [row.id for row in outbox.due_rows(10, exclude=())] == [2, 3]
    assert [row.id for row in outbox.due_rows(10, exclude={2})] == [3]
    assert outbox.due_rows(0, exclude=()) == []
    assert outbox.next_due_time(exclude={2, 3}) == NOW + 60


def test_a_recorded_failure_is_retried_at_its_time_and_a_final_one_is_never_due(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    failed = AttemptResult(datetime.now(UTC), 500, None, 1.0, succeeded=False)
    outbox.record_attempt(row, failed, next_attempt=NOW + 5)
    assert outbox.next_due_time(exclude=()) == NOW + 5
    assert outbox.due_rows(1, exclude=()) == []
    assert isinstance(outbox.clock, FixedClock)
    outbox.clock.at = NOW + 5
    [again] = outbox.due_rows(1, exclude=())
    assert again == OutboxRow(row.id, row.event_id, row.endpoint_id, attempts=1)
    outbox.record_attempt(again, failed, next_attempt=None)
    assert outbox.store.query_all("SELECT state, attempts FROM webhook_outbox") == [("failed", 2)]
    assert outbox.next_due_time(exclude=()) is None
    attempts = outbox.store.query_all("SELECT attempt, status_code FROM webhook_deliveries")
    assert sorted(attempts) == [(1, 500), (2, 500)]


def test_a_stale_attempt_cannot_move_the_row_back(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    done = AttemptResult(datetime.now(UTC), 204, None, 1.0, succeeded=True)
    outbox.record_attempt(row, done, next_attempt=None)
    late = AttemptResult(datetime.now(UTC), 500, None, 1.0, succeeded=False)
    outbox.record_attempt(row, late, next_attempt=NOW + 5)
    assert outbox.store.query_all("SELECT state, attempts FROM webhook_outbox") == [
        ("delivered", 1)
    ]


def test_attempt_context_signs_with_the_active_secrets_oldest_first(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    add_secret(outbox, "we_1", "whsec_new", NOW - 10, None)
    add_secret(outbox, "we_1", "whsec_old", NOW - 100, NOW + 60)
    add_secret(outbox, "we_1", "whsec_expired", NOW - 200, NOW - 1)
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    context = outbox.attempt_context(row)
    assert not isinstance(context, str)
    assert context.secrets == ("whsec_old", "whsec_new")
    assert context.url == "http://127.0.0.1:1/"


def test_attempt_context_says_why_a_row_cannot_be_delivered(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_endpoints SET status = 'disabled'")
    assert outbox.attempt_context(row) == "endpoint we_1 is disabled"
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_endpoints SET deleted = 1")
    assert outbox.attempt_context(row) == "endpoint we_1 was deleted"
    outbox.give_up(row)
    assert outbox.store.query_all("SELECT state, attempts FROM webhook_outbox") == [("failed", 0)]


def test_secret_without_expiry_is_active() -> None:
    assert is_secret_active(None, datetime.now(UTC))


def test_secret_is_active_until_its_expiry_and_not_after() -> None:
    now = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
    expiry = "2026-01-31T12:00:01.000Z"
    assert is_secret_active(expiry, now)
    assert not is_secret_active(expiry, now + timedelta(seconds=1))
    assert not is_secret_active(expiry, now + timedelta(hours=1))


def test_first_due_is_the_earliest_pending_row_whenever_due_with_its_api_key(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    for _ in range(3):
        emit(outbox)
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = 2", (NOW + 3600,))
        conn.execute("UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = 3", (NOW + 60,))
        conn.execute("UPDATE webhook_outbox SET state = 'delivered' WHERE id = 1")
    found = outbox.first_due(exclude=())
    assert found is not None
    assert (found[0], found[1].id, found[2]) == (NOW + 60, 3, "k")
    later = outbox.first_due(exclude={3})
    assert later is not None
    assert later[1].id == 2
    assert outbox.first_due(exclude={2, 3}) is None


def test_queue_for_endpoint_queues_the_events_in_order_due_now(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1", '["refund.created"]')
    first, second = emit(outbox), emit(outbox)
    with outbox.store.transaction() as conn:
        outbox.queue_for_endpoint(conn, "we_1", [second, first])
    rows = outbox.store.query_all(
        "SELECT event_id, endpoint_id, next_attempt_at FROM webhook_outbox ORDER BY id"
    )
    assert rows == [(second, "we_1", NOW), (first, "we_1", NOW)]
    assert wakeups(outbox) == 1


def test_record_attempt_returns_the_attempt_number_and_runs_after_in_its_transaction(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    failed = AttemptResult(datetime.now(UTC), 500, None, 1.0, succeeded=False)

    def after(conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT COUNT(*) FROM webhook_deliveries").fetchone()[0])

    recorded = outbox.record_attempt(row, failed, next_attempt=NOW + 5, after=after)
    assert (recorded.attempt, recorded.after) == (1, 1)
    assert outbox.record_attempt(row, failed, next_attempt=None).after is None


def test_attempt_context_at_a_later_time_leaves_out_the_secrets_expired_by_then(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    add_secret(outbox, "we_1", "whsec_new", NOW - 10, None)
    add_secret(outbox, "we_1", "whsec_old", NOW - 100, NOW + 60)
    emit(outbox)
    [row] = outbox.due_rows(1, exclude=())
    context = outbox.attempt_context(row, at=NOW + 61)
    assert not isinstance(context, str)
    assert context.secrets == ("whsec_new",)


def test_cancel_for_endpoint_cancels_only_its_pending_rows(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    add_endpoint(outbox, "we_2")
    for _ in range(2):
        emit(outbox)
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_outbox SET state = 'delivered' WHERE id = 1")
        assert outbox.cancel_for_endpoint(conn, "we_1") == 1
    rows = outbox.store.query_all("SELECT endpoint_id, state FROM webhook_outbox ORDER BY id")
    assert [tuple(row) for row in rows] == [
        ("we_1", "delivered"),
        ("we_2", "pending"),
        ("we_1", "canceled"),
        ("we_2", "pending"),
    ]


def test_a_replay_moves_a_pending_delivery_up_and_queues_the_others(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    waiting, done = emit(outbox), emit(outbox)
    with outbox.store.transaction() as conn:
        conn.execute("UPDATE webhook_outbox SET next_attempt_at = ?, attempts = 2", (NOW + 60,))
        conn.execute("UPDATE webhook_outbox SET state = 'delivered' WHERE event_id = ?", (done,))
        outbox.queue_for_endpoint(conn, "we_1", [waiting, done])
    rows = outbox.store.query_all(
        "SELECT event_id, state, attempts, next_attempt_at FROM webhook_outbox ORDER BY id"
    )
    assert [tuple(row) for row in rows] == [
        (waiting, "pending", 2, NOW),
        (done, "delivered", 2, NOW + 60),
        (done, "pending", 0, NOW),
    ]
