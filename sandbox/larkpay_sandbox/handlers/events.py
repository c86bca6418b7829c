"""Event operations: list, get, delivery attempts, redeliver."""

from __future__ import annotations

import json
from typing import Any

from larkpay_sandbox.core.api_error import not_found
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.handlers.listing import list_reply
from larkpay_sandbox.server.contract import Context, Reply, ok


def _event_row(ctx: Context) -> tuple[str, str]:
    event_id = ctx.path_params["event_id"]
    row = ctx.services.store.query_one(
        "SELECT type, body FROM events WHERE id=? AND api_key=?", (event_id, ctx.api_key)
    )
    if row is None:
        raise not_found("event", event_id)
    return str(row[0]), str(row[1])


async def list_events(ctx: Context) -> Reply:
    """GET /events, optionally of one type."""
    sql = "SELECT seq, body FROM events WHERE api_key=?"
    return list_reply(ctx, sql, (ctx.api_key,), filters={"event": "type"})


async def get_event(ctx: Context) -> Reply:
    """GET /events/{event_id}."""
    return ok(_event_row(ctx)[1].encode())


def _delivery(row: tuple[Any, ...]) -> bytes:
    return dumps(
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


async def list_deliveries(ctx: Context) -> Reply:
    """GET /events/{event_id}/deliveries: every attempt, newest first."""
    _event_row(ctx)
    sql = (
        "SELECT rowid, id, event_id, endpoint_id, attempt, attempted_at, status_code, error, "
        "latency_ms, succeeded FROM webhook_deliveries WHERE event_id=?"
    )
    params = (ctx.path_params["event_id"],)
    return list_reply(ctx, sql, params, key="rowid", render=_delivery)


async def redeliver_event(ctx: Context) -> Reply:
    """POST /events/{event_id}/redeliver: queue it again for every matching endpoint."""
    event_type, body = _event_row(ctx)
    with ctx.transaction() as conn:
        ctx.services.outbox.queue_deliveries(conn, ctx.api_key, json.loads(body)["id"], event_type)
    return ok(body.encode(), 202)
