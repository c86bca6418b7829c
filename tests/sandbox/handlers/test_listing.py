"""list_reply, the one paging helper of every list: filters narrow the rows, limit and cursor
page them newest first, render turns a row into its JSON."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from larkpay_sandbox.handlers.listing import list_reply
from larkpay_sandbox.server.contract import Context
from larkpay_sandbox.storage.database import Store

from tests.sandbox.conftest import make_services

SQL = "SELECT seq, body FROM payments WHERE api_key=?"
FILTERS = {"status": "status"}


def store_with(rows: list[tuple[str, str, str]]) -> Store:
    """Payments (id, api key, status) with bodies naming them, in that order."""
    store = Store(":memory:")

    async def insert() -> None:
        with store.batched() as conn:
            for payment_id, api_key, status in rows:
                body = json.dumps({"id": payment_id, "status": status})
                conn.execute(
                    "INSERT INTO payments(id, api_key, status, created_at, body) "
                    "VALUES (?, ?, ?, '2026-01-01T00:00:00Z', ?)",
                    (payment_id, api_key, status, body),
                )
        await store.durable()

    asyncio.run(insert())
    return store


def page(store: Store, **query: Any) -> dict[str, Any]:
    ctx = Context(make_services(store), "k1", {}, query, {}, None, "req_1")
    reply = list_reply(ctx, SQL, ("k1",), filters=FILTERS)
    assert reply.status == 200
    envelope: dict[str, Any] = json.loads(reply.body)
    return envelope


STORE = [
    ("pay_a", "k1", "succeeded"),
    ("pay_b", "k1", "pending"),
    ("pay_c", "k2", "succeeded"),
    ("pay_d", "k1", "succeeded"),
]


def test_a_filter_given_in_the_query_narrows_the_rows() -> None:
    store = store_with(STORE)
    assert [p["id"] for p in page(store, status="succeeded")["data"]] == ["pay_d", "pay_a"]
    assert [p["id"] for p in page(store, status="pending")["data"]] == ["pay_b"]
    assert page(store, status="failed")["data"] == []


def test_without_the_filter_every_row_of_the_key_is_listed_newest_first() -> None:
    assert [p["id"] for p in page(store_with(STORE))["data"]] == ["pay_d", "pay_b", "pay_a"]


def test_limit_and_cursor_page_the_filtered_rows_without_repeats() -> None:
    store = store_with(STORE)
    first = page(store, status="succeeded", limit=1)
    assert [p["id"] for p in first["data"]] == ["pay_d"]
    assert first["has_more"] is True
    second = page(store, status="succeeded", limit=1, cursor=first["next_cursor"])
    assert [p["id"] for p in second["data"]] == ["pay_a"]
    assert second["has_more"] is False
    assert second["next_cursor"] is None


def test_render_turns_each_row_into_its_json() -> None:
    store = store_with(STORE)
    ctx = Context(make_services(store), "k1", {}, {}, {}, None, "req_1")
    reply = list_reply(
        ctx,
        "SELECT seq, id FROM payments WHERE api_key=?",
        ("k1",),
        render=lambda row: json.dumps({"only": row[1]}).encode(),
    )
    assert json.loads(reply.body)["data"] == [
        {"only": "pay_d"},
        {"only": "pay_b"},
        {"only": "pay_a"},
    ]
