"""Stored replies by (API key, Idempotency-Key), kept 24 hours for replays."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.storage.database import Store

RETENTION_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    """A request's Idempotency-Key, scoped to its API key, with the request's fingerprint."""

    api_key: str
    key: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class StoredReply:
    """A reply remembered under a key, and the fingerprint of the request that got it."""

    fingerprint: str
    status: int
    body: bytes


class IdempotencyRecords:
    """The idempotency table of ``store``; ``clock`` decides what has expired."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def find(self, api_key: str, key: str) -> StoredReply | None:
        """The unexpired reply stored under this key, or None."""
        row = self.store.query_one(
            "SELECT fingerprint, status, body, created_at FROM idempotency "
            "WHERE api_key=? AND key=?",
            (api_key, key),
        )
        if row is None or row[3] <= self.clock.time() - RETENTION_SECONDS:
            return None
        return StoredReply(str(row[0]), int(row[1]), bytes(row[2]))

    def save(self, conn: sqlite3.Connection, key: IdempotencyKey, status: int, body: bytes) -> None:
        """Inside a transaction: store a reply under ``key`` (replacing an expired one)."""
        conn.execute(
            "INSERT OR REPLACE INTO idempotency(api_key, key, fingerprint, status, body, "
            "created_at) VALUES (?,?,?,?,?,?)",
            (key.api_key, key.key, key.fingerprint, status, body, self.clock.time()),
        )

    def purge_expired(self) -> int:
        """Delete replies older than the retention period; returns how many."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM idempotency WHERE created_at <= ?",
                (self.clock.time() - RETENTION_SECONDS,),
            )
        return cursor.rowcount
