"""Small flows the example-based checks share: a payment in a given state, reading a payment,
and asserting an answer's status and error code."""

from __future__ import annotations

from typing import Any

from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply

#: the payment statuses, and the source that creates a payment in each (failed: declined at
#: once; canceled: created pending, then canceled)
STATES = ("pending", "succeeded", "failed", "canceled")
_SOURCE = {
    "pending": "test_pending",
    "succeeded": "test_success",
    "failed": "test_failure",
    "canceled": "test_pending",
}


def expect_answer(reply: Reply, status: int, code: str | None, check: str, what: str) -> Reply:
    """Raise ``check`` unless ``reply`` has ``status`` (and error ``code`` when given)."""
    if reply.status != status or (code is not None and reply.code != code):
        wanted = f"{status} {code}" if code else str(status)
        raise reply.fail(check, f"{what}: expected {wanted}, got {reply.status} {reply.code or ''}")
    return reply


def payment_body(source: str = "test_success", amount: int = 5000) -> dict[str, Any]:
    """A valid createPayment body."""
    return {"amount": amount, "currency": "EUR", "source": source}


def new_payment(api: Api, state: str, check: str, amount: int = 5000) -> dict[str, Any]:
    """A payment in ``state`` as the API last answered it (pending and canceled ones need a
    sandbox: their settle delay must not have run out yet, see :func:`still_pending`)."""
    reply = api.create_payment(payment_body(_SOURCE[state], amount))
    if state == "failed":
        expect_answer(reply, 402, "PAYMENT_FAILED", check, "create a declined payment")
        return get_payment(api, str(reply.error.get("payment_id")), check)
    payment = dict(expect_answer(reply, 201, None, check, f"create a {state} payment").data)
    if state == "canceled":
        payment = dict(
            expect_answer(api.cancel_payment(payment["id"]), 200, None, check, "cancel").data
        )
    return payment


def get_payment(api: Api, payment_id: str, check: str) -> dict[str, Any]:
    """The payment as GET answers it now."""
    return dict(expect_answer(api.get_payment(payment_id), 200, None, check, "get payment").data)
