"""Refund operations: create (never over the payment's amount), list per payment, get."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.api_error import ApiError, not_found
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.core.ids import new_id
from larkpay_sandbox.handlers.listing import list_reply
from larkpay_sandbox.handlers.payment_rows import load_payment, save_payment
from larkpay_sandbox.server.contract import Context, Reply, ok


async def create_refund(ctx: Context) -> Reply:
    """POST /payments/{payment_id}/refunds; the refund succeeds at once."""
    services = ctx.services
    payment = load_payment(services.store, ctx.api_key, ctx.path_params["payment_id"])
    body = ctx.body or {}
    if payment["status"] != "succeeded":
        raise ApiError(
            "INVALID_STATE",
            f"Only succeeded payments can be refunded; this one is {payment['status']}.",
        )
    left = int(payment["amount"]) - int(payment["amount_refunded"])
    amount = int(body.get("amount", left))
    if left == 0:
        raise ApiError("INVALID_STATE", "This payment is already fully refunded.")
    if amount > left:
        raise ApiError(
            "INVALID_STATE",
            f"The refund amount {amount} is more than what is left to refund ({left}).",
            details=[{"field": "amount", "message": f"must be <= {left}"}],
        )
    now = services.clock.timestamp()
    refund: dict[str, Any] = {
        "id": new_id("re_"),
        "object": "refund",
        "payment_id": payment["id"],
        "amount": amount,
        "currency": payment["currency"],
        "reason": body.get("reason"),
        "status": "succeeded",
        "created_at": now,
        "updated_at": now,
    }
    payment["amount_refunded"] = int(payment["amount_refunded"]) + amount
    payment["updated_at"] = now
    data = dumps(refund)
    with ctx.transaction() as conn:
        conn.execute(
            "INSERT INTO refunds(id, api_key, payment_id, created_at, body) VALUES (?,?,?,?,?)",
            (refund["id"], ctx.api_key, payment["id"], now, data.decode()),
        )
        services.outbox.emit_event(conn, ctx.api_key, "refund.created", refund, data)
        save_payment(conn, services.outbox, ctx.api_key, payment)
    return ok(data, 201)


async def list_refunds(ctx: Context) -> Reply:
    """GET /payments/{payment_id}/refunds."""
    payment = load_payment(ctx.services.store, ctx.api_key, ctx.path_params["payment_id"])
    return list_reply(ctx, "SELECT seq, body FROM refunds WHERE payment_id=?", (payment["id"],))


async def get_refund(ctx: Context) -> Reply:
    """GET /refunds/{refund_id}."""
    refund_id = ctx.path_params["refund_id"]
    row = ctx.services.store.query_one(
        "SELECT body FROM refunds WHERE id=? AND api_key=?", (refund_id, ctx.api_key)
    )
    if row is None:
        raise not_found("refund", refund_id)
    return ok(row[0].encode())
