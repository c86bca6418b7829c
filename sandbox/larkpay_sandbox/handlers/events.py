"""Event operations: list, get, delivery attempts, redeliver."""

from __future__ import annotations

import json
from typing import Any

from larkpay_sandbox.core.api_error import dumps, not_found, success_list
from larkpay_sandbox.server.contract import Context, Reply, ok
from larkpay_sandbox.storage.paging import decode_cursor, encode_cursor, list_page


def _event_row(ctx: Context) -> tuple[str, str]:
    event_id = ctx.path_params["event_id"]
    row = ctx.sandbox.store.query_one(
        "SELECT type, body FROM events WHERE id=? AND api_key=?", (event_id, ctx.api_key)
    )
    if row is None:
        raise not_found("event", event_id)
    return str(row[0]), str(row[1])


async def list_events(ctx: Context) -> Reply:
    """GET /events, optionally of one type."""
    sql = "SELECT seq, body FROM events WHERE api_key=?"
    params: tuple[Any, ...] = (ctx.api_key,)
    if "event" in ctx.query:
        sql += " AND type=?"
        params = (*params, ctx.query["event"])
    return list_page(ctx.sandbox.store, sql, params, ctx.query)


async def get_event(ctx: Context) -> Reply:
    """GET /events/{event_id}."""
    return ok(_event_row(ctx)[1].encode())


async def list_deliveries(ctx: Context) -> Reply:
    """GET /events/{event_id}/deliveries: every attempt, newest first."""
    _event_row(ctx)
    limit = int(ctx.query.get("limit", 20))
    sql = (
        "SELECT rowid, id, event_id, endpoint_id, attempt, attempted_at, status_code, error, "
        "latency_ms, succeeded FROM webhook_deliveries WHERE event_id=?"
    )
    params: tuple[Any, ...] = (ctx.path_params["event_id"],)
    if "cursor" in ctx.query:
        sql += " AND rowid < ?"
        params = (*params, decode_cursor(ctx.query["cursor"]))
    rows = ctx.sandbox.store.query_all(sql + " ORDER BY rowid DESC LIMIT ?", (*params, limit + 1))
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [
        dumps(
            {
                "id": row[1],
                "object": "event_delivery",
                "event_id": row[2],
                "endpoint_id": row[3],
                "attempt": row[4],
                "attempted_at": row[5],
                "status_code": row[6],
                "error": row[7],
                "latency_ms": max(0.0, float(row[8])),
                "succeeded": bool(row[9]),
            }
        )
        for row in rows
    ]
    cursor = encode_cursor(rows[-1][0]) if has_more else None
    return Reply(200, success_list(items, has_more, cursor))


async def redeliver_event(ctx: Context) -> Reply:
    """POST /events/{event_id}/redeliver: queue it again for every matching endpoint."""
    event_type, body = _event_row(ctx)
    store = ctx.sandbox.store
    with ctx.transaction() as conn:
        store.queue_deliveries(conn, ctx.api_key, json.loads(body)["id"], event_type)
        return ctx.remember(conn, ok(body.encode(), 202))
