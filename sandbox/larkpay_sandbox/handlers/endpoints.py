"""Webhook endpoint operations: secret rotation with an overlap period, enabling and disabling
(see ``storage.endpoints`` for the endpoint's health), and replaying past events."""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from larkpay_sandbox.core.api_error import ApiError, not_found
from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.core.ids import new_id
from larkpay_sandbox.handlers.fields import time_field
from larkpay_sandbox.handlers.listing import list_reply
from larkpay_sandbox.server.contract import Context, Reply, ok
from larkpay_sandbox.storage import endpoints as endpoint_rows
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.endpoints import COLUMNS, endpoint_json


def new_secret() -> str:
    """``whsec_`` + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(os.urandom(32)).decode()


def load_endpoint(store: Store, api_key: str, endpoint_id: str) -> dict[str, Any]:
    """The (not deleted) endpoint of this API key, or 404."""
    row = store.query_one(
        f"SELECT {COLUMNS} FROM webhook_endpoints WHERE id=? AND api_key=? AND deleted=0",
        (endpoint_id, api_key),
    )
    if row is None:
        raise not_found("webhook endpoint", endpoint_id)
    return endpoint_json(row)


async def create_endpoint(ctx: Context) -> Reply:
    """POST /webhook_endpoints; the only answer (with rotate) that shows the secret."""
    store = ctx.services.store
    now = ctx.services.clock.timestamp()
    endpoint: dict[str, Any] = {
        "id": new_id("we_"),
        "object": "webhook_endpoint",
        "url": ctx.body["url"],
        "events": ctx.body["events"],
        "description": ctx.body.get("description"),
        "status": "enabled",
        "disabled_reason": None,
        "created_at": now,
    }
    secret = new_secret()
    with ctx.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_endpoints(id, api_key, url, events, description, status, "
            "created_at, seq) VALUES (?,?,?,?,?,?,?,?)",
            (
                endpoint["id"],
                ctx.api_key,
                endpoint["url"],
                json.dumps(endpoint["events"]),
                endpoint["description"],
                "enabled",
                now,
                store.next_seq(conn, "webhook_endpoints"),
            ),
        )
        conn.execute(
            "INSERT INTO webhook_secrets(endpoint_id, secret, created_at) VALUES (?,?,?)",
            (endpoint["id"], secret, now),
        )
    return ok(dumps({**endpoint, "secret": secret}), 201)


async def list_endpoints(ctx: Context) -> Reply:
    """GET /webhook_endpoints (never with secrets)."""
    sql = f"SELECT seq, {COLUMNS} FROM webhook_endpoints WHERE api_key=? AND deleted=0"
    return list_reply(ctx, sql, (ctx.api_key,), render=lambda row: dumps(endpoint_json(row[1:])))


async def get_endpoint(ctx: Context) -> Reply:
    """GET /webhook_endpoints/{endpoint_id}."""
    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])
    return ok(dumps(endpoint))


async def update_endpoint(ctx: Context) -> Reply:
    """PATCH /webhook_endpoints/{endpoint_id}; ``status`` disables it (``manual``) or enables it
    again (its earlier failures no longer count)."""
    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])
    for name in ("url", "events", "description"):
        if name in ctx.body:
            endpoint[name] = ctx.body[name]
    wanted = ctx.body.get("status", endpoint["status"])
    with ctx.transaction() as conn:
        conn.execute(
            "UPDATE webhook_endpoints SET url=?, events=?, description=? WHERE id=?",
            (
                endpoint["url"],
                json.dumps(endpoint["events"]),
                endpoint["description"],
                endpoint["id"],
            ),
        )
        if wanted != endpoint["status"] and wanted == "disabled":
            endpoint_rows.disable(conn, ctx.services.outbox, endpoint["id"], "manual")
        elif wanted != endpoint["status"]:
            endpoint_rows.enable(conn, endpoint["id"])
        found = endpoint_rows.load(conn, endpoint["id"])
    assert found is not None, "loaded above, in the same loop turn"
    return ok(dumps(found[1]))


async def delete_endpoint(ctx: Context) -> Reply:
    """DELETE /webhook_endpoints/{endpoint_id}; its queued deliveries are canceled; a second
    delete is 404."""
    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])
    with ctx.transaction() as conn:
        conn.execute("UPDATE webhook_endpoints SET deleted=1 WHERE id=?", (endpoint["id"],))
        ctx.services.outbox.cancel_for_endpoint(conn, endpoint["id"])
    return ok(dumps({"id": endpoint["id"], "object": "webhook_endpoint", "deleted": True}))


async def rotate_secret(ctx: Context) -> Reply:
    """POST /webhook_endpoints/{endpoint_id}/rotate_secret.

    Every secret still active now expires after the overlap (or keeps its earlier expiry);
    the new secret never expires.
    """
    settings = ctx.services.settings
    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])
    overlap = float((ctx.body or {}).get("overlap_seconds", settings.rotation_overlap))
    now = ctx.services.clock.time()
    now_text = format_timestamp(now)
    expires = format_timestamp(now + overlap)
    secret = new_secret()
    with ctx.transaction() as conn:
        conn.execute(
            "UPDATE webhook_secrets SET expires_at=? WHERE endpoint_id=? "
            "AND (expires_at IS NULL OR expires_at > ?)",
            (expires, endpoint["id"], expires),
        )
        conn.execute(
            "INSERT INTO webhook_secrets(endpoint_id, secret, created_at) VALUES (?,?,?)",
            (endpoint["id"], secret, now_text),
        )
    return ok(dumps({**endpoint, "secret": secret}))


async def replay_endpoint(ctx: Context) -> Reply:
    """POST /webhook_endpoints/{endpoint_id}/replay: queue again, for this endpoint, every event
    of its selection created at or after ``since``, oldest first, each with its own id."""
    services = ctx.services
    endpoint = load_endpoint(services.store, ctx.api_key, ctx.path_params["endpoint_id"])
    if endpoint["status"] != "enabled":
        raise ApiError(
            "INVALID_STATE",
            f"Webhook endpoint {endpoint['id']} is disabled ({endpoint['disabled_reason']}); "
            "enable it (PATCH status: enabled) before replaying events to it.",
        )
    since = format_timestamp(time_field(ctx.body, "since"))
    sql = "SELECT id FROM events WHERE api_key=? AND created_at >= ?"
    params: tuple[Any, ...] = (ctx.api_key, since)
    if "*" not in endpoint["events"]:
        sql += f" AND type IN ({','.join('?' * len(endpoint['events']))})"
        params += tuple(endpoint["events"])
    event_ids = [str(row[0]) for row in services.store.query_all(sql + " ORDER BY seq", params)]
    with ctx.transaction() as conn:
        services.outbox.queue_for_endpoint(conn, endpoint["id"], event_ids)
    reply = {
        "object": "webhook_replay",
        "endpoint_id": endpoint["id"],
        "since": since,
        "queued": len(event_ids),
    }
    return ok(dumps(reply), 202)
