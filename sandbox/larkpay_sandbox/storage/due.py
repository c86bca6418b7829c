"""What comes due with time besides webhook deliveries: settlements of pending scenario
payments, expiries of rotated-out secrets and of remembered idempotency replies.

The test clock runs each at its time: :meth:`DueWork.first` finds the earliest in one query
(one per step of an advance, so it is kept to one), and the drop methods run the expiries. (In
real time the settler settles; expiries need nothing run: an expired secret no longer signs
and an expired reply is not replayed, and the sandbox purges expired replies at start.)
"""

from __future__ import annotations

from dataclasses import dataclass

from larkpay_sandbox.core.clock import parse_timestamp
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import RETENTION_SECONDS

SETTLEMENT, SECRET_EXPIRY, IDEMPOTENCY_EXPIRY = "settlement", "secret_expiry", "idempotency_expiry"

# Each part uses its index (payments_to_settle, secrets_expiring, idempotency_by_age); at one
# time, settlements come first (their events are then due too), then the expiries.
_FIRST = f"""
SELECT * FROM (SELECT settle_at, 0, '{SETTLEMENT}', api_key, id, settle_outcome, 0
               FROM payments WHERE settle_at IS NOT NULL ORDER BY settle_at LIMIT 1)
UNION ALL
SELECT * FROM (SELECT s.expires_at, 1, '{SECRET_EXPIRY}', e.api_key, s.endpoint_id, NULL, s.rowid
               FROM webhook_secrets s JOIN webhook_endpoints e ON e.id = s.endpoint_id
               WHERE s.expires_at IS NOT NULL ORDER BY s.expires_at LIMIT 1)
UNION ALL
SELECT * FROM (SELECT created_at + {RETENTION_SECONDS}, 2, '{IDEMPOTENCY_EXPIRY}', api_key, key,
                      NULL, 0
               FROM idempotency ORDER BY created_at LIMIT 1)
"""


@dataclass(frozen=True)
class Due:
    """One item due at ``at`` for ``api_key``: a settlement (``ref`` the payment id, ``outcome``
    its outcome), a secret expiry (``ref`` the endpoint id, ``rowid`` the secret's row) or an
    idempotency expiry (``ref`` the key)."""

    at: float
    kind: str
    api_key: str
    ref: str
    outcome: str | None = None
    rowid: int = 0


class DueWork:
    """The due items of ``store``, except webhook deliveries (see ``Outbox.first_due``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def first(self) -> Due | None:
        """The item due first, or None when nothing is waiting."""
        found = [
            (float(at) if rank != 1 else parse_timestamp(str(at)).timestamp(), int(rank), row)
            for at, rank, *row in self.store.query_all(_FIRST)
        ]
        if not found:
            return None
        at, _, (kind, api_key, ref, outcome, rowid) = min(found, key=lambda item: item[:2])
        return Due(at, str(kind), str(api_key), str(ref), outcome, int(rowid))

    def drop_secret(self, rowid: int) -> None:
        """Delete an expired secret (it would never sign again)."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM webhook_secrets WHERE rowid = ?", (rowid,))

    def drop_idempotency_key(self, api_key: str, key: str) -> None:
        """Forget an expired reply: the key can be used for a new request."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM idempotency WHERE api_key = ? AND key = ?", (api_key, key))
