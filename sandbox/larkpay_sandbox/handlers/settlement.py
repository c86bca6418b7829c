"""Settling a pending scenario payment: the state change that settlePayment and the settler make."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.handlers.payment_rows import save_payment
from larkpay_sandbox.handlers.scenarios import FAILURE_MESSAGES
from larkpay_sandbox.storage.outbox import Outbox


def settle(
    conn: sqlite3.Connection, outbox: Outbox, clock: Clock, payment_id: str, outcome: str
) -> dict[str, Any] | None:
    """Inside a transaction: move a pending payment to ``outcome`` (``succeeded``, or ``failed``
    as a declined card) and fire ``payment.updated``; None if it is not pending."""
    row = conn.execute(
        "SELECT api_key, body FROM payments WHERE id=? AND status='pending'", (payment_id,)
    ).fetchone()
    if row is None:
        return None
    payment: dict[str, Any] = json.loads(row[1])
    payment["status"] = outcome
    if outcome == "failed":
        payment["failure_code"] = "card_declined"
        payment["failure_message"] = FAILURE_MESSAGES["card_declined"]
    payment["updated_at"] = clock.timestamp()
    save_payment(conn, outbox, str(row[0]), payment, settled=True)
    return payment
