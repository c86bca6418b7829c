"""A payment's row: read only for its own API key; written back with its payment.updated event,
and with its settle time cleared once settled."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.handlers.payment_rows import load_payment, save_payment
from larkpay_sandbox.storage.database import Store

from tests.sandbox.conftest import make_services

PENDING = {"id": "pay_1", "object": "payment", "status": "pending", "amount": 100}


def store_with_pending_payment() -> Store:
    store = Store(":memory:")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO payments(id, api_key, status, created_at, body, settle_at, "
            "settle_outcome) VALUES ('pay_1', 'k1', 'pending', 't', ?, 123.0, 'succeeded')",
            (json.dumps(PENDING),),
        )
    return store


def save(store: Store, payment: dict[str, Any], *, settled: bool) -> bytes:
    outbox = make_services(store).outbox

    async def write() -> bytes:
        with store.batched() as conn:
            data = save_payment(conn, outbox, "k1", payment, settled=settled)
        await store.durable()
        return data

    return asyncio.run(write())


def test_load_payment_reads_the_payment_of_its_own_key() -> None:
    assert load_payment(store_with_pending_payment(), "k1", "pay_1") == PENDING


@pytest.mark.parametrize(("api_key", "payment_id"), [("k2", "pay_1"), ("k1", "pay_2")])
def test_load_payment_of_another_key_or_an_unknown_id_is_404(api_key: str, payment_id: str) -> None:
    with pytest.raises(ApiError) as caught:
        load_payment(store_with_pending_payment(), api_key, payment_id)
    assert (caught.value.status, caught.value.code) == (404, "NOT_FOUND")
    assert payment_id in caught.value.message


def test_save_payment_writes_the_row_and_fires_payment_updated() -> None:
    store = store_with_pending_payment()
    data = save(store, {**PENDING, "description": "x"}, settled=False)
    assert json.loads(data)["description"] == "x"
    assert load_payment(store, "k1", "pay_1")["description"] == "x"
    [(kind, body)] = store.query_all("SELECT type, body FROM events WHERE api_key='k1'")
    assert kind == "payment.updated"
    assert json.loads(body)["data"]["description"] == "x"
    assert store.query_one("SELECT settle_at FROM payments")[0] == 123.0


def test_a_settled_save_clears_the_settle_time() -> None:
    store = store_with_pending_payment()
    save(store, {**PENDING, "status": "succeeded"}, settled=True)
    assert store.query_one("SELECT status, settle_at, settle_outcome FROM payments") == (
        "succeeded",
        None,
        None,
    )
