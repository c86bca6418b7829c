"""The typed error for a non-2xx answer: by error code, then by HTTP status.

A status with an unknown error code falls back to the class of its HTTP status, then to
``APIStatusError`` itself (``ServerError`` for 5xx), so ``except APIStatusError`` always
catches an API answer, whatever its body looks like.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import timedelta

from ._errors import (
    APIStatusError,
    AuthenticationError,
    ConflictError,
    IdempotencyInProgressError,
    IdempotencyKeyReusedError,
    InternalServerError,
    InvalidRequestError,
    InvalidStateError,
    MethodNotAllowedError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentFailedError,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
    UnsupportedMediaTypeError,
    error_object,
)
from ._headers import request_id_of
from ._retry import parse_retry_after

_BY_CODE: dict[str, type[APIStatusError]] = {
    "INVALID_REQUEST": InvalidRequestError,
    "AUTH_FAILED": AuthenticationError,
    "PAYMENT_FAILED": PaymentFailedError,
    "NOT_FOUND": NotFoundError,
    "METHOD_NOT_ALLOWED": MethodNotAllowedError,
    "INVALID_STATE": InvalidStateError,
    "IDEMPOTENCY_IN_PROGRESS": IdempotencyInProgressError,
    "PAYLOAD_TOO_LARGE": PayloadTooLargeError,
    "UNSUPPORTED_MEDIA_TYPE": UnsupportedMediaTypeError,
    "IDEMPOTENCY_KEY_REUSED": IdempotencyKeyReusedError,
    "RATE_LIMITED": RateLimitError,
    "INTERNAL_ERROR": InternalServerError,
    "SERVICE_UNAVAILABLE": ServiceUnavailableError,
}

_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    402: PaymentFailedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: IdempotencyKeyReusedError,
    429: RateLimitError,
    500: InternalServerError,
    503: ServiceUnavailableError,
}


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _decode_body(content: bytes) -> object:
    if not content:
        return None
    try:
        return json.loads(content)
    # JSONDecodeError and UnicodeDecodeError are ValueErrors; deep nesting is a RecursionError.
    except (ValueError, RecursionError):
        return content.decode("utf-8", "replace")


def error_from_response(
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    now: float | None = None,
    retries_taken: int = 0,
    elapsed: timedelta | None = None,
) -> APIStatusError:
    """Build the typed error for a non-2xx answer, whatever its body looks like."""
    body = _decode_body(content)
    error = error_object(body) or {}
    code = _str_or_none(error.get("code"))
    cls = _BY_CODE.get(code or "") or _BY_STATUS.get(status_code)
    if cls is None:
        cls = ServerError if status_code >= 500 else APIStatusError
    message = _str_or_none(error.get("message"))
    if message is None:
        kind = "an error envelope without a message" if error else "no error envelope"
        message = f"the API answered HTTP {status_code} with {kind}"
    details = error.get("details")
    request_id = _str_or_none(error.get("request_id")) or request_id_of(headers)
    return cls(
        message,
        status_code=status_code,
        headers=headers,
        code=code,
        reason=_str_or_none(error.get("reason")),
        details=details if isinstance(details, list) else None,
        request_id=request_id,
        body=body,
        retry_after=parse_retry_after(headers, time.time() if now is None else now),
        retries_taken=retries_taken,
        elapsed=elapsed,
    )
