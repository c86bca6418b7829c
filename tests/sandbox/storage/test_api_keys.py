"""ApiKeys: configured keys in memory, created keys in the table (found again after a restart)."""

from __future__ import annotations

from pathlib import Path

from larkpay_sandbox.storage.api_keys import ApiKeys, digest
from larkpay_sandbox.storage.database import Store


def test_configured_key_matches_only_its_secret() -> None:
    keys = ApiKeys()
    keys.add("lk_test_" + "A" * 24, "lsk_" + "a" * 32)
    record = keys.find("lk_test_" + "A" * 24)
    assert record is not None
    assert record.matches("lsk_" + "a" * 32)
    assert not record.matches("lsk_" + "b" * 32)
    assert keys.find("lk_test_" + "Z" * 24) is None


def test_created_key_is_stored_as_a_digest_and_found_after_reopening(tmp_path: Path) -> None:
    path = str(tmp_path / "keys.db")
    store = Store(path)
    with store.transaction() as conn:
        api_key, secret = ApiKeys(store).create(conn, "lk_test_owner", "tenant", "2026-01-01")
    stored = store.query_one(
        "SELECT secret_digest, owner FROM api_keys WHERE api_key=?", (api_key,)
    )
    store.close()
    assert api_key.startswith("lk_test_")
    assert len(api_key) == 32
    assert secret.startswith("lsk_")
    assert len(secret) == 36
    assert tuple(stored) == (digest(secret), "lk_test_owner")
    reopened = ApiKeys(Store(path))
    record = reopened.find(api_key)
    assert record is not None
    assert record.state == "active"
    assert record.matches(secret)
