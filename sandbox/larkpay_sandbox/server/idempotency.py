"""Idempotency-Key handling: replay, reuse detection, in-flight detection, 24 h retention."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.storage.database import Store

if TYPE_CHECKING:
    from larkpay_sandbox.server.contract import Context

RETENTION_SECONDS = 24 * 3600
REPLAYED_HEADER = (b"idempotent-replayed", b"true")


def fingerprint(method: str, path: str, body: Any) -> str:
    """A hash of what makes two requests 'the same': method, path and the parsed body."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def is_storable(status: int) -> bool:
    """429 and 5xx answers are not stored, so that a retry can succeed."""
    return status != 429 and status < 500


class Idempotency:
    """Stored replies by (API key, Idempotency-Key) plus the set of keys being processed now."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        self.in_flight: set[tuple[str, str]] = set()

    def lookup(self, ctx: Context) -> tuple[int, bytes] | None:
        """The stored reply to replay, None if the key is new; 409 or 422 if it cannot be used."""
        assert ctx.idempotency_key is not None
        row = self.store.query_one(
            "SELECT fingerprint, status, body, created_at FROM idempotency "
            "WHERE api_key=? AND key=?",
            (ctx.api_key, ctx.idempotency_key),
        )
        if row is not None and row[3] > self.clock() - RETENTION_SECONDS:
            if row[0] != ctx.fingerprint:
                raise ApiError(
                    "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used with a different request "
                    "(method, path or body). Use a new key for a new request.",
                )
            return int(row[1]), bytes(row[2])
        if (ctx.api_key, ctx.idempotency_key) in self.in_flight:
            raise ApiError(
                "IDEMPOTENCY_IN_PROGRESS",
                "A request with this Idempotency-Key is still being processed. "
                "Retry after it has finished.",
                headers={"Retry-After": "1"},
            )
        return None

    def begin(self, ctx: Context) -> None:
        """Mark the key as being processed."""
        assert ctx.idempotency_key is not None
        self.in_flight.add((ctx.api_key, ctx.idempotency_key))

    def end(self, ctx: Context) -> None:
        """Unmark the key (the reply is stored or was not storable)."""
        assert ctx.idempotency_key is not None
        self.in_flight.discard((ctx.api_key, ctx.idempotency_key))

    def save(self, conn: sqlite3.Connection, ctx: Context, status: int, body: bytes) -> None:
        """Inside a transaction: store the reply for later replays (skips 429 and 5xx)."""
        if ctx.idempotency_key is None or not is_storable(status):
            return
        conn.execute(
            "INSERT OR REPLACE INTO idempotency(api_key, key, fingerprint, status, body, "
            "created_at) VALUES (?,?,?,?,?,?)",
            (ctx.api_key, ctx.idempotency_key, ctx.fingerprint, status, body, self.clock()),
        )

    def purge_expired(self) -> int:
        """Delete replies older than the retention period; returns how many."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM idempotency WHERE created_at <= ?",
                (self.clock() - RETENTION_SECONDS,),
            )
        return cursor.rowcount
