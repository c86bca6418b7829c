"""A payment's row: read it for an API key, and write it back with its payment.updated event."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from larkpay_sandbox.core.api_error import not_found
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox


def load_payment(store: Store, api_key: str, payment_id: str) -> dict[str, Any]:
    """The payment of this API key, or 404."""
    row = store.query_one(
        "SELECT body FROM payments WHERE id=? AND api_key=?", (payment_id, api_key)
    )
    if row is None:
        raise not_found("payment", payment_id)
    payment: dict[str, Any] = json.loads(row[0])
    return payment


def save_payment(
    conn: sqlite3.Connection,
    outbox: Outbox,
    api_key: str,
    payment: dict[str, Any],
    *,
    settled: bool = False,
) -> bytes:
    """Inside a transaction: write the payment back and fire payment.updated; returns its JSON.

    ``settled`` also clears the settle time, so the settler leaves the payment alone.
    """
    data = dumps(payment)
    clear = ", settle_at=NULL, settle_outcome=NULL" if settled else ""
    conn.execute(
        f"UPDATE payments SET status=?, body=?{clear} WHERE id=?",
        (payment["status"], data.decode(), payment["id"]),
    )
    outbox.emit_event(conn, api_key, "payment.updated", payment, data)
    return data
