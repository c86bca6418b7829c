"""Tests of larkpay._errors: the hierarchy and what each error keeps."""

from __future__ import annotations

from larkpay import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    IdempotencyInProgressError,
    IdempotencyKeyReusedError,
    InternalServerError,
    InvalidRequestError,
    InvalidStateError,
    LarkpayError,
    MethodNotAllowedError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentFailedError,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
    UnsupportedMediaTypeError,
    WebhookVerificationError,
)

from . import payloads

BY_CODE = [
    ("INVALID_REQUEST", 400, InvalidRequestError),
    ("AUTH_FAILED", 401, AuthenticationError),
    ("PAYMENT_FAILED", 402, PaymentFailedError),
    ("NOT_FOUND", 404, NotFoundError),
    ("METHOD_NOT_ALLOWED", 405, MethodNotAllowedError),
    ("INVALID_STATE", 409, InvalidStateError),
    ("IDEMPOTENCY_IN_PROGRESS", 409, IdempotencyInProgressError),
    ("PAYLOAD_TOO_LARGE", 413, PayloadTooLargeError),
    ("UNSUPPORTED_MEDIA_TYPE", 415, UnsupportedMediaTypeError),
    ("IDEMPOTENCY_KEY_REUSED", 422, IdempotencyKeyReusedError),
    ("RATE_LIMITED", 429, RateLimitError),
    ("INTERNAL_ERROR", 500, InternalServerError),
    ("SERVICE_UNAVAILABLE", 503, ServiceUnavailableError),
]


def test_hierarchy_matches_the_drawing() -> None:
    for base in (ConfigurationError, APIError, WebhookVerificationError):
        assert issubclass(base, LarkpayError)
    assert issubclass(APIStatusError, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(APIResponseValidationError, APIError)
    assert issubclass(InvalidStateError, ConflictError)
    assert issubclass(IdempotencyInProgressError, ConflictError)
    assert issubclass(InternalServerError, ServerError)
    assert issubclass(ServiceUnavailableError, ServerError)
    for _, _, cls in BY_CODE:
        assert issubclass(cls, APIStatusError)


def test_payment_failed_error_names_the_payment() -> None:
    body = payloads.error("PAYMENT_FAILED", payment_id="pay_9")
    assert PaymentFailedError("x", status_code=402, body=body).payment_id == "pay_9"
    assert PaymentFailedError("x", status_code=402, body="text").payment_id is None
    assert PaymentFailedError("x", status_code=402, body={"error": {}}).payment_id is None


def test_api_error_keeps_message_request_id_and_body() -> None:
    error = APITimeoutError("slow", request_id="req_1", body={"a": 1})
    assert (str(error), error.message, error.request_id, error.body) == (
        "slow", "slow", "req_1", {"a": 1}
    )  # fmt: skip
    validation = APIResponseValidationError("bad", status_code=200)
    assert validation.status_code == 200


def test_every_api_error_says_retries_and_elapsed_and_answered_ones_keep_headers() -> None:
    plain = APIConnectionError("refused")
    assert (plain.retries_taken, plain.elapsed) == (0, None)
    answered = NotFoundError("gone", status_code=404, headers={"RateLimit-Limit": "5"})
    assert answered.headers["ratelimit-limit"] == "5"
    assert answered.idempotent_replayed is False
    assert APIResponseValidationError("bad", status_code=200).headers == {}
