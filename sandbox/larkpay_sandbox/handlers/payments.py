"""Payment operations: create (with scenarios), get, list, update, cancel, settle."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from larkpay_sandbox.core.api_error import ApiError, dumps, not_found
from larkpay_sandbox.handlers.scenarios import FAILURE_MESSAGES, outcome_for, settle
from larkpay_sandbox.server.contract import Context, Reply, ok
from larkpay_sandbox.storage.database import Store, new_id, now_iso
from larkpay_sandbox.storage.paging import list_page


def load_payment(store: Store, api_key: str, payment_id: str) -> dict[str, Any]:
    """The payment of this API key, or 404."""
    row = store.query_one(
        "SELECT body FROM payments WHERE id=? AND api_key=?", (payment_id, api_key)
    )
    if row is None:
        raise not_found("payment", payment_id)
    payment: dict[str, Any] = json.loads(row[0])
    return payment


def _save(ctx: Context, payment: dict[str, Any], settle_cleared: bool = False) -> bytes:
    """Inside a transaction: write the payment back and fire payment.updated."""
    data = dumps(payment)
    store = ctx.sandbox.store
    conn = store.connection
    if settle_cleared:
        conn.execute(
            "UPDATE payments SET status=?, body=?, settle_at=NULL, settle_outcome=NULL WHERE id=?",
            (payment["status"], data.decode(), payment["id"]),
        )
    else:
        conn.execute(
            "UPDATE payments SET status=?, body=? WHERE id=?",
            (payment["status"], data.decode(), payment["id"]),
        )
    store.emit_event(conn, ctx.api_key, "payment.updated", payment, data)
    return data


def _unavailable() -> ApiError:
    return ApiError(
        "SERVICE_UNAVAILABLE",
        "The sandbox is simulating an outage (test_unavailable_once). Retry with the same "
        "Idempotency-Key after Retry-After seconds.",
        headers={"Retry-After": "1"},
    )


async def create_payment(ctx: Context) -> Reply:
    """POST /payments."""
    body = ctx.body
    sandbox = ctx.sandbox
    outcome = outcome_for(body["source"])
    if outcome.rate_limited:
        raise ApiError(
            "RATE_LIMITED",
            "The sandbox is simulating a rate limit (test_rate_limited); nothing was created. "
            "Retry after Retry-After seconds.",
            headers={"Retry-After": "1"},
        )
    if outcome.unavailable_once and ctx.idempotency_key is not None:
        seen = (ctx.api_key, ctx.idempotency_key)
        if seen not in sandbox.unavailable_seen:
            sandbox.unavailable_seen.add(seen)
            raise _unavailable()
    if outcome.slow:
        await asyncio.sleep(sandbox.settings.slow_delay)
    now = now_iso()
    payment: dict[str, Any] = {
        "id": new_id("pay_"),
        "object": "payment",
        "amount": int(body["amount"]),
        "currency": body["currency"],
        "status": outcome.status,
        "amount_refunded": 0,
        "source": body["source"],
        "description": body.get("description"),
        "metadata": body.get("metadata", {}),
        "failure_code": outcome.failure_code,
        "failure_message": FAILURE_MESSAGES.get(outcome.failure_code or ""),
        "created_at": now,
        "updated_at": now,
    }
    data = dumps(payment)
    settle_at = time.time() + sandbox.settings.settle_delay if outcome.settles_to else None
    with ctx.transaction() as conn:
        conn.execute(
            "INSERT INTO payments(id, api_key, status, created_at, body, settle_at, settle_outcome)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                payment["id"],
                ctx.api_key,
                payment["status"],
                now,
                data.decode(),
                settle_at,
                outcome.settles_to,
            ),
        )
        sandbox.store.emit_event(conn, ctx.api_key, "payment.created", payment, data)
        if outcome.failure_code is None:
            reply = ok(data, 201)
        else:
            declined = ApiError(
                "PAYMENT_FAILED",
                f"The payment was declined: {outcome.failure_code}. It exists with status "
                "failed; ask the customer for another payment method.",
                reason=outcome.failure_code,
                extra={"payment_id": payment["id"]},
            )
            reply = Reply(402, declined.body(ctx.request_id))
        ctx.remember(conn, reply)
    if settle_at is not None:
        sandbox.settler.wakeup.set()
    return reply


async def get_payment(ctx: Context) -> Reply:
    """GET /payments/{payment_id}."""
    row = ctx.sandbox.store.query_one(
        "SELECT body FROM payments WHERE id=? AND api_key=?",
        (ctx.path_params["payment_id"], ctx.api_key),
    )
    if row is None:
        raise not_found("payment", ctx.path_params["payment_id"])
    return ok(row[0].encode())


async def list_payments(ctx: Context) -> Reply:
    """GET /payments."""
    sql = "SELECT seq, body FROM payments WHERE api_key=?"
    params: tuple[Any, ...] = (ctx.api_key,)
    if "status" in ctx.query:
        sql += " AND status=?"
        params = (*params, ctx.query["status"])
    return list_page(ctx.sandbox.store, sql, params, ctx.query)


async def update_payment(ctx: Context) -> Reply:
    """PATCH /payments/{payment_id}: description and/or the whole metadata map."""
    payment = load_payment(ctx.sandbox.store, ctx.api_key, ctx.path_params["payment_id"])
    changed = False
    for name in ("description", "metadata"):
        if name in ctx.body and ctx.body[name] != payment[name]:
            payment[name] = ctx.body[name]
            changed = True
    with ctx.transaction() as conn:
        if changed:
            payment["updated_at"] = now_iso()
            data = _save(ctx, payment)
        else:
            data = dumps(payment)
        return ctx.remember(conn, ok(data))


async def cancel_payment(ctx: Context) -> Reply:
    """POST /payments/{payment_id}/cancel: pending payments only."""
    payment = load_payment(ctx.sandbox.store, ctx.api_key, ctx.path_params["payment_id"])
    if payment["status"] != "pending":
        raise ApiError(
            "INVALID_STATE",
            f"Only pending payments can be canceled; this one is {payment['status']}. "
            "Refund a succeeded payment instead.",
        )
    payment["status"] = "canceled"
    payment["updated_at"] = now_iso()
    with ctx.transaction() as conn:
        return ctx.remember(conn, ok(_save(ctx, payment, settle_cleared=True)))


async def settle_payment(ctx: Context) -> Reply:
    """POST /sandbox/payments/{payment_id}/settle: a pending payment to succeeded or failed now."""
    payment = load_payment(ctx.sandbox.store, ctx.api_key, ctx.path_params["payment_id"])
    if payment["status"] != "pending":
        raise ApiError(
            "INVALID_STATE",
            f"Only pending payments can be settled; this one is {payment['status']}. "
            "Create a payment with source test_pending to get one.",
        )
    settled = settle(ctx.sandbox.store, payment["id"], ctx.body["outcome"])
    assert settled is not None
    return ok(dumps(settled))
