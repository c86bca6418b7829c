"""Tenants layer: with a second credential pair, one API key's objects are invisible to the
other. Every get, update, cancel, refund, settle, endpoint operation, event, delivery listing and
redelivery answers 404; lists leave them out; nothing of the first key changes; and the same
Idempotency-Key sent by both keys is two requests; advancing the shared test clock lists
and counts only the caller's due work. Without a second pair the layer is skipped
and the summary says why."""

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
from larkpay_conformance.steps.flows import expect_answer, get_payment, new_payment, payment_body
from larkpay_conformance.steps.sandbox_clock import advance, timing

ISOLATION = "larkpay_tenant_isolation"
IDEMPOTENCY = "larkpay_tenant_idempotency"
HOOK_URL = "http://127.0.0.1:9/larkpay-conformance-tenants"


@pytest.fixture(scope="module")
def apis(target: Target, suite: Suite) -> Iterator[tuple[Api, Api]]:
    second = target.second_tenant
    if second is None:
        pytest.skip(target.second_key_note or "no second API key")
    first, other = Api(target, suite.recorder, "tenants"), Api(second, suite.recorder, "tenants")
    yield first, other
    first.close()
    other.close()


@pytest.fixture(scope="module")
def owned(apis: tuple[Api, Api], target: Target) -> Iterator[dict[str, Any]]:
    """Objects of the first key: payments, a refund, an endpoint and an event."""
    api = apis[0]
    paid = new_payment(api, "succeeded", ISOLATION)
    refund = expect_answer(api.create_refund(paid["id"], {"amount": 10}), 201, None, ISOLATION, "")
    pending = new_payment(api, "pending", ISOLATION) if target.is_sandbox else None
    endpoint = api.create_endpoint({"url": HOOK_URL, "events": ["refund.updated"]})
    expect_answer(endpoint, 201, None, ISOLATION, "create endpoint")
    event = expect_answer(api.list_events(limit=1), 200, None, ISOLATION, "list events").data[0]
    yield {
        "payment": get_payment(api, paid["id"], ISOLATION),
        "refund": refund.data,
        "pending": pending,
        "endpoint": endpoint.data,
        "event": event,
    }
    api.delete_endpoint(endpoint.data["id"])


def _probes(other: Api, owned: dict[str, Any]) -> dict[str, Callable[[], Reply]]:
    pid, eid = owned["payment"]["id"], owned["endpoint"]["id"]
    event = owned["event"]["id"]
    probes: dict[str, Callable[[], Reply]] = {
        "getPayment": lambda: other.get_payment(pid),
        "updatePayment": lambda: other.update_payment(pid, {"description": "other tenant"}),
        "cancelPayment": lambda: other.cancel_payment(pid),
        "createRefund": lambda: other.create_refund(pid, {"amount": 1}),
        "listRefunds": lambda: other.list_refunds(pid),
        "getRefund": lambda: other.get_refund(owned["refund"]["id"]),
        "getWebhookEndpoint": lambda: other.get_endpoint(eid),
        "updateWebhookEndpoint": lambda: other.update_endpoint(eid, {"description": "other"}),
        "rotateWebhookSecret": lambda: other.rotate_secret(eid, {}),
        "deleteWebhookEndpoint": lambda: other.delete_endpoint(eid),
        "getEvent": lambda: other.get_event(event),
        "listEventDeliveries": lambda: other.deliveries(event),
        "redeliverEvent": lambda: other.redeliver(event),
    }
    if owned["pending"] is not None:
        pending = owned["pending"]["id"]
        probes["cancelPayment (pending)"] = lambda: other.cancel_payment(pending)
        probes["settlePayment"] = lambda: other.settle_payment(pending, "failed")
    return probes


def test_another_key_gets_404_for_every_object(
    apis: tuple[Api, Api], owned: dict[str, Any]
) -> None:
    first, other = apis
    for name, probe in _probes(other, owned).items():
        ran(ISOLATION)
        reply = probe()
        if reply.status != 404 or reply.code != "NOT_FOUND":
            raise reply.fail(ISOLATION, f"{name} of another key's object: expected 404 NOT_FOUND")
    if get_payment(first, owned["payment"]["id"], ISOLATION) != owned["payment"]:
        raise first.get_payment(owned["payment"]["id"]).fail(
            ISOLATION, "another key's refused calls changed the payment"
        )
    endpoint = expect_answer(first.get_endpoint(owned["endpoint"]["id"]), 200, None, ISOLATION, "")
    if endpoint.data.get("description") != owned["endpoint"].get("description"):
        raise endpoint.fail(ISOLATION, "another key changed (or deleted) the endpoint")


def _listed(call: Callable[..., Reply], pages: int = 3) -> tuple[set[str], Reply]:
    ids: set[str] = set()
    params: dict[str, Any] = {"limit": 100}
    reply = call(**params)
    for _ in range(pages):
        expect_answer(reply, 200, None, ISOLATION, "list")
        ids |= {str(item.get("id")) for item in reply.data}
        ids |= {str((item.get("data") or {}).get("id")) for item in reply.data if "data" in item}
        if not reply.envelope.get("has_more"):
            break
        reply = call(**params, cursor=reply.envelope["next_cursor"])
    return ids, reply


def test_another_key_never_lists_the_objects(apis: tuple[Api, Api], owned: dict[str, Any]) -> None:
    _, other = apis
    ours = {owned["payment"]["id"], owned["refund"]["id"], owned["endpoint"]["id"]}
    ours.add(owned["event"]["id"])
    for name, call in (
        ("listPayments", other.list_payments),
        ("listEvents", other.list_events),
        ("listWebhookEndpoints", other.list_endpoints),
    ):
        ran(ISOLATION)
        listed, reply = _listed(call)
        leaked = sorted(listed & ours)
        if leaked:
            raise reply.fail(ISOLATION, f"{name} of another key lists {leaked[0]}")


def test_one_idempotency_key_used_by_two_keys_is_two_requests(apis: tuple[Api, Api]) -> None:
    first, other = apis
    ran(IDEMPOTENCY)
    key = first.new_key()
    body = payment_body(amount=2468)
    mine = expect_answer(first.create_payment(body, key=key), 201, None, IDEMPOTENCY, "create")
    theirs = other.create_payment(body, key=key)
    expect_answer(theirs, 201, None, IDEMPOTENCY, "the same key and body from another key")
    if "idempotent-replayed" in theirs.exchange.headers or theirs.data["id"] == mine.data["id"]:
        raise theirs.fail(IDEMPOTENCY, "another key's request replayed this key's answer")
    second_key = first.new_key()
    expect_answer(first.create_payment(body, key=second_key), 201, None, IDEMPOTENCY, "create")
    changed = other.create_payment({**body, "amount": 1357}, key=second_key)
    expect_answer(changed, 201, None, IDEMPOTENCY, "another key's Idempotency-Key, another body")
    replay = first.create_payment(body, key=key)
    if replay.exchange.headers.get("idempotent-replayed") != "true" or replay.data != mine.data:
        raise replay.fail(
            IDEMPOTENCY,
            "after another key used the same Idempotency-Key, this key's replay changed: "
            + json.dumps(replay.data)[:200],
        )


def test_a_clock_advance_tells_only_the_callers_due_work(
    apis: tuple[Api, Api], target: Target
) -> None:
    if not target.is_sandbox:
        pytest.skip("the test clock is a sandbox operation")
    first, other = apis
    ran(ISOLATION)
    pending = new_payment(first, "pending", ISOLATION)
    reply = expect_answer(
        advance(other, seconds=timing(other).settle_delay + 1.0), 200, None, ISOLATION, "advance"
    )
    told = reply.data
    leaked = [s for s in told["ran"] if s.get("payment_id") == pending["id"]]
    miscounted = not told["ran_truncated"] and sum(told["counts"].values()) != len(told["ran"])
    if leaked or miscounted:
        raise reply.fail(ISOLATION, f"another key's advance tells {pending['id']}'s settlement")
    settled = get_payment(first, pending["id"], ISOLATION)
    if settled["status"] == "pending":
        raise first.get_payment(pending["id"]).fail(
            ISOLATION, "the advance of another key did not run this key's due settlement"
        )
