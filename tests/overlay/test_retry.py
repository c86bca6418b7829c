"""Tests of the pure retry policy in larkpay._retry."""

from __future__ import annotations

from email.utils import formatdate
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from larkpay._retry import (
    RetryDecision,
    backoff_delay,
    decide_after_exception,
    decide_after_response,
    error_code_of,
    is_idempotent,
    needs_error_code,
    parse_retry_after,
)

from . import strategies

NOW = 1_800_000_000.0


def response_decision(status: int, headers: dict[str, str] | None = None, code: str | None = None,
                      **overrides: Any) -> RetryDecision:  # fmt: skip
    options: dict[str, Any] = {
        "retries_done": 0, "max_retries": 2, "now": NOW, "deadline": None, "random": lambda: 0.0
    }  # fmt: skip
    options.update(overrides)
    return decide_after_response(status, headers or {}, code, **options)


def exception_decision(exc: Exception, *, idempotent: bool, **overrides: Any) -> RetryDecision:
    options: dict[str, Any] = {
        "retries_done": 0, "max_retries": 2, "now": NOW, "deadline": None, "random": lambda: 0.0
    }  # fmt: skip
    options.update(overrides)
    return decide_after_exception(exc, idempotent=idempotent, **options)


@pytest.mark.parametrize(
    ("retry_number", "low", "high"),
    [(0, 0.25, 0.5), (1, 0.5, 1.0), (2, 1.0, 2.0), (3, 2.0, 4.0), (4, 4.0, 8.0), (9, 4.0, 8.0),
     (10_000, 4.0, 8.0)],
)  # fmt: skip
def test_backoff_delay_is_jittered_exponential_capped_at_8(
    retry_number: int, low: float, high: float
) -> None:
    assert backoff_delay(retry_number, lambda: 0.0) == low
    assert backoff_delay(retry_number, lambda: 1.0) == high


@given(st.integers(min_value=0, max_value=100), st.floats(min_value=0, max_value=1))
def test_backoff_delay_stays_within_bounds(retry_number: int, draw: float) -> None:
    base = min(8.0, 0.5 * 2.0 ** min(retry_number, 16))
    assert 0.5 * base <= backoff_delay(retry_number, lambda: draw) <= base


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after-ms": "soon", "retry-after": "9"}, 9.0),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after": formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"retry-after": formatdate(NOW - 30, usegmt=True)}, 0.0),
        ({"retry-after": "Fri, 27 Nov 2026 10:15:00"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "later"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after_reads_ms_then_seconds_then_http_date(
    headers: dict[str, str], expected: float | None
) -> None:
    assert parse_retry_after(headers, NOW) == expected


@given(strategies.RETRY_AFTER_VALUES, strategies.RETRY_AFTER_VALUES)
def test_parse_retry_after_never_raises_and_is_never_negative(ms: str, seconds: str) -> None:
    for headers in ({"retry-after-ms": ms}, {"retry-after": seconds}):
        value = parse_retry_after(headers, NOW)
        assert value is None or value >= 0


@pytest.mark.parametrize(
    ("method", "headers", "expected"),
    [("GET", {}, True), ("head", {}, True), ("OPTIONS", {}, True), ("POST", {}, False),
     ("PATCH", {}, False), ("DELETE", {}, False), ("POST", {"idempotency-key": "k"}, True)],
)  # fmt: skip
def test_is_idempotent_for_safe_methods_and_keyed_requests(
    method: str, headers: dict[str, str], expected: bool
) -> None:
    assert is_idempotent(method, headers) is expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b'{"error": {"code": "IDEMPOTENCY_IN_PROGRESS"}}', "IDEMPOTENCY_IN_PROGRESS"),
     (b'{"error": {"code": 7}}', None), (b'{"error": "x"}', None), (b"[]", None),
     (b"<html>", None), (b"\xff", None)],
)  # fmt: skip
def test_error_code_of_reads_only_envelopes(content: bytes, expected: str | None) -> None:
    assert error_code_of(content) == expected


def test_needs_error_code_only_for_409_without_override() -> None:
    assert needs_error_code(409, {})
    assert not needs_error_code(409, {"x-should-retry": "false"})
    assert not needs_error_code(503, {})


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_with_backoff(status: int) -> None:
    decision = response_decision(status)
    assert decision == RetryDecision(True, 0.25, f"HTTP {status}")


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "INVALID_REQUEST"), (402, "PAYMENT_FAILED"), (409, "INVALID_STATE"), (401, None),
     (404, None), (422, "IDEMPOTENCY_KEY_REUSED"), (200, None), (201, None), (501, None)],
)  # fmt: skip
def test_client_errors_and_successes_are_not_retried(status: int, code: str | None) -> None:
    assert not response_decision(status, code=code).retry


def test_409_idempotency_in_progress_is_retried() -> None:
    decision = response_decision(409, code="IDEMPOTENCY_IN_PROGRESS")
    assert decision.retry
    assert "IDEMPOTENCY_IN_PROGRESS" in decision.reason


def test_x_should_retry_overrides_the_status_rule_both_ways() -> None:
    assert response_decision(400, {"x-should-retry": "true"}).retry
    assert not response_decision(503, {"x-should-retry": "False"}).retry
    assert response_decision(503, {"x-should-retry": "maybe"}).retry
    assert not response_decision(200, {"x-should-retry": "true"}).retry


def test_server_delay_is_honoured_up_to_60_seconds() -> None:
    assert response_decision(429, {"retry-after": "60"}).delay == 60.0
    assert response_decision(503, {"retry-after-ms": "10"}).delay == 0.01
    too_long = response_decision(429, {"retry-after": "61"})
    assert not too_long.retry
    assert "61" in too_long.reason


def test_retries_stop_when_exhausted() -> None:
    assert response_decision(503, retries_done=1, max_retries=2).retry
    exhausted = response_decision(503, retries_done=2, max_retries=2)
    assert not exhausted.retry
    assert "exhausted" in exhausted.reason
    assert not response_decision(503, max_retries=0).retry


def test_no_retry_when_the_wait_would_outlive_the_deadline() -> None:
    assert response_decision(503, {"retry-after": "1"}, deadline=NOW + 1.5).retry
    late = response_decision(503, {"retry-after": "1"}, deadline=NOW + 1.0)
    assert not late.retry
    assert "deadline" in late.reason


def request() -> httpx.Request:
    return httpx.Request("POST", "http://127.0.0.1/v2/payments")


@pytest.mark.parametrize("exc_type", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_connection_failures_are_retried_even_if_not_idempotent(
    exc_type: type[httpx.RequestError],
) -> None:
    decision = exception_decision(exc_type("x", request=request()), idempotent=False)
    assert decision.retry
    assert exc_type.__name__ in decision.reason


@pytest.mark.parametrize(
    "exc_type",
    [httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.WriteError,
     httpx.RemoteProtocolError],
)  # fmt: skip
def test_maybe_sent_failures_are_retried_only_if_idempotent(
    exc_type: type[httpx.RequestError],
) -> None:
    exc = exc_type("x", request=request())
    assert exception_decision(exc, idempotent=True).retry
    assert not exception_decision(exc, idempotent=False).retry


def test_other_errors_are_never_retried() -> None:
    assert not exception_decision(httpx.UnsupportedProtocol("x"), idempotent=True).retry
    assert not exception_decision(ValueError("x"), idempotent=True).retry


def test_exception_retries_use_backoff_and_respect_the_limit() -> None:
    exc = httpx.ConnectError("x", request=request())
    assert exception_decision(exc, idempotent=True, retries_done=1, random=lambda: 1.0).delay == 1.0
    assert not exception_decision(exc, idempotent=True, retries_done=2).retry
