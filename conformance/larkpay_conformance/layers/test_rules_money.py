"""Rules layer, money: amounts at their bounds, refunds at the limits that state sets (exactly
what is left, then 1 more), and each operation from each payment state. Each check compares
with what the server says afterwards: a refused change must move nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import (
    STATES,
    expect_answer,
    get_payment,
    new_payment,
    payment_body,
)

AMOUNTS = "larkpay_amount_bounds"
REFUNDS = "larkpay_refund_boundary"
STATE_TABLE = "larkpay_state_table"
MAX_AMOUNT = 99_999_999


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "rules")
    yield client
    client.close()


@pytest.mark.parametrize("amount", [1, MAX_AMOUNT])
def test_amounts_at_both_bounds_are_accepted_and_kept(api: Api, amount: int) -> None:
    ran(AMOUNTS)
    reply = expect_answer(api.create_payment(payment_body(amount=amount)), 201, None, AMOUNTS, "")
    for payment in (reply.data, get_payment(api, reply.data["id"], AMOUNTS)):
        if payment["amount"] != amount or payment["amount_refunded"] != 0:
            raise reply.fail(AMOUNTS, f"created with amount {amount}, answered {payment}")
    refund = api.create_refund(reply.data["id"], {})
    expect_answer(refund, 201, None, AMOUNTS, f"refund all of {amount}")
    if refund.data["amount"] != amount:
        raise refund.fail(AMOUNTS, f"the default refund of {amount} refunded {refund.data}")


@pytest.mark.parametrize("amount", [0, MAX_AMOUNT + 1, -1])
def test_amounts_beyond_the_bounds_are_refused_with_400(api: Api, amount: int) -> None:
    ran(AMOUNTS)
    body = payment_body(amount=amount)
    reply = api.raw(
        "createPayment",
        "POST",
        "/payments",
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": api.new_key()},
    )
    expect_answer(reply, 400, "INVALID_REQUEST", AMOUNTS, f"amount {amount}")
    fields = [d.get("field", "") for d in reply.error.get("details") or []]
    if not any("amount" in field for field in fields):
        raise reply.fail(AMOUNTS, f"the 400 for amount {amount} does not name it: {fields}")


def _refused_refund(api: Api, payment: dict[str, Any], body: dict[str, Any], what: str) -> None:
    reply = api.create_refund(payment["id"], body)
    expect_answer(reply, 409, "INVALID_STATE", REFUNDS, what)
    after = get_payment(api, payment["id"], REFUNDS)
    if after["amount_refunded"] != payment["amount_refunded"]:
        raise reply.fail(
            REFUNDS,
            f"{what} was refused, yet amount_refunded moved from "
            f"{payment['amount_refunded']} to {after['amount_refunded']}",
        )


def _refunds_total(api: Api, payment_id: str) -> int:
    listed = expect_answer(api.list_refunds(payment_id, limit=100), 200, None, REFUNDS, "list")
    return sum(int(r["amount"]) for r in listed.data if r.get("status") != "failed")


@pytest.mark.parametrize("amount", [2, 1000, MAX_AMOUNT])
def test_refunds_stop_exactly_at_what_is_left(api: Api, amount: int) -> None:
    ran(REFUNDS)
    payment = new_payment(api, "succeeded", REFUNDS, amount=amount)
    first = amount // 2
    expect_answer(api.create_refund(payment["id"], {"amount": first}), 201, None, REFUNDS, "part")
    payment = get_payment(api, payment["id"], REFUNDS)
    left = amount - first
    if payment["amount_refunded"] != first:
        raise api.get_payment(payment["id"]).fail(REFUNDS, f"{first} refunded, the payment says so")
    _refused_refund(api, payment, {"amount": left + 1}, f"refund {left + 1} with {left} left")
    rest = api.create_refund(payment["id"], {"amount": left})
    expect_answer(rest, 201, None, REFUNDS, f"refund exactly the {left} left")
    payment = get_payment(api, payment["id"], REFUNDS)
    if payment["amount_refunded"] != amount or _refunds_total(api, payment["id"]) != amount:
        raise rest.fail(REFUNDS, f"after refunding all {amount}: {payment['amount_refunded']}")
    _refused_refund(api, payment, {"amount": 1}, "refund 1 after a full refund")
    _refused_refund(api, payment, {}, "refund what is left (nothing) after a full refund")


def test_a_refund_without_amount_refunds_exactly_what_is_left(api: Api) -> None:
    ran(REFUNDS)
    payment = new_payment(api, "succeeded", REFUNDS, amount=777)
    expect_answer(api.create_refund(payment["id"], {"amount": 700}), 201, None, REFUNDS, "700")
    rest = expect_answer(api.create_refund(payment["id"], {}), 201, None, REFUNDS, "the rest")
    if rest.data["amount"] != 77:
        raise rest.fail(REFUNDS, f"77 was left; the default refund took {rest.data['amount']}")
    if get_payment(api, payment["id"], REFUNDS)["amount_refunded"] != 777:
        raise rest.fail(REFUNDS, "after refunding everything amount_refunded is not the amount")


#: (state, operation) -> what the API must answer: the new status, or None for 409
TRANSITIONS: dict[tuple[str, str], str | None] = {
    ("pending", "cancel"): "canceled",
    ("pending", "settle_succeeded"): "succeeded",
    ("pending", "settle_failed"): "failed",
    ("pending", "refund"): None,
    ("pending", "update"): "pending",
    **{(s, "cancel"): None for s in ("succeeded", "failed", "canceled")},
    **{(s, f"settle_{o}"): None for s in ("succeeded", "failed", "canceled") for o in STATES[1:3]},
    ("succeeded", "refund"): "succeeded",
    ("failed", "refund"): None,
    ("canceled", "refund"): None,
    **{(s, "update"): s for s in ("succeeded", "failed", "canceled")},
}

_OPERATIONS: dict[str, Callable[[Api, str], Reply]] = {
    "cancel": lambda api, pid: api.cancel_payment(pid),
    "settle_succeeded": lambda api, pid: api.settle_payment(pid, "succeeded"),
    "settle_failed": lambda api, pid: api.settle_payment(pid, "failed"),
    "refund": lambda api, pid: api.create_refund(pid, {"amount": 1}),
    "update": lambda api, pid: api.update_payment(pid, {"description": "state table"}),
}


Attempt = tuple[dict[str, Any], Reply, dict[str, Any]]


def _try_transition(api: Api, state: str, operation: str) -> Attempt | None:
    """The payment before, the answer, the payment after; None when a pending payment settled
    on its own around the call (then which came first cannot be told: try a new one)."""
    payment = new_payment(api, state, STATE_TABLE)
    reply = _OPERATIONS[operation](api, payment["id"])
    after = get_payment(api, payment["id"], STATE_TABLE)
    settled_by_us = operation.startswith("settle") and reply.status == 200
    if state == "pending" and after["status"] in ("succeeded", "failed") and not settled_by_us:
        return None
    return payment, reply, after


@pytest.mark.parametrize(("state", "operation"), sorted(TRANSITIONS), ids="-".join)
def test_each_operation_from_each_state(
    api: Api, target: Target, state: str, operation: str
) -> None:
    if not target.is_sandbox and (state != "succeeded" or operation.startswith("settle")):
        pytest.skip("payments in other states and settling exist only on a sandbox")
    ran(STATE_TABLE)
    for _ in range(5):
        attempt = _try_transition(api, state, operation)
        if attempt is not None:
            break
    else:
        pytest.fail("five pending payments settled around the call (settle delay too short?)")
    payment, reply, after = attempt
    becomes = TRANSITIONS[(state, operation)]
    if becomes is None:
        expect_answer(reply, 409, "INVALID_STATE", STATE_TABLE, f"{operation} of a {state} one")
        changed = {k for k in payment if k != "status" and after.get(k) != payment[k]}
        if after["status"] != state or changed:
            raise reply.fail(STATE_TABLE, f"refused {operation} changed {changed or 'status'}")
        return
    expect_answer(reply, 201 if operation == "refund" else 200, None, STATE_TABLE, operation)
    if after["status"] != becomes:
        raise reply.fail(
            STATE_TABLE,
            f"{operation} of a {state} payment left it {after['status']}, not {becomes}",
        )
    if operation != "refund" and reply.data != after:
        raise reply.fail(STATE_TABLE, f"{operation} answered {reply.data}, GET says {after}")


UPDATES = "larkpay_update_rules"


def test_an_update_replaces_metadata_keeps_the_rest_and_moves_updated_at(api: Api) -> None:
    ran(UPDATES)
    body = {**payment_body(), "metadata": {"order": "1", "note": "a"}, "description": "first"}
    created = expect_answer(api.create_payment(body), 201, None, UPDATES, "create").data
    metadata = expect_answer(
        api.update_payment(created["id"], {"metadata": {"ref": "z"}}), 200, None, UPDATES, "update"
    ).data
    if metadata["metadata"] != {"ref": "z"} or metadata["description"] != "first":
        raise api.get_payment(created["id"]).fail(
            UPDATES, f"PATCH metadata must replace the whole map, and only it: {metadata}"
        )
    described = expect_answer(
        api.update_payment(created["id"], {"description": None}), 200, None, UPDATES, "update"
    ).data
    now = get_payment(api, created["id"], UPDATES)
    if described["metadata"] != {"ref": "z"} or described["description"] is not None:
        raise api.get_payment(created["id"]).fail(UPDATES, f"PATCH description changed more: {now}")
    stamps = [created["updated_at"], metadata["updated_at"], described["updated_at"]]
    if now != described or sorted(set(stamps)) != stamps:
        raise api.get_payment(created["id"]).fail(
            UPDATES, f"each update must move updated_at forward and be kept: {stamps}"
        )
