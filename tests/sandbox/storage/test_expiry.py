"""Expiries: the secret and the idempotency reply that expire first, and dropping them."""

from __future__ import annotations

from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.expiry import Expiries
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


def test_first_secret_is_the_one_expiring_first_and_never_one_without_expiry() -> None:
    store = Store(":memory:")
    expiries = Expiries(store)
    assert expiries.first_secret() is None
    add_secret(store, "we_1", None)
    add_secret(store, "we_1", NOW + 60)
    add_secret(store, "we_2", NOW + 30)
    found = expiries.first_secret()
    assert found is not None
    at, rowid, endpoint_id, api_key = found
    assert (at, endpoint_id, api_key) == (NOW + 30, "we_2", "k")
    expiries.drop_secret(rowid)
    later = expiries.first_secret()
    assert later is not None
    assert later[2] == "we_1"


def test_first_idempotency_key_expires_the_retention_after_its_reply() -> None:
    store = Store(":memory:")
    expiries = Expiries(store)
    assert expiries.first_idempotency_key() is None
    add_reply(store, "later", NOW + 5)
    add_reply(store, "first", NOW)
    assert expiries.first_idempotency_key() == (NOW + RETENTION_SECONDS, "k", "first")
    expiries.drop_idempotency_key("k", "first")
    assert expiries.first_idempotency_key() == (NOW + 5 + RETENTION_SECONDS, "k", "later")
