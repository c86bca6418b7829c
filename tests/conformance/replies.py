"""Hand-made exchanges and replies for the unit tests of the suite's checks."""

from __future__ import annotations

import json
from typing import Any

from larkpay_conformance.checks.exchange import Exchange
from larkpay_conformance.sdk.reply import Reply

STAMP = "2026-11-27T10:00:00.000000Z"
LATER = "2026-11-27T10:00:01.000000Z"


def exchange(
    data: Any, *, url: str = "http://h/v2/payments", method: str = "GET", status: int = 200
) -> Exchange:
    """A success answer holding ``data`` (a list answer when ``data`` is a list)."""
    doc: dict[str, Any] = {"status": "success", "data": data}
    if isinstance(data, list):
        doc.update(has_more=False, next_cursor=None)
    return Exchange(
        method, url, status, {"content-type": "application/json"}, json.dumps(doc).encode()
    )


def reply(data: Any, **envelope: Any) -> Reply:
    """A Reply of a success answer (``envelope`` adds has_more, next_cursor...)."""
    doc = {"status": "success", "data": data, **envelope}
    raw = json.dumps(doc).encode()
    ex = Exchange("GET", "http://h/v2/x", 200, {}, raw)
    return Reply("listPayments", 200, doc, ex, "curl http://h/v2/x")


def payment(**changes: Any) -> dict[str, Any]:
    """A consistent succeeded payment."""
    return {
        "id": "pay_1",
        "object": "payment",
        "amount": 1000,
        "currency": "EUR",
        "status": "succeeded",
        "amount_refunded": 0,
        "source": "tok",
        "description": None,
        "metadata": {},
        "failure_code": None,
        "failure_message": None,
        "created_at": STAMP,
        "updated_at": STAMP,
        **changes,
    }
