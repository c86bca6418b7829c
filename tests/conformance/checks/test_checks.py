"""The larkpay checks on hand-made exchanges: each passes a correct response and names itself
when it fails."""

from __future__ import annotations

import json
from typing import Any

import pytest
from larkpay_conformance.checks import checks
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.checks.exchange_checks import check_exchange

from tests.design_brief import error_statuses

REQ = "req_abc123"
DESIGN_ERROR_STATUSES = error_statuses()


def exchange(
    status: int = 200,
    body: Any = None,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    request_headers: dict[str, str] | None = None,
) -> Exchange:
    if body is None:
        body = {"status": "success", "data": {"id": "pay_1", "object": "payment"}}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    base = {"content-type": "application/json", "x-request-id": REQ}
    return Exchange(
        method=method,
        url="http://127.0.0.1/v2/payments",
        status=status,
        headers={**base, **(headers or {})},
        body=raw,
        request_headers=request_headers or {},
    )


def error_body(code: str, request_id: str = REQ, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {
        "code": code,
        "message": "m",
        "reason": None,
        "details": [],
        "request_id": request_id,
    }
    return {"status": "error", "error": {**error, **extra}}


def assert_fails(check: Any, ex: Exchange, name: str, fragment: str) -> None:
    with pytest.raises(CheckFailedError) as info:
        check(ex)
    assert info.value.check == name
    assert fragment in str(info.value)


def test_check_exchange_accepts_a_success_and_an_error_envelope() -> None:
    check_exchange(exchange())
    check_exchange(exchange(404, error_body("NOT_FOUND")))
    listing = {"status": "success", "data": [], "has_more": False, "next_cursor": None}
    check_exchange(exchange(body=listing))


def test_envelope_rejects_unknown_status_value() -> None:
    assert_fails(
        checks.check_envelope,
        exchange(body={"status": "ok", "data": {}}),
        "larkpay_envelope",
        "\"status\" is 'ok'",
    )


def test_envelope_rejects_a_non_json_body() -> None:
    assert_fails(checks.check_envelope, exchange(body=b"<html>"), "larkpay_envelope", "not JSON")


def test_envelope_rejects_success_on_an_error_status() -> None:
    assert_fails(checks.check_envelope, exchange(500), "larkpay_envelope", "HTTP 500 carries")


def test_envelope_rejects_list_without_has_more() -> None:
    assert_fails(
        checks.check_envelope,
        exchange(body={"status": "success", "data": []}),
        "larkpay_envelope",
        "has_more",
    )


def test_envelope_rejects_has_more_without_cursor() -> None:
    body = {"status": "success", "data": [], "has_more": True, "next_cursor": None}
    assert_fails(checks.check_envelope, exchange(body=body), "larkpay_envelope", "has_more=True")


def test_envelope_rejects_error_without_request_id() -> None:
    body = error_body("NOT_FOUND")
    del body["error"]["request_id"]
    assert_fails(checks.check_envelope, exchange(404, body), "larkpay_envelope", "request_id")


def test_envelope_rejects_wrong_content_type() -> None:
    ex = exchange(headers={"content-type": "text/plain"})
    assert_fails(checks.check_envelope, ex, "larkpay_envelope", "Content-Type")


def test_envelope_accepts_an_empty_204() -> None:
    checks.check_envelope(exchange(204, b""))


def test_request_id_is_required_on_every_response() -> None:
    ex = Exchange("GET", "u", 200, {"content-type": "application/json"}, b"{}")
    assert_fails(checks.check_request_id, ex, "larkpay_request_id", "no X-Request-Id")


def test_request_id_must_equal_error_request_id() -> None:
    ex = exchange(404, error_body("NOT_FOUND", request_id="req_other"))
    assert_fails(checks.check_request_id, ex, "larkpay_request_id", "req_other")


def test_error_status_table_is_the_design_briefs(design_brief: str) -> None:
    assert len(DESIGN_ERROR_STATUSES) >= 10
    assert checks.ERROR_STATUS == DESIGN_ERROR_STATUSES


@pytest.mark.parametrize(("code", "status"), sorted(DESIGN_ERROR_STATUSES.items()))
def test_error_status_accepts_each_code_with_its_status(code: str, status: int) -> None:
    extra: dict[str, Any] = {}
    if code == "AUTH_FAILED":
        extra["reason"] = "invalid_credentials"
    if code == "PAYMENT_FAILED":
        extra["payment_id"] = "pay_1"
    checks.check_error_status(exchange(status, error_body(code, **extra)))


def test_error_status_rejects_a_code_with_another_status() -> None:
    assert_fails(
        checks.check_error_status,
        exchange(400, error_body("NOT_FOUND")),
        "larkpay_error_status",
        "must come with HTTP 404",
    )


def test_error_status_rejects_an_unknown_code() -> None:
    assert_fails(
        checks.check_error_status,
        exchange(418, error_body("TEAPOT")),
        "larkpay_error_status",
        "unknown error.code",
    )


def test_error_status_requires_a_known_auth_reason() -> None:
    ex = exchange(401, error_body("AUTH_FAILED", reason="nope"))
    assert_fails(checks.check_error_status, ex, "larkpay_error_status", "reason")


def test_error_status_requires_payment_id_on_payment_failed() -> None:
    assert_fails(
        checks.check_error_status,
        exchange(402, error_body("PAYMENT_FAILED")),
        "larkpay_error_status",
        "payment_id",
    )


def test_limit_headers_require_rate_limit_headers_on_429() -> None:
    ex = exchange(429, error_body("RATE_LIMITED"), headers={"retry-after": "1"})
    assert_fails(checks.check_limit_headers, ex, "larkpay_limit_headers", "ratelimit-limit")
    full = {
        "retry-after": "1",
        "ratelimit-limit": "100",
        "ratelimit-remaining": "0",
        "ratelimit-reset": "1",
    }
    checks.check_limit_headers(exchange(429, error_body("RATE_LIMITED"), headers=full))


def test_limit_headers_require_rate_limit_headers_on_authenticated_success() -> None:
    auth = {"authorization": "Basic x"}
    assert_fails(
        checks.check_limit_headers,
        exchange(request_headers=auth),
        "larkpay_limit_headers",
        "ratelimit-limit",
    )
    full = {"ratelimit-limit": "100", "ratelimit-remaining": "99", "ratelimit-reset": "0"}
    checks.check_limit_headers(exchange(headers=full, request_headers=auth))
    checks.check_limit_headers(exchange())  # anonymous: no rate limit headers needed


def test_limit_headers_require_integer_retry_after_on_503() -> None:
    ex = exchange(503, error_body("SERVICE_UNAVAILABLE"), headers={"retry-after": "soon"})
    assert_fails(checks.check_limit_headers, ex, "larkpay_limit_headers", "not an integer")


def test_limit_headers_require_allow_on_405() -> None:
    assert_fails(
        checks.check_limit_headers,
        exchange(405, error_body("METHOD_NOT_ALLOWED")),
        "larkpay_limit_headers",
        "Allow",
    )


def test_replay_header_only_true_and_only_with_a_key() -> None:
    keyed = {"idempotency-key": "k"}
    checks.check_replay_header(
        exchange(201, headers={"idempotent-replayed": "true"}, method="POST", request_headers=keyed)
    )
    assert_fails(
        checks.check_replay_header,
        exchange(headers={"idempotent-replayed": "false"}, method="POST", request_headers=keyed),
        "larkpay_replay_header",
        "only allowed value",
    )
    assert_fails(
        checks.check_replay_header,
        exchange(headers={"idempotent-replayed": "true"}, method="POST"),
        "larkpay_replay_header",
        "without an Idempotency-Key",
    )


def test_idempotent_replay_accepts_identical_body_with_new_error_request_id() -> None:
    first = exchange(402, error_body("PAYMENT_FAILED", payment_id="pay_1"))
    replay = exchange(
        402,
        error_body("PAYMENT_FAILED", request_id="req_2", payment_id="pay_1"),
        headers={"idempotent-replayed": "true", "x-request-id": "req_2"},
    )
    checks.check_idempotent_replay(first, replay)


def test_idempotent_replay_rejects_a_changed_body() -> None:
    first = exchange(201)
    changed = {"status": "success", "data": {"id": "pay_1", "object": "payment", "amount": 2}}
    replay = exchange(201, changed, headers={"idempotent-replayed": "true"})
    with pytest.raises(CheckFailedError, match="replay body differs") as info:
        checks.check_idempotent_replay(first, replay)
    assert info.value.check == "larkpay_idempotent_replay"


def test_idempotent_replay_requires_the_replayed_header_and_status() -> None:
    with pytest.raises(CheckFailedError, match="lacks Idempotent-Replayed"):
        checks.check_idempotent_replay(exchange(201), exchange(201))
    with pytest.raises(CheckFailedError, match="replay answered HTTP 200"):
        checks.check_idempotent_replay(
            exchange(201), exchange(200, headers={"idempotent-replayed": "true"})
        )


def test_idempotent_replay_ignores_unstored_429_and_5xx() -> None:
    checks.check_idempotent_replay(exchange(503, error_body("SERVICE_UNAVAILABLE")), exchange(201))
