"""The API keys a sandbox accepts: the ones configured at start and the ones created through
``POST /sandbox/api_keys`` (kept in the api_keys table, so they survive a restart).

Each key is a tenant: every row the sandbox writes carries the key that wrote it. Secrets are
kept as SHA-256 digests, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import string
from dataclasses import dataclass

from larkpay_sandbox.storage.database import Store

_ALPHABET = string.ascii_letters + string.digits


def digest(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class KeyRecord:
    """A known API key: the digest of its secret and its state (``active``, or the 401 reason
    it answers: ``key_expired``, ``key_revoked``)."""

    secret_digest: str
    state: str

    def matches(self, secret: str) -> bool:
        """Whether ``secret`` is this key's secret."""
        return hmac.compare_digest(self.secret_digest, digest(secret))


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class ApiKeys:
    """Known keys in memory, backed by the api_keys table of ``store`` (None: memory only)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self._known: dict[str, KeyRecord] = {}

    def add(self, api_key: str, secret: str, state: str = "active") -> None:
        """Accept a configured key (not stored: the configuration says it again at start)."""
        self._known[api_key] = KeyRecord(digest(secret), state)

    def find(self, api_key: str) -> KeyRecord | None:
        """The record of a key, or None when the sandbox does not know it."""
        known = self._known.get(api_key)
        if known is not None or self.store is None:
            return known
        row = self.store.query_one("SELECT secret_digest FROM api_keys WHERE api_key=?", (api_key,))
        if row is None:
            return None
        record = KeyRecord(str(row[0]), "active")
        self._known[api_key] = record
        return record

    def create(
        self, conn: sqlite3.Connection, owner: str, description: str | None, created_at: str
    ) -> tuple[str, str]:
        """Inside a transaction: a new active test key and its secret (shown once)."""
        api_key, secret = "lk_test_" + _random(24), "lsk_" + _random(32)
        conn.execute(
            "INSERT INTO api_keys(api_key, secret_digest, owner, description, created_at) "
            "VALUES (?,?,?,?,?)",
            (api_key, digest(secret), owner, description, created_at),
        )
        return api_key, secret
