"""Due work besides deliveries: the earliest of settlements, secret and idempotency expiries."""

from __future__ import annotations

import json

from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.due import Due, DueWork
from larkpay_sandbox.storage.idempotency import RETENTION_SECONDS

NOW = 1_800_000_000.0


def add_secret(store: Store, endpoint_id: str, expires: float | None) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO webhook_endpoints(id, api_key, url, events, status,"
            " created_at, seq) VALUES (?, 'k', 'http://127.0.0.1:1/', '[\"*\"]', 'enabled',"
            " 'then', 1)",
            (endpoint_id,),
        )
        conn.execute(
            "INSERT INTO webhook_secrets(endpoint_id, secret, created_at, expires_at)"
            " VALUES (?, 'whsec_x', 'then', ?)",
            (endpoint_id, expires and format_timestamp(expires)),
        )


def add_reply(store: Store, key: str, created: float) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO idempotency(api_key, key, fingerprint, status, body, created_at)"
            " VALUES ('k', ?, 'f', 201, x'7b7d', ?)",
            (key, created),
        )


def add_pending(store: Store, payment_id: str, settle_at: float) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO payments(id, api_key, status, created_at, body, settle_at,"
            " settle_outcome) VALUES (?, 'k', 'pending', 'then', ?, ?, 'failed')",
            (payment_id, json.dumps({"id": payment_id}), settle_at),
        )


def test_nothing_waiting_means_nothing_due() -> None:
    assert DueWork(Store(":memory:")).first() is None


def test_the_first_secret_to_expire_is_due_at_its_expiry_never_one_without() -> None:
    store = Store(":memory:")
    due = DueWork(store)
    add_secret(store, "we_1", None)
    add_secret(store, "we_1", NOW + 60)
    add_secret(store, "we_2", NOW + 30)
    first = due.first()
    assert first is not None
    assert (first.at, first.kind, first.ref, first.api_key) == (
        NOW + 30,
        "secret_expiry",
        "we_2",
        "k",
    )
    due.drop_secret(first.rowid)
    later = due.first()
    assert later is not None
    assert later.ref == "we_1"


def test_a_reply_expires_the_retention_after_it_was_stored() -> None:
    store = Store(":memory:")
    due = DueWork(store)
    add_reply(store, "later", NOW + 5)
    add_reply(store, "first", NOW)
    assert due.first() == Due(NOW + RETENTION_SECONDS, "idempotency_expiry", "k", "first")
    due.drop_idempotency_key("k", "first")
    later = due.first()
    assert later is not None
    assert (later.at, later.ref) == (NOW + 5 + RETENTION_SECONDS, "later")


def test_the_earliest_kind_wins_and_a_settlement_first_at_the_same_time() -> None:
    store = Store(":memory:")
    add_reply(store, "key", NOW - RETENTION_SECONDS + 10)
    add_secret(store, "we_1", NOW + 10)
    add_pending(store, "pay_1", NOW + 10)
    assert DueWork(store).first() == Due(NOW + 10, "settlement", "k", "pay_1", "failed")
    add_pending(store, "pay_0", NOW + 20)
    add_reply(store, "early", NOW - RETENTION_SECONDS + 1)
    first = DueWork(store).first()
    assert first is not None
    assert (first.kind, first.ref) == ("idempotency_expiry", "early")
