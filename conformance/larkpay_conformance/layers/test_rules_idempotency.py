"""Rules layer, idempotency on every POST and PATCH operation: the same key and request replays
the stored status and body (marked Idempotent-Replayed) and does nothing twice; the same key
with another body or path is 422; 429 and 5xx answers are not stored."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from larkpay_conformance.checks.checks import check_idempotent_replay
from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer, get_payment, new_payment, payment_body

EVERY = "larkpay_idempotency_every_operation"
NOT_STORED = "larkpay_idempotency_not_stored"
HOOK_URL = "http://127.0.0.1:9/larkpay-conformance"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "rules")
    yield client
    client.close()


@dataclass
class Case:
    """One idempotent request, another request under the same key, and how to tell from the
    server's state that the first was done once."""

    operation: str
    path: str
    body: dict[str, Any] | None
    other_path: str
    other_body: dict[str, Any] | None
    method: str = "POST"
    #: raises unless the server shows the request's effect exactly once
    done_once: Callable[[Reply], None] = lambda reply: None
    cleanup: list[str] = field(default_factory=list)


def _send(api: Api, case: Case, key: str, path: str, body: dict[str, Any] | None) -> Reply:
    content = None if body is None else json.dumps(body).encode()
    headers = {"Idempotency-Key": key}
    if content is not None:
        headers["Content-Type"] = "application/json"
    return api.raw(case.operation, case.method, path, content=content, headers=headers)


def _endpoint(api: Api) -> str:
    body = {"url": HOOK_URL, "events": ["refund.updated"], "description": "idempotency"}
    return str(expect_answer(api.create_endpoint(body), 201, None, EVERY, "endpoint").data["id"])


def _one_refund_of(api: Api, payment_id: str, amount: int) -> Callable[[Reply], None]:
    def check(reply: Reply) -> None:
        refunded = get_payment(api, payment_id, EVERY)["amount_refunded"]
        if refunded != amount:
            raise reply.fail(EVERY, f"a refund of {amount} sent twice refunded {refunded}")

    return check


def _cases(api: Api, target: Target) -> list[Case]:
    paid = new_payment(api, "succeeded", EVERY)["id"]
    other = new_payment(api, "succeeded", EVERY)["id"]
    endpoint = _endpoint(api)
    event = api.list_events(limit=1).data[0]["id"]
    cases = [
        Case(
            "createPayment",
            "/payments",
            payment_body(amount=4321),
            "/payments",
            payment_body(amount=4322),
        ),
        Case(
            "updatePayment",
            f"/payments/{paid}",
            {"description": "first"},
            f"/payments/{paid}",
            {"description": "second"},
            method="PATCH",
        ),
        Case(
            "createRefund",
            f"/payments/{paid}/refunds",
            {"amount": 100},
            f"/payments/{paid}/refunds",
            {"amount": 200},
            done_once=_one_refund_of(api, paid, 100),
        ),
        Case("cancelPayment", f"/payments/{paid}/cancel", None, f"/payments/{other}/cancel", None),
        Case(
            "createWebhookEndpoint",
            "/webhook_endpoints",
            {"url": HOOK_URL, "events": ["refund.updated"]},
            "/webhook_endpoints",
            {"url": HOOK_URL + "/other", "events": ["refund.updated"]},
        ),
        Case(
            "updateWebhookEndpoint",
            f"/webhook_endpoints/{endpoint}",
            {"description": "first"},
            f"/webhook_endpoints/{endpoint}",
            {"description": "second"},
            method="PATCH",
        ),
        Case(
            "rotateWebhookSecret",
            f"/webhook_endpoints/{endpoint}/rotate_secret",
            {},
            f"/webhook_endpoints/{endpoint}/rotate_secret",
            {"overlap_seconds": 0},
        ),
        Case("redeliverEvent", f"/events/{event}/redeliver", None, "/events/evt_x/redeliver", None),
        Case(
            "replayWebhookEndpoint",
            f"/webhook_endpoints/{endpoint}/replay",
            {"since": "2026-01-01T00:00:00Z"},
            f"/webhook_endpoints/{endpoint}/replay",
            {"since": "2026-01-02T00:00:00Z"},
        ),
    ]
    if target.is_sandbox:
        pending = api.create_payment(payment_body("test_pending")).data["id"]
        cases += [
            Case(
                "settlePayment",
                f"/sandbox/payments/{pending}/settle",
                {"outcome": "failed"},
                f"/sandbox/payments/{pending}/settle",
                {"outcome": "succeeded"},
            ),
            Case(
                "advanceClock",
                "/sandbox/clock/advance",
                {"seconds": 0},  # moves nothing: other layers share the clock
                "/sandbox/clock/advance",
                {"to": "2001-01-01T00:00:00Z"},
            ),
            Case(
                "createApiKey",
                "/sandbox/api_keys",
                {"description": "first"},
                "/sandbox/api_keys",
                {"description": "second"},
            ),
        ]
    cases[0].cleanup.append(endpoint)
    return cases


def test_every_post_and_patch_replays_once_and_refuses_a_reused_key(
    api: Api, target: Target
) -> None:
    cases = _cases(api, target)
    try:
        for case in cases:
            ran(EVERY)
            key = api.new_key()
            first = _send(api, case, key, case.path, case.body)
            replay = _send(api, case, key, case.path, case.body)
            try:
                check_idempotent_replay(first.exchange, replay.exchange)
            except CheckFailedError as exc:
                raise replay.fail(EVERY, f"{case.operation}: {exc.detail}") from None
            case.done_once(replay)
            if case.operation == "createWebhookEndpoint" and first.status == 201:
                cases[0].cleanup.append(first.data["id"])
            reused = _send(api, case, key, case.other_path, case.other_body)
            expect_answer(
                reused, 422, "IDEMPOTENCY_KEY_REUSED", EVERY, f"{case.operation}, key reused"
            )
    finally:
        for endpoint in cases[0].cleanup:
            api.delete_endpoint(endpoint)


def test_rate_limited_and_unavailable_answers_are_not_stored(api: Api, target: Target) -> None:
    if not target.is_sandbox:
        pytest.skip("needs the test_rate_limited and test_unavailable_once scenarios")
    ran(NOT_STORED)
    key = api.new_key()
    for attempt in (1, 2):
        limited = api.create_payment(payment_body("test_rate_limited"), key=key)
        expect_answer(limited, 429, "RATE_LIMITED", NOT_STORED, f"test_rate_limited #{attempt}")
        if "idempotent-replayed" in limited.exchange.headers:
            raise limited.fail(NOT_STORED, "a 429 was stored and replayed")
    key = api.new_key()
    first = api.create_payment(payment_body("test_unavailable_once"), key=key)
    expect_answer(first, 503, "SERVICE_UNAVAILABLE", NOT_STORED, "first attempt")
    retry = api.create_payment(payment_body("test_unavailable_once"), key=key)
    expect_answer(retry, 201, None, NOT_STORED, "the retry with the same key after a 503")
    if "idempotent-replayed" in retry.exchange.headers:
        raise retry.fail(NOT_STORED, "the retry after a 503 is marked as a replay")
    again = api.create_payment(payment_body("test_unavailable_once"), key=key)
    if again.exchange.headers.get("idempotent-replayed") != "true" or again.data != retry.data:
        raise again.fail(NOT_STORED, "once the retry succeeded, the key replays its answer")
