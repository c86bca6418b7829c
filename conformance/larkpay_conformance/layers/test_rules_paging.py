"""Rules layer, paging of every list operation (payments, refunds, events, webhook endpoints,
deliveries): newest first across pages, each object once and none missing, filters honoured,
new objects created while paging never showing up on later pages, and ``limit`` at its bounds.

On a sandbox each test works in a tenant of its own (created through ``POST
/sandbox/api_keys``), so a listing must hold exactly the objects the test made; elsewhere the
objects the test made must all be listed, among others."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.deployment.tenants import private_tenant
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer, payment_body
from larkpay_conformance.steps.walk import Walk, walk

EVERY_LIST = "larkpay_paging_every_list"
LIMITS = "larkpay_limit_bounds"
HOOK_URL = "http://127.0.0.1:9/larkpay-conformance-paging"


@pytest.fixture
def api(target: Target, suite: Suite) -> Iterator[Api]:
    """A tenant of the test's own on a sandbox, else the run's credentials."""
    tenant = private_tenant(target)
    client = Api(tenant or target, suite.recorder, "rules")
    client.private = tenant is not None  # type: ignore[attr-defined]
    yield client
    client.close()


def _private(api: Api) -> bool:
    return bool(getattr(api, "private", False))


def _last(seen: Walk) -> Reply:
    assert seen.last is not None
    return seen.last


def _payments(api: Api, count: int, source: str = "test_success") -> list[str]:
    out = []
    for _ in range(count):
        reply = api.create_payment(payment_body(source))
        data = reply.data if reply.status == 201 else {"id": reply.error.get("payment_id")}
        out.append(str(data["id"]))
    return out


def test_payments_page_newest_first_completely_while_new_ones_arrive(api: Api) -> None:
    ran(EVERY_LIST)
    ours = _payments(api, 7)

    def one_more() -> str:
        ours.append(_payments(api, 1)[0])
        return ours[-1]

    for limit in (1, 3):
        before = list(ours)
        seen = walk(
            api.list_payments,
            EVERY_LIST,
            limit=limit,
            expected=before,
            exact=_private(api),
            between_pages=one_more,
        )
        if _private(api) and seen.ids != list(reversed(before)):
            raise _last(seen).fail(EVERY_LIST, "payments are not listed newest first")


def test_payment_status_filter_lists_exactly_that_status(api: Api, target: Target) -> None:
    ran(EVERY_LIST)
    succeeded = _payments(api, 3)
    failed = _payments(api, 2, "test_failure") if target.is_sandbox else []
    for status, ids in (("succeeded", succeeded), ("failed", failed)):
        seen = walk(
            api.list_payments, EVERY_LIST, limit=2, expected=ids, exact=_private(api), status=status
        )
        wrong = [item["id"] for item in seen.items if item.get("status") != status]
        if wrong:
            raise _last(seen).fail(EVERY_LIST, f"status={status} listed {wrong[0]}")


def test_refunds_of_a_payment_page_exactly_its_refunds(api: Api) -> None:
    ran(EVERY_LIST)
    payment_id = _payments(api, 1)[0]
    refunds = [
        expect_answer(
            api.create_refund(payment_id, {"amount": 10}), 201, None, EVERY_LIST, "refund"
        ).data["id"]
        for _ in range(5)
    ]

    def one_more() -> str:
        return str(api.create_refund(payment_id, {"amount": 10}).data["id"])

    walk(
        lambda **params: api.list_refunds(payment_id, **params),
        EVERY_LIST,
        limit=2,
        expected=refunds,
        exact=True,
        between_pages=one_more,
    )


def _about(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(str(item.get("event")), str((item.get("data") or {}).get("id"))) for item in items]


def test_events_page_newest_first_and_filter_by_type(api: Api) -> None:
    ran(EVERY_LIST)
    payments = _payments(api, 4)
    refund = expect_answer(
        api.create_refund(payments[0], {"amount": 5}), 201, None, EVERY_LIST, "refund"
    ).data["id"]
    created = [("payment.created", pid) for pid in reversed(payments)]
    everything = walk(api.list_events, EVERY_LIST, limit=3, max_pages=5 if _private(api) else 3)
    expected = [("payment.updated", payments[0]), ("refund.created", refund), *created]
    if _private(api) and _about(everything.items) != expected:
        raise _last(everything).fail(
            EVERY_LIST, f"events listed {_about(everything.items)}, expected {expected}"
        )
    filtered = walk(
        api.list_events,
        EVERY_LIST,
        limit=2,
        event="payment.created",
        max_pages=5 if _private(api) else 3,
    )
    if any(kind != "payment.created" for kind, _ in _about(filtered.items)):
        raise _last(filtered).fail(EVERY_LIST, "event=payment.created listed other types")
    if _private(api) and _about(filtered.items) != created:
        raise _last(filtered).fail(
            EVERY_LIST, f"event=payment.created listed {_about(filtered.items)}, not {created}"
        )


def test_webhook_endpoints_page_exactly_the_tenants_endpoints(api: Api) -> None:
    ran(EVERY_LIST)
    body: dict[str, Any] = {"url": HOOK_URL, "events": ["refund.updated"]}
    ours = [str(api.create_endpoint(body).data["id"]) for _ in range(4)]
    try:
        walk(api.list_endpoints, EVERY_LIST, limit=1, expected=ours, exact=_private(api))
    finally:
        for endpoint_id in ours:
            api.delete_endpoint(endpoint_id)


def test_deliveries_of_an_event_page_every_attempt(api: Api) -> None:
    if not _private(api):
        pytest.skip("needs a tenant of its own (a sandbox): its endpoints get every event")
    ran(EVERY_LIST)
    body: dict[str, Any] = {"url": HOOK_URL, "events": ["payment.created"]}
    endpoints = [str(api.create_endpoint(body).data["id"]) for _ in range(3)]
    try:
        payment_id = _payments(api, 1)[0]
        event = api.list_events(event="payment.created", limit=1).data[0]
        if event["data"]["id"] != payment_id:
            raise api.list_events(limit=1).fail(
                EVERY_LIST, "the newest payment.created is not ours"
            )
        deadline = time.monotonic() + 15.0
        while len(api.list_deliveries(event["id"], limit=100).data) < 3:
            if time.monotonic() > deadline:
                raise api.list_deliveries(event["id"]).fail(
                    EVERY_LIST, "3 endpoints, yet fewer than 3 attempts listed within 15 s"
                )
            time.sleep(0.05)
        listed = walk(
            lambda **params: api.list_deliveries(event["id"], **params),
            EVERY_LIST,
            limit=1,
            exact=False,
        )
        if {item["endpoint_id"] for item in listed.items} != set(endpoints):
            raise _last(listed).fail(EVERY_LIST, "the attempts do not cover the 3 endpoints")
    finally:
        for endpoint_id in endpoints:
            api.delete_endpoint(endpoint_id)


def test_limit_at_its_bounds(api: Api) -> None:
    ran(LIMITS)
    ours = _payments(api, 5)
    one = expect_answer(api.list_payments(limit=1), 200, None, LIMITS, "limit=1")
    if len(one.data) != 1 or not one.envelope.get("has_more"):
        raise one.fail(LIMITS, "limit=1 with 5 payments: expected 1 item and has_more")
    if _private(api):
        exact = expect_answer(api.list_payments(limit=5), 200, None, LIMITS, "limit=5")
        if [p["id"] for p in exact.data] != list(reversed(ours)) or exact.envelope["has_more"]:
            raise exact.fail(LIMITS, "limit=5 with exactly 5 payments: all 5, has_more false")
    ours += _payments(api, 96)  # 101 in all: one more than the largest page
    default = expect_answer(api.list_payments(), 200, None, LIMITS, "no limit")
    if len(default.data) != 20 or not default.envelope.get("has_more"):
        raise default.fail(LIMITS, f"without limit (default 20) {len(default.data)} of 101+ listed")
    full = expect_answer(api.list_payments(limit=100), 200, None, LIMITS, "limit=100")
    if len(full.data) != 100 or not full.envelope.get("has_more"):
        raise full.fail(LIMITS, f"limit=100 with 101+ payments gave {len(full.data)} items")
    if _private(api):
        rest = api.list_payments(limit=100, cursor=full.envelope["next_cursor"])
        if [p["id"] for p in rest.data] != [ours[0]] or rest.envelope.get("has_more"):
            raise rest.fail(LIMITS, "the page after 100 of 101 payments holds the oldest one only")
    for bad in ("0", "101", "-1", "ten"):
        reply = api.raw("listPayments", "GET", f"/payments?limit={bad}")
        expect_answer(reply, 400, "INVALID_REQUEST", LIMITS, f"limit={bad}")
        fields = [str(d.get("field", "")) for d in reply.error.get("details") or []]
        if not any("limit" in name for name in fields):
            raise reply.fail(LIMITS, f"the 400 for limit={bad} does not name limit: {fields}")
