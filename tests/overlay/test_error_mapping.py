"""Tests of larkpay._error_mapping: every answer becomes its typed error."""

from __future__ import annotations

import pytest
from larkpay import (
    APIStatusError,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from larkpay._error_mapping import error_from_response

from . import payloads
from .test_errors import BY_CODE


@pytest.mark.parametrize(("code", "status", "cls"), BY_CODE)
def test_each_error_code_maps_to_its_class_with_all_fields(
    code: str, status: int, cls: type[APIStatusError]
) -> None:
    body = payloads.error(code, "went wrong", reason="why", details=[{"field": "amount"}])
    error = error_from_response(status, {"x-request-id": "req_hdr"}, payloads.dumps(body))
    assert type(error) is cls
    assert (error.status_code, error.code, error.reason) == (status, code, "why")
    assert error.message == "went wrong"
    assert error.request_id == "req_err1"
    assert error.details == [{"field": "amount"}]
    assert error.body == body
    assert str(error) == f"{code} (HTTP {status}): went wrong; reason=why; request_id=req_err1"


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, InvalidRequestError), (401, AuthenticationError), (404, NotFoundError),
     (409, ConflictError), (429, RateLimitError), (502, ServerError), (599, ServerError),
     (418, APIStatusError), (302, APIStatusError)],
)  # fmt: skip
def test_unknown_code_falls_back_to_the_class_of_the_status(
    status: int, cls: type[APIStatusError]
) -> None:
    error = error_from_response(status, {}, payloads.dumps(payloads.error("SOMETHING_NEW")))
    assert type(error) is cls
    assert error.code == "SOMETHING_NEW"


def test_non_json_body_gives_a_typed_error_with_the_text() -> None:
    error = error_from_response(502, {"x-request-id": "req_1"}, b"<html>Bad gateway</html>")
    assert type(error) is ServerError
    assert error.body == "<html>Bad gateway</html>"
    assert error.request_id == "req_1"
    assert error.code is None
    assert "no error envelope" in error.message
    assert str(error).startswith("HTTP_ERROR (HTTP 502)")


def test_empty_body_and_envelope_without_message_are_described() -> None:
    assert error_from_response(500, {}, b"").body is None
    shapeless = error_from_response(400, {}, b'{"error": {"code": 5, "details": "x"}}')
    assert "without a message" in shapeless.message
    assert shapeless.code is None
    assert shapeless.details == []


def test_retry_after_is_read_from_the_headers() -> None:
    error = error_from_response(429, {"retry-after": "120"}, b"", now=0.0)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 120.0
    assert "retry_after=120s" in str(error)
    assert error_from_response(429, {}, b"").retry_after is None


def test_body_whose_error_is_not_an_object_still_maps_by_status() -> None:
    error = error_from_response(404, {}, b'{"status": "error", "error": "gone"}')
    assert type(error) is NotFoundError
    assert error.body == {"status": "error", "error": "gone"}


def test_status_error_keeps_the_headers_and_says_whether_it_was_replayed() -> None:
    headers = {"Idempotent-Replayed": "true", "RateLimit-Remaining": "0", "x-request-id": "r9"}
    error = error_from_response(402, headers, payloads.dumps(payloads.error("PAYMENT_FAILED")))
    assert error.idempotent_replayed is True
    assert error.headers["ratelimit-remaining"] == "0"
    assert error_from_response(402, {}, b"").idempotent_replayed is False
