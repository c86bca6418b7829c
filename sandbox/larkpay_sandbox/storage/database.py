"""The SQLite file: one connection, WAL, transactions with group commit, wakeups after commit.

All access happens on the event-loop thread, so the single connection serialises writes
without locks; a write is acknowledged only after its COMMIT. Only WAL checkpoints run
elsewhere: on the checkpointer's thread and connection (see checkpointer.py). The journal is
WAL with ``synchronous=NORMAL``: a committed transaction is in the WAL file (the OS page cache)
before the client hears of it, so it survives kill -9 of the process, which is the durability
the sandbox promises; only an OS crash or power loss could lose the last commits (FULL would
also cover that, with an fsync per commit).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any

from larkpay_sandbox.core.wakeup import Wakeup
from larkpay_sandbox.storage.checkpointer import Checkpointer
from larkpay_sandbox.storage.schema import migrate


class Store:
    """The sandbox's SQLite database: reads, write transactions and group-commit batches."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        if db_path != ":memory:":
            self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        migrate(self.connection)
        self.checkpointer: Checkpointer | None = None
        if db_path != ":memory:":
            # Checkpoints run on a background thread, not inside a COMMIT on the event loop.
            self.connection.execute("PRAGMA wal_autocheckpoint=0")
            self.checkpointer = Checkpointer(db_path)
        self._wake_after_commit: list[Wakeup] = []
        self._in_transaction = False
        # The open group-commit batch: the futures of the requests waiting for its COMMIT.
        self._batch: list[asyncio.Future[None]] | None = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (durably) when the block ends.

        If a group-commit batch is open (see :meth:`batched`), the block joins it as a
        savepoint instead and becomes durable with the batch. Rolled back on any exception.
        """
        if self._batch is not None:
            with _Savepoint(self) as conn:
                yield conn
            return
        if self._in_transaction:
            raise RuntimeError("nested Store.transaction() is not supported")
        self._in_transaction = True
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            self._wake_after_commit.clear()
            raise
        else:
            conn.execute("COMMIT")
            self._after_commit()
        finally:
            self._in_transaction = False

    def batched(self) -> AbstractContextManager[sqlite3.Connection]:
        """Write inside the current group-commit batch (opening one if needed).

        The batch is committed once, at the next turn of the event loop, for every request that
        wrote to it meanwhile: one fsync for many requests. A request must ``await durable()``
        before acknowledging its write. A failing block is rolled back alone (savepoint).
        Outside an event loop this is :meth:`transaction`.
        """
        if self._in_transaction:
            raise RuntimeError("nested Store.batched() is not supported")
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return self.transaction()
        if self._batch is None:
            self.connection.execute("BEGIN IMMEDIATE")
            self._batch = []
            loop.call_soon(self._commit_batch)
        return _Savepoint(self)

    @property
    def pending(self) -> bool:
        """True while a batch holds writes that are not committed yet."""
        return self._batch is not None

    async def durable(self) -> None:
        """Wait until every write made so far is committed (raises if that commit failed)."""
        batch = self._batch
        if batch is not None:
            # A future per waiter, not one shared: a cancelled request cancels only its own.
            waiter = asyncio.get_running_loop().create_future()
            batch.append(waiter)
            await waiter

    def _commit_batch(self) -> None:
        waiters, self._batch = self._batch, None
        assert waiters is not None
        try:
            self.connection.execute("COMMIT")
        except Exception as exc:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self._wake_after_commit.clear()
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_exception(exc)
            return
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._after_commit()

    def wake_after_commit(self, wakeup: Wakeup) -> None:
        """Inside a write: set ``wakeup`` once this write is committed (never if rolled back).

        This is how work for a background worker is announced: the worker wakes only when the
        rows it will read are committed.
        """
        self._wake_after_commit.append(wakeup)

    def _after_commit(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.request()
        if self._wake_after_commit:
            for wakeup in self._wake_after_commit:
                wakeup.set()
            self._wake_after_commit.clear()

    def query_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row of a read query, or None."""
        return self.connection.execute(sql, params).fetchone()

    def query_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """All rows of a read query."""
        return self.connection.execute(sql, params).fetchall()

    def next_seq(self, conn: sqlite3.Connection, name: str) -> int:
        """Inside a transaction: the next value of a named monotonic counter."""
        row = conn.execute(
            "INSERT INTO counters(name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
            (name,),
        ).fetchone()
        return int(row[0])

    def close(self) -> None:
        """Commit any open batch, then close the connection (checkpointing the WAL)."""
        if self._batch is not None:
            self._commit_batch()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.connection.close()


class _Savepoint:
    """One write inside the open transaction or batch of ``store``: a savepoint, rolled back
    alone (with the wakeups it asked for) if its block raises.

    A class rather than a generator context manager: every create enters two of these.
    """

    __slots__ = ("_store", "_wakeups_before")

    def __init__(self, store: Store) -> None:
        self._store = store
        self._wakeups_before = 0

    def __enter__(self) -> sqlite3.Connection:
        store = self._store
        if store._in_transaction:
            raise RuntimeError("nested Store.transaction()/batched() is not supported")
        store.connection.execute("SAVEPOINT write")
        store._in_transaction = True
        self._wakeups_before = len(store._wake_after_commit)
        return store.connection

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        store = self._store
        conn = store.connection
        try:
            if exc_type is not None:
                conn.execute("ROLLBACK TO write")
                conn.execute("RELEASE write")
                del store._wake_after_commit[self._wakeups_before :]
            else:
                conn.execute("RELEASE write")
        finally:
            store._in_transaction = False
