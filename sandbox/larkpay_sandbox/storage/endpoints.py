"""Webhook endpoint rows: their JSON, and their health (disabling and enabling them).

An endpoint is disabled by a PATCH (``manual``), by a delivery answered 410 Gone (``gone``) or
when every attempt to it has failed for the failing period (``failing``). Disabling cancels its
pending deliveries and fires ``webhook_endpoint.disabled`` to the key's other endpoints, in the
transaction that disables it. Enabling forgets the failures before it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from larkpay_sandbox.storage.outbox import Outbox

COLUMNS = "id, url, events, description, status, created_at, disabled_reason"
"""The columns :func:`endpoint_json` reads, in order."""

DISABLED_EVENT = "webhook_endpoint.disabled"


def endpoint_json(row: tuple[Any, ...] | sqlite3.Row) -> dict[str, Any]:
    """The WebhookEndpoint object of a row selecting :data:`COLUMNS`."""
    return {
        "id": row[0],
        "object": "webhook_endpoint",
        "url": row[1],
        "events": json.loads(row[2]),
        "description": row[3],
        "status": row[4],
        "disabled_reason": row[6],
        "created_at": row[5],
    }


def load(conn: sqlite3.Connection, endpoint_id: str) -> tuple[str, dict[str, Any]] | None:
    """The API key and the object of a (not deleted) endpoint, or None."""
    row = conn.execute(
        f"SELECT api_key, {COLUMNS} FROM webhook_endpoints WHERE id=? AND deleted=0",
        (endpoint_id,),
    ).fetchone()
    return None if row is None else (str(row[0]), endpoint_json(row[1:]))


def disable(
    conn: sqlite3.Connection, outbox: Outbox, endpoint_id: str, reason: str
) -> dict[str, Any] | None:
    """Inside a transaction: disable an enabled endpoint for ``reason`` (gone, failing, manual),
    cancel its pending deliveries and fire webhook_endpoint.disabled to the key's other
    endpoints; returns the endpoint after the change, None if it was not enabled."""
    changed = conn.execute(
        "UPDATE webhook_endpoints SET status='disabled', disabled_reason=?, failing_since=NULL"
        " WHERE id=? AND deleted=0 AND status='enabled'",
        (reason, endpoint_id),
    ).rowcount
    if not changed:
        return None
    outbox.cancel_for_endpoint(conn, endpoint_id)
    found = load(conn, endpoint_id)
    assert found is not None, "updated just now"
    api_key, endpoint = found
    outbox.emit_event(conn, api_key, DISABLED_EVENT, endpoint)
    return endpoint


def enable(conn: sqlite3.Connection, endpoint_id: str) -> None:
    """Inside a transaction: enable an endpoint; failures before now no longer count."""
    conn.execute(
        "UPDATE webhook_endpoints SET status='enabled', disabled_reason=NULL, failing_since=NULL"
        " WHERE id=? AND deleted=0",
        (endpoint_id,),
    )


def after_attempt(
    conn: sqlite3.Connection,
    outbox: Outbox,
    endpoint_id: str,
    *,
    at: float,
    status_code: int | None,
    succeeded: bool,
    failing_period: float,
) -> str | None:
    """Inside the transaction recording an attempt made at ``at``: update the endpoint's health.

    A success ends its failing streak; 410 disables it (``gone``); a failure starts the streak
    or, once every attempt has failed for ``failing_period`` seconds, disables it
    (``failing``). Returns the reason if this attempt disabled the endpoint.
    """
    if succeeded:
        conn.execute(
            "UPDATE webhook_endpoints SET failing_since=NULL"
            " WHERE id=? AND failing_since IS NOT NULL",
            (endpoint_id,),
        )
        return None
    if status_code == 410:
        return "gone" if disable(conn, outbox, endpoint_id, "gone") is not None else None
    row = conn.execute(
        "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?)"
        " WHERE id=? AND status='enabled' RETURNING failing_since",
        (at, endpoint_id),
    ).fetchone()
    if row is None or at - float(row[0]) < failing_period:
        return None
    return "failing" if disable(conn, outbox, endpoint_id, "failing") is not None else None
