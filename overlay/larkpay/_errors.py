"""Every exception the SDK raises, in one hierarchy.

The hierarchy::

    LarkpayError                          anything raised by this SDK
    ├── ConfigurationError                bad or missing api key / secret / environment / option
    ├── APIError                          something went wrong talking to the API
    │   ├── APIStatusError                the API answered with an error envelope (non-2xx)
    │   │   ├── InvalidRequestError           400 INVALID_REQUEST
    │   │   ├── AuthenticationError           401 AUTH_FAILED (``reason`` says why)
    │   │   ├── PaymentFailedError            402 PAYMENT_FAILED (``payment_id``)
    │   │   ├── NotFoundError                 404 NOT_FOUND
    │   │   ├── MethodNotAllowedError         405 METHOD_NOT_ALLOWED
    │   │   ├── ConflictError                 409
    │   │   │   ├── InvalidStateError             409 INVALID_STATE
    │   │   │   └── IdempotencyInProgressError    409 IDEMPOTENCY_IN_PROGRESS
    │   │   ├── PayloadTooLargeError          413 PAYLOAD_TOO_LARGE
    │   │   ├── UnsupportedMediaTypeError     415 UNSUPPORTED_MEDIA_TYPE
    │   │   ├── IdempotencyKeyReusedError     422 IDEMPOTENCY_KEY_REUSED
    │   │   ├── RateLimitError                429 RATE_LIMITED (``retry_after``)
    │   │   └── ServerError                   5xx (``retry_after``)
    │   │       ├── InternalServerError           500 INTERNAL_ERROR
    │   │       └── ServiceUnavailableError       503 SERVICE_UNAVAILABLE
    │   ├── APIResponseValidationError    a 2xx answer that does not match the spec
    │   └── APIConnectionError            the request did not get an answer
    │       └── APITimeoutError               ... within the timeout or the overall deadline
    └── WebhookVerificationError          a webhook could not be verified
        ├── MissingHeaderError                a webhook-* header is absent
        ├── InvalidHeaderError                a webhook-* header is malformed
        ├── TimestampOutOfToleranceError      the signed timestamp is too old or too new
        ├── NoMatchingSignatureError          no signature matches any secret
        ├── InvalidPayloadError               signed, but not an Event
        └── PayloadTypeError (also TypeError) the payload is not the raw bytes / str body

Every ``APIError`` says how many retries the call took (``retries_taken``) and how long it ran
(``elapsed``); the two that are about an answer (``APIStatusError``,
``APIResponseValidationError``) also keep its ``status_code``, ``headers``, ``request_id`` and
``idempotent_replayed``: the vocabulary of ``RawResponse``. ``_error_mapping`` picks the class.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import httpx

from ._headers import is_replayed


class LarkpayError(Exception):
    """Base class of every exception raised by the Larkpay SDK."""


class ConfigurationError(LarkpayError):
    """The client was configured wrongly (missing credentials, wrong environment, bad option)."""


class APIError(LarkpayError):
    """A request to the Larkpay API failed.

    Attributes:
        message: what happened, in words.
        request_id: the ``X-Request-Id`` of the answer, when there was one.
        body: the decoded JSON body of the answer (or its text, or ``None``).
        retries_taken: how many retries the SDK made before giving up (0: none).
        elapsed: how long the call took, retries and waits included (``None`` if not sent).
    """

    def __init__(
        self,
        message: str,
        *,
        request_id: str | None = None,
        body: object = None,
        retries_taken: int = 0,
        elapsed: timedelta | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request_id = request_id
        self.body = body
        self.retries_taken = retries_taken
        self.elapsed = elapsed


class APIConnectionError(APIError):
    """No answer was received (connection refused or reset, protocol error) after all retries."""


class APITimeoutError(APIConnectionError):
    """No answer was received within the timeout or the overall deadline."""


class _AnsweredError(APIError):
    """An error about an answer the API gave: its status and headers come with it."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: Mapping[str, str] | None = None,
        request_id: str | None = None,
        body: object = None,
        retries_taken: int = 0,
        elapsed: timedelta | None = None,
    ) -> None:
        super().__init__(
            message, request_id=request_id, body=body, retries_taken=retries_taken, elapsed=elapsed
        )
        self.status_code = status_code
        self.headers = headers if isinstance(headers, httpx.Headers) else httpx.Headers(headers)

    @property
    def idempotent_replayed(self) -> bool:
        """True if this is the stored answer to an earlier request with the same key."""
        return is_replayed(self.headers)


class APIResponseValidationError(_AnsweredError):
    """The API answered 2xx but the body is not what the spec describes.

    Attributes:
        status_code: the HTTP status.
        headers: the headers of the answer (case-insensitive).
    """


class APIStatusError(_AnsweredError):
    """The API answered with an error envelope.

    Attributes:
        status_code: the HTTP status.
        headers: the headers of the answer (case-insensitive), e.g. ``RateLimit-Remaining``.
        code: the envelope's ``error.code`` (e.g. ``"INVALID_STATE"``), or ``None``.
        reason: the envelope's ``error.reason`` (e.g. ``"key_expired"``), or ``None``.
        details: the envelope's ``error.details`` (per-field problems), possibly empty.
        retry_after: seconds the server asked to wait (``Retry-After``), or ``None``.
        idempotent_replayed: True if the API replayed the stored answer of the same key.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
        reason: str | None = None,
        details: list[Any] | None = None,
        request_id: str | None = None,
        body: object = None,
        retry_after: float | None = None,
        retries_taken: int = 0,
        elapsed: timedelta | None = None,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            headers=headers,
            request_id=request_id,
            body=body,
            retries_taken=retries_taken,
            elapsed=elapsed,
        )
        self.code = code
        self.reason = reason
        self.details = details if details is not None else []
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [f"{self.code or 'HTTP_ERROR'} (HTTP {self.status_code}): {self.message}"]
        if self.reason:
            parts.append(f"reason={self.reason}")
        if self.retry_after is not None:
            parts.append(f"retry_after={self.retry_after:g}s")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return "; ".join(parts)


class InvalidRequestError(APIStatusError):
    """400 INVALID_REQUEST: the request broke the schema; ``details`` lists each field."""


class AuthenticationError(APIStatusError):
    """401 AUTH_FAILED: check the api key and secret; ``reason`` says what was wrong."""


class PaymentFailedError(APIStatusError):
    """402 PAYMENT_FAILED: the payment was declined; ``payment_id`` names it."""

    @property
    def payment_id(self) -> str | None:
        """The id of the failed payment, which exists with ``status: failed``."""
        error = error_object(self.body)
        value = error.get("payment_id") if error is not None else None
        return value if isinstance(value, str) else None


class NotFoundError(APIStatusError):
    """404 NOT_FOUND: unknown id or path."""


class MethodNotAllowedError(APIStatusError):
    """405 METHOD_NOT_ALLOWED."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class InvalidStateError(ConflictError):
    """409 INVALID_STATE: e.g. cancelling a settled payment or refunding more than is left."""


class IdempotencyInProgressError(ConflictError):
    """409 IDEMPOTENCY_IN_PROGRESS: the same Idempotency-Key is still being processed."""


class PayloadTooLargeError(APIStatusError):
    """413 PAYLOAD_TOO_LARGE: the body is over 1 MiB."""


class UnsupportedMediaTypeError(APIStatusError):
    """415 UNSUPPORTED_MEDIA_TYPE: the body is not application/json."""


class IdempotencyKeyReusedError(APIStatusError):
    """422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for a different request."""


class RateLimitError(APIStatusError):
    """429 RATE_LIMITED: slow down; ``retry_after`` says for how long."""


class ServerError(APIStatusError):
    """5xx: the API failed; safe to retry later with the same Idempotency-Key."""


class InternalServerError(ServerError):
    """500 INTERNAL_ERROR."""


class ServiceUnavailableError(ServerError):
    """503 SERVICE_UNAVAILABLE; ``retry_after`` says when to try again."""


class WebhookVerificationError(LarkpayError):
    """A webhook could not be verified; do not trust its payload."""


class MissingHeaderError(WebhookVerificationError):
    """A required webhook-id / webhook-timestamp / webhook-signature header is absent."""


class InvalidHeaderError(WebhookVerificationError):
    """A webhook header is present but malformed."""


class TimestampOutOfToleranceError(WebhookVerificationError):
    """The signed webhook-timestamp is outside the tolerance (a replay, or a skewed clock)."""


class NoMatchingSignatureError(WebhookVerificationError):
    """No signature in webhook-signature matches the payload for any of the secrets."""


class InvalidPayloadError(WebhookVerificationError):
    """The payload is correctly signed but is not a Larkpay Event."""


class PayloadTypeError(WebhookVerificationError, TypeError):
    """The payload is not the raw request body (bytes or str)."""


def error_object(body: object) -> dict[str, Any] | None:
    """The ``error`` object of an error envelope, or None if ``body`` is not one."""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return error
    return None
