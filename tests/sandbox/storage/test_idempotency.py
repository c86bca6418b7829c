"""Idempotency records: a stored reply by (API key, key), kept 24 hours, then purged."""

from __future__ import annotations

from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import (
    RETENTION_SECONDS,
    IdempotencyKey,
    IdempotencyRecords,
    StoredReply,
)

from tests.sandbox.doubles import FixedClock


def test_a_saved_reply_is_found_by_api_key_and_key_only() -> None:
    records = IdempotencyRecords(Store(":memory:"), FixedClock(1_000_000.0))
    with records.store.transaction() as conn:
        records.save(conn, IdempotencyKey("key_a", "k", "fp"), 201, b"{}")
    assert records.find("key_a", "k") == StoredReply("fp", 201, b"{}")
    assert records.find("key_b", "k") is None
    assert records.find("key_a", "other") is None


def test_stored_replies_expire_after_24_hours_and_are_purged() -> None:
    clock = FixedClock(1_000_000.0)
    records = IdempotencyRecords(Store(":memory:"), clock)
    with records.store.transaction() as conn:
        records.save(conn, IdempotencyKey("key", "k", "f"), 201, b"{}")
    clock.at += RETENTION_SECONDS - 1
    assert records.find("key", "k") is not None
    assert records.purge_expired() == 0
    clock.at += 2
    assert records.find("key", "k") is None
    assert records.purge_expired() == 1
