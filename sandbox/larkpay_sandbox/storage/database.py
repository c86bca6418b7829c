"""SQLite storage: one connection, WAL, group commit, and the event + outbox writer.

All access happens on the event-loop thread, so the single connection serialises writes
without locks; a write is acknowledged only after its COMMIT. Only WAL checkpoints run
elsewhere: on the checkpointer's thread and connection (see checkpointer.py). The journal is
WAL with ``synchronous=NORMAL``: a committed transaction is in the WAL file (the OS page cache)
before the client hears of it, so it survives kill -9 of the process, which is the durability
the sandbox promises; only an OS crash or power loss could lose the last commits (FULL would
also cover that, at about a third of the write throughput under load, with an fsync per commit).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from larkpay_sandbox.core.api_error import dumps
from larkpay_sandbox.storage.checkpointer import Checkpointer

SCHEMA = """
CREATE TABLE IF NOT EXISTS payments(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL,
    settle_at REAL NULL, settle_outcome TEXT NULL);
CREATE INDEX IF NOT EXISTS payments_by_key ON payments(api_key, seq);
CREATE INDEX IF NOT EXISTS payments_by_status ON payments(api_key, status, seq);
CREATE INDEX IF NOT EXISTS payments_to_settle ON payments(settle_at) WHERE settle_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS refunds(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    payment_id TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refunds_by_payment ON refunds(payment_id, seq);
CREATE TABLE IF NOT EXISTS events(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    type TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_key ON events(api_key, seq);
CREATE INDEX IF NOT EXISTS events_by_type ON events(api_key, type, seq);
CREATE TABLE IF NOT EXISTS webhook_endpoints(
    id TEXT PRIMARY KEY, api_key TEXT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL,
    description TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS endpoints_by_key ON webhook_endpoints(api_key, seq);
CREATE TABLE IF NOT EXISTS webhook_secrets(
    endpoint_id TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL,
    expires_at TEXT NULL);
CREATE INDEX IF NOT EXISTS secrets_by_endpoint ON webhook_secrets(endpoint_id);
CREATE TABLE IF NOT EXISTS webhook_outbox(
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending');
CREATE INDEX IF NOT EXISTS outbox_due ON webhook_outbox(state, next_attempt_at);
CREATE TABLE IF NOT EXISTS webhook_deliveries(
    id TEXT PRIMARY KEY, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
    attempt INTEGER NOT NULL, attempted_at TEXT NOT NULL, status_code INTEGER NULL,
    error TEXT NULL, latency_ms REAL NOT NULL, succeeded INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_by_event ON webhook_deliveries(event_id, attempted_at);
CREATE TABLE IF NOT EXISTS idempotency(
    api_key TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY(api_key, key));
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

_NOT_BASE62 = str.maketrans("", "", "+/")


def new_id(prefix: str) -> str:
    """A random id like ``pay_`` + 24 base62 characters (about 143 random bits)."""
    while True:
        # Dropping + and / from uniform base64 leaves uniform base62 characters.
        text = base64.b64encode(os.urandom(24)).decode().translate(_NOT_BASE62)
        if len(text) >= 24:
            return prefix + text[:24]


_last_micros = 0


def now_iso(at: float | None = None) -> str:
    """RFC 3339 UTC timestamp with microseconds, e.g. ``2026-01-31T12:00:00.123456Z``.

    Without ``at`` the result strictly increases within the process, even if the wall clock
    steps back, so that listing by creation sequence and by (created_at, id) agree.
    """
    global _last_micros
    if at is None:
        micros = max(int(time.time() * 1_000_000), _last_micros + 1)
        _last_micros = micros
    else:
        micros = int(at * 1_000_000)
    seconds, fraction = divmod(micros, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:06d}Z"


class Store:
    """The sandbox's SQLite database and the signal that wakes the webhook dispatcher."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        if db_path != ":memory:":
            self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.executescript(SCHEMA)
        self.checkpointer: Checkpointer | None = None
        if db_path != ":memory:":
            # Checkpoints run on a background thread, not inside a COMMIT on the event loop.
            self.connection.execute("PRAGMA wal_autocheckpoint=0")
            self.checkpointer = Checkpointer(db_path)
        # Set after every commit that queued webhook deliveries; the dispatcher waits on it.
        self.outbox_signal = asyncio.Event()
        self._outbox_dirty = False
        self._in_transaction = False
        self._batch: asyncio.Future[None] | None = None
        self.batches_committed = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (durably) when the block ends.

        If a group-commit batch is open (see :meth:`batched`), the block joins it as a
        savepoint instead and becomes durable with the batch. Rolled back on any exception.
        """
        if self._batch is not None:
            with self._savepoint() as conn:
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
            self._outbox_dirty = False
            raise
        else:
            conn.execute("COMMIT")
            self._after_commit()
        finally:
            self._in_transaction = False

    @contextmanager
    def batched(self) -> Iterator[sqlite3.Connection]:
        """Write inside the current group-commit batch (opening one if needed).

        The batch is committed once, at the next turn of the event loop, for every request that
        wrote to it meanwhile: one fsync for many requests. A request must ``await durable()``
        before acknowledging its write. A failing block is rolled back alone (savepoint).
        """
        if self._in_transaction:
            raise RuntimeError("nested Store.batched() is not supported")
        if self._batch is None:
            self.connection.execute("BEGIN IMMEDIATE")
            loop = asyncio.get_running_loop()
            self._batch = loop.create_future()
            loop.call_soon(self._commit_batch)
        with self._savepoint() as conn:
            yield conn

    @property
    def pending(self) -> bool:
        """True while a batch holds writes that are not committed yet."""
        return self._batch is not None

    async def durable(self) -> None:
        """Wait until every write made so far is committed (raises if that commit failed)."""
        batch = self._batch
        if batch is not None:
            await asyncio.shield(batch)

    @contextmanager
    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        if self._in_transaction:
            raise RuntimeError("nested Store.transaction()/batched() is not supported")
        conn = self.connection
        self._in_transaction = True
        conn.execute("SAVEPOINT write")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO write")
            conn.execute("RELEASE write")
            raise
        else:
            conn.execute("RELEASE write")
        finally:
            self._in_transaction = False

    def _commit_batch(self) -> None:
        batch, self._batch = self._batch, None
        assert batch is not None
        try:
            self.connection.execute("COMMIT")
        except Exception as exc:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self._outbox_dirty = False
            batch.set_exception(exc)
            batch.exception()  # mark retrieved: waiters get it, nobody waiting is fine too
            return
        batch.set_result(None)
        self.batches_committed += 1
        self._after_commit()

    def _after_commit(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.request()
        if self._outbox_dirty:
            self._outbox_dirty = False
            self.outbox_signal.set()

    def query_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row of a read query, or None."""
        return self.connection.execute(sql, params).fetchone()

    def query_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """All rows of a read query."""
        return self.connection.execute(sql, params).fetchall()

    def emit_event(
        self,
        conn: sqlite3.Connection,
        api_key: str,
        event_type: str,
        data: dict[str, Any],
        data_json: bytes | None = None,
    ) -> str:
        """Inside a transaction: store an event and queue it for every matching endpoint.

        ``data_json`` is ``dumps(data)`` if the caller has it already (saves encoding it twice).
        """
        event_id = new_id("evt_")
        created = now_iso()
        head = {"id": event_id, "object": "event", "event": event_type, "timestamp": created}
        # Same bytes as dumps({**head, "data": data}): the data object is spliced in as is.
        body = dumps(head)[:-1] + b',"data":' + (data_json or dumps(data)) + b"}"
        conn.execute(
            "INSERT INTO events(id, api_key, type, created_at, body) VALUES (?,?,?,?,?)",
            (event_id, api_key, event_type, created, body.decode()),
        )
        self.queue_deliveries(conn, api_key, event_id, event_type)
        return event_id

    def queue_deliveries(
        self, conn: sqlite3.Connection, api_key: str, event_id: str, event_type: str
    ) -> int:
        """Inside a transaction: add one outbox row per enabled endpoint that wants this type."""
        rows = conn.execute(
            "SELECT id, events FROM webhook_endpoints "
            "WHERE api_key=? AND deleted=0 AND status='enabled' ORDER BY seq",
            (api_key,),
        ).fetchall()
        now = time.time()
        queued = 0
        for endpoint_id, events_json in rows:
            wanted = json.loads(events_json)
            if "*" in wanted or event_type in wanted:
                conn.execute(
                    "INSERT INTO webhook_outbox(event_id, endpoint_id, next_attempt_at) "
                    "VALUES (?,?,?)",
                    (event_id, endpoint_id, now),
                )
                queued += 1
        if queued:
            self._outbox_dirty = True
        return queued

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
