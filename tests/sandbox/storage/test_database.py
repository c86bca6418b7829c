"""Store: WAL, transactions, group commit, wakeups after commit, counters."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from larkpay_sandbox.storage.database import Store

from tests.sandbox.doubles import CountingWakeup


def count(store: Store, table: str) -> int:
    return int(store.query_one(f"SELECT COUNT(*) FROM {table}")[0])


def test_file_database_uses_wal(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    assert store.query_one("PRAGMA journal_mode")[0] == "wal"
    assert store.query_one("PRAGMA synchronous")[0] == 1  # NORMAL: survives kill -9
    store.close()


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


def test_wakeup_is_set_after_the_commit_of_its_write_and_never_after_a_rollback() -> None:
    store = Store(":memory:")
    committed, rolled_back = CountingWakeup(), CountingWakeup()
    with store.transaction():
        store.wake_after_commit(committed)
        assert committed.sets == 0
    assert committed.sets == 1

    def failing_write() -> None:
        with store.transaction():
            store.wake_after_commit(rolled_back)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        failing_write()
    with store.transaction():
        pass
    assert rolled_back.sets == 0


def test_a_batch_sets_its_wakeups_when_committed_except_those_of_a_failed_savepoint() -> None:
    store = Store(":memory:")
    kept, dropped = CountingWakeup(), CountingWakeup()

    async def main() -> None:
        with store.batched():
            store.wake_after_commit(kept)

        def failing_write() -> None:
            with store.batched():
                store.wake_after_commit(dropped)
                raise ValueError("rolled back alone")

        with pytest.raises(ValueError, match="alone"):
            failing_write()
        assert kept.sets == 0
        await store.durable()

    asyncio.run(main())
    assert kept.sets == 1
    assert dropped.sets == 0


def test_counters_are_monotonic() -> None:
    store = Store(":memory:")
    with store.transaction() as conn:
        values = [store.next_seq(conn, "x") for _ in range(3)]
    assert values == [1, 2, 3]


def test_a_file_from_an_earlier_sandbox_gets_the_added_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE webhook_endpoints(id TEXT PRIMARY KEY, api_key TEXT NOT NULL,"
        " url TEXT NOT NULL, events TEXT NOT NULL, description TEXT, status TEXT NOT NULL,"
        " created_at TEXT NOT NULL, seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)"
    )
    old.execute(
        "INSERT INTO webhook_endpoints VALUES ('we_1', 'k', 'u', '[]', NULL, 'enabled', 't', 1, 0)"
    )
    old.commit()
    old.close()
    store = Store(str(path))
    row = store.query_one("SELECT id, disabled_reason, failing_since FROM webhook_endpoints")
    assert tuple(row) == ("we_1", None, None)
    store.close()


def test_batched_outside_an_event_loop_commits_at_once(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    with store.batched() as conn:
        conn.execute("INSERT INTO counters(name, value) VALUES ('x', 1)")
    assert not store.pending
    assert not store.connection.in_transaction
    assert count(store, "counters") == 1
    store.close()


def test_batched_inside_a_batched_write_is_refused_and_the_outer_write_goes_on() -> None:
    store = Store(":memory:")

    async def main() -> None:
        with store.batched() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('outer', 1)")
            with pytest.raises(RuntimeError, match="nested"):
                store.batched()
            with pytest.raises(RuntimeError, match="nested"), store.transaction():
                pass
        with store.batched() as conn:  # the flag was reset: the next write is accepted
            conn.execute("INSERT INTO counters(name, value) VALUES ('next', 1)")
        await store.durable()

    asyncio.run(main())
    assert [row[0] for row in store.query_all("SELECT name FROM counters ORDER BY name")] == [
        "next",
        "outer",
    ]
    store.close()


class _FailingCommit:
    """The store's connection, except that COMMIT fails as a full disk would."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, *params: object) -> sqlite3.Cursor:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self.connection.execute(sql, *params)

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction


def test_a_failed_batch_commit_raises_in_every_waiter_and_keeps_nothing() -> None:
    store = Store(":memory:")
    real = store.connection
    store.connection = _FailingCommit(real)  # type: ignore[assignment]

    async def write_and_wait(name: str) -> None:
        with store.batched() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES (?, 1)", (name,))
        await store.durable()

    async def main() -> list[BaseException | None]:
        return await asyncio.gather(
            write_and_wait("a"), write_and_wait("b"), return_exceptions=True
        )

    results = asyncio.run(main())
    assert [str(result) for result in results] == ["database or disk is full"] * 2
    store.connection = real
    assert not store.pending
    assert count(store, "counters") == 0
    store.close()


def test_a_cancelled_waiter_leaves_the_rest_of_its_batch_to_commit(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))

    async def write_and_wait(name: str) -> str:
        with store.batched() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES (?, 1)", (name,))
        await store.durable()
        return name

    async def main() -> None:
        cancelled = asyncio.create_task(write_and_wait("a"))
        waiting = asyncio.create_task(write_and_wait("b"))
        await asyncio.sleep(0)  # both wrote and wait for the same batch
        cancelled.cancel()
        assert await waiting == "b"
        with pytest.raises(asyncio.CancelledError):
            await cancelled

    asyncio.run(main())
    assert [row[0] for row in store.query_all("SELECT name FROM counters ORDER BY name")] == [
        "a",
        "b",
    ]
    store.close()
