"""What expires with time: rotated-out webhook secrets and remembered idempotency replies.

The test clock runs each expiry at its time: the first one due, and dropping it. (In real time
nothing needs to run: an expired secret no longer signs and an expired reply is not replayed,
and the sandbox purges expired replies at start.)
"""

from __future__ import annotations

from larkpay_sandbox.core.clock import parse_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import RETENTION_SECONDS


class Expiries:
    """The expiring rows of ``store``: webhook_secrets with an expiry, and idempotency."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def first_secret(self) -> tuple[float, int, str, str] | None:
        """The secret that expires first: (expiry, rowid, endpoint id, API key), or None."""
        row = self.store.query_one(
            "SELECT s.expires_at, s.rowid, s.endpoint_id, e.api_key FROM webhook_secrets s"
            " JOIN webhook_endpoints e ON e.id = s.endpoint_id"
            " WHERE s.expires_at IS NOT NULL ORDER BY s.expires_at LIMIT 1"
        )
        if row is None:
            return None
        return parse_timestamp(str(row[0])).timestamp(), int(row[1]), str(row[2]), str(row[3])

    def drop_secret(self, rowid: int) -> None:
        """Delete an expired secret (it would never sign again)."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM webhook_secrets WHERE rowid = ?", (rowid,))

    def first_idempotency_key(self) -> tuple[float, str, str] | None:
        """The remembered reply that expires first: (expiry, API key, key), or None."""
        row = self.store.query_one(
            "SELECT created_at, api_key, key FROM idempotency ORDER BY created_at LIMIT 1"
        )
        if row is None:
            return None
        return float(row[0]) + RETENTION_SECONDS, str(row[1]), str(row[2])

    def drop_idempotency_key(self, api_key: str, key: str) -> None:
        """Forget an expired reply: the key can be used for a new request."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM idempotency WHERE api_key = ? AND key = ?", (api_key, key))
