"""Payment operations: create (with scenarios), get, list, update, cancel, settle."""

from __future__ import annotations

import asyncio
from typing import Any

from larkpay_sandbox.core.api_error import ApiError, not_found
from larkpay_sandbox.core.clock import parse_timestamp
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.core.ids import new_id
from larkpay_sandbox.handlers.listing import list_reply
from larkpay_sandbox.handlers.payment_rows import load_payment, save_payment
from larkpay_sandbox.handlers.scenarios import FAILURE_MESSAGES, outcome_for
from larkpay_sandbox.handlers.settlement import settle
from larkpay_sandbox.server.contract import Context, Reply, ok


def _unavailable() -> ApiError:
    return ApiError(
        "SERVICE_UNAVAILABLE",
        "The sandbox is simulating an outage (test_unavailable_once). Retry with the same "
        "Idempotency-Key after Retry-After seconds.",
        headers={"Retry-After": "1"},
    )


def _pending_payment(ctx: Context, *, action: str, instead: str) -> dict[str, Any]:
    """The request's payment if it is pending, else 404, or 409 saying that only pending
    payments can be ``action`` and what to do ``instead``."""
    payment = load_payment(ctx.services.store, ctx.api_key, ctx.path_params["payment_id"])
    if payment["status"] != "pending":
        raise ApiError(
            "INVALID_STATE",
            f"Only pending payments can be {action}; this one is {payment['status']}. {instead}",
        )
    return payment


async def create_payment(ctx: Context) -> Reply:
    """POST /payments."""
    body = ctx.body
    services = ctx.services
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
        if seen not in services.unavailable_seen:
            services.unavailable_seen.add(seen)
            raise _unavailable()
    if outcome.slow:
        await asyncio.sleep(services.settings.slow_delay)
    now = services.clock.timestamp()
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
    settle_at = None
    if outcome.settles_to:
        # Exactly the settle delay after created_at, so the test clock settles it at that time.
        settle_at = parse_timestamp(now).timestamp() + services.settings.settle_delay
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
        services.outbox.emit_event(conn, ctx.api_key, "payment.created", payment, data)
        if settle_at is not None:
            services.store.wake_after_commit(services.settlements_due)
    if outcome.failure_code is None:
        return ok(data, 201)
    declined = ApiError(
        "PAYMENT_FAILED",
        f"The payment was declined: {outcome.failure_code}. It exists with status "
        "failed; ask the customer for another payment method.",
        reason=outcome.failure_code,
        extra={"payment_id": payment["id"]},
    )
    return Reply(402, declined.body(ctx.request_id))


async def get_payment(ctx: Context) -> Reply:
    """GET /payments/{payment_id}."""
    row = ctx.services.store.query_one(
        "SELECT body FROM payments WHERE id=? AND api_key=?",
        (ctx.path_params["payment_id"], ctx.api_key),
    )
    if row is None:
        raise not_found("payment", ctx.path_params["payment_id"])
    return ok(row[0].encode())


async def list_payments(ctx: Context) -> Reply:
    """GET /payments, optionally of one status."""
    sql = "SELECT seq, body FROM payments WHERE api_key=?"
    return list_reply(ctx, sql, (ctx.api_key,), filters={"status": "status"})


async def update_payment(ctx: Context) -> Reply:
    """PATCH /payments/{payment_id}: description and/or the whole metadata map."""
    services = ctx.services
    payment = load_payment(services.store, ctx.api_key, ctx.path_params["payment_id"])
    changes = {
        name: ctx.body[name]
        for name in ("description", "metadata")
        if name in ctx.body and ctx.body[name] != payment[name]
    }
    if not changes:
        return ok(dumps(payment))
    payment.update(changes)
    payment["updated_at"] = services.clock.timestamp()
    with ctx.transaction() as conn:
        return ok(save_payment(conn, services.outbox, ctx.api_key, payment))


async def cancel_payment(ctx: Context) -> Reply:
    """POST /payments/{payment_id}/cancel: pending payments only."""
    services = ctx.services
    payment = _pending_payment(
        ctx, action="canceled", instead="Refund a succeeded payment instead."
    )
    payment["status"] = "canceled"
    payment["updated_at"] = services.clock.timestamp()
    with ctx.transaction() as conn:
        return ok(save_payment(conn, services.outbox, ctx.api_key, payment, settled=True))


async def settle_payment(ctx: Context) -> Reply:
    """POST /sandbox/payments/{payment_id}/settle: a pending payment to succeeded or failed now."""
    services = ctx.services
    payment = _pending_payment(
        ctx, action="settled", instead="Create a payment with source test_pending to get one."
    )
    with ctx.transaction() as conn:
        settled = settle(conn, services.outbox, services.clock, payment["id"], ctx.body["outcome"])
    assert settled is not None, "_pending_payment checked that it is pending"
    return ok(dumps(settled))
