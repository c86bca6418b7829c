"""Store: schema, transactions, group commit, events with outbox rows and the signal."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from larkpay_sandbox.storage.database import Store, new_id, now_iso


def count(store: Store, table: str) -> int:
    return int(store.query_one(f"SELECT COUNT(*) FROM {table}")[0])


def test_file_database_uses_wal(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    assert store.query_one("PRAGMA journal_mode")[0] == "wal"
    assert store.query_one("PRAGMA synchronous")[0] == 1  # NORMAL: survives kill -9
    store.close()


def test_ids_and_timestamps_have_the_spec_shapes() -> None:
    assert len(new_id("pay_")) == 28
    assert new_id("pay_") != new_id("pay_")
    assert now_iso(0) == "1970-01-01T00:00:00.000000Z"
    assert now_iso(1_800_000_000.25) == "2027-01-15T08:00:00.250000Z"
    assert all(new_id("re_")[3:].isalnum() for _ in range(200))


def test_transaction_rolls_back_on_error() -> None:
    store = Store(":memory:")

    def failing_write() -> None:
        with store.transaction() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('x', 1)")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        failing_write()
    assert count(store, "counters") == 0


def test_batched_writes_commit_together_and_a_failing_one_rolls_back_alone(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "s.db")
    store = Store(path)

    async def main() -> None:
        with store.batched() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('a', 1)")

        def failing_write() -> None:
            with store.batched() as conn:
                conn.execute("INSERT INTO counters(name, value) VALUES ('b', 1)")
                raise ValueError("rolled back alone")

        with pytest.raises(ValueError, match="alone"):
            failing_write()
        with store.transaction() as conn:  # joins the open batch
            conn.execute("INSERT INTO counters(name, value) VALUES ('c', 1)")
        assert store.pending
        other = sqlite3.connect(path)
        assert other.execute("SELECT COUNT(*) FROM counters").fetchone()[0] == 0
        await store.durable()
        assert not store.pending
        names = [r[0] for r in other.execute("SELECT name FROM counters ORDER BY name")]
        assert names == ["a", "c"]
        other.close()

    asyncio.run(main())
    store.close()


def test_emit_event_queues_matching_endpoints_and_sets_signal_after_commit() -> None:
    store = Store(":memory:")
    with store.transaction() as conn:
        for endpoint_id, events, status in (
            ("we_all", '["*"]', "enabled"),
            ("we_refunds", '["refund.created"]', "enabled"),
            ("we_off", '["*"]', "disabled"),
        ):
            conn.execute(
                "INSERT INTO webhook_endpoints(id, api_key, url, events, status, created_at, seq)"
                " VALUES (?, 'k', 'http://x', ?, ?, 'now', 1)",
                (endpoint_id, events, status),
            )
    assert not store.outbox_signal.is_set()
    with store.transaction() as conn:
        store.emit_event(conn, "k", "payment.created", {"id": "pay_1"})
        assert not store.outbox_signal.is_set()
    assert store.outbox_signal.is_set()
    rows = store.query_all("SELECT endpoint_id, state FROM webhook_outbox")
    assert rows == [("we_all", "pending")]
    assert count(store, "events") == 1


def test_counters_are_monotonic() -> None:
    store = Store(":memory:")
    with store.transaction() as conn:
        values = [store.next_seq(conn, "x") for _ in range(3)]
    assert values == [1, 2, 3]


def test_now_iso_keeps_increasing_when_the_wall_clock_steps_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readings = iter([1_800_000_000.5, 1_800_000_000.5, 1_799_999_999.0])
    monkeypatch.setattr("larkpay_sandbox.storage.database.time.time", lambda: next(readings))
    first, second, third = now_iso(), now_iso(), now_iso()
    assert first < second < third
    assert now_iso(1_799_999_999.0) == "2027-01-15T07:59:59.000000Z"
