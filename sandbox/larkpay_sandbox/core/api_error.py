"""The error a request can end with: raise :class:`ApiError` anywhere and the pipeline answers
with its error envelope; every code of api.md with its HTTP status."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.envelopes import error_envelope

STATUS_BY_CODE: dict[str, int] = {
    "INVALID_REQUEST": 400,
    "AUTH_FAILED": 401,
    "PAYMENT_FAILED": 402,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "INVALID_STATE": 409,
    "IDEMPOTENCY_IN_PROGRESS": 409,
    "PAYLOAD_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "IDEMPOTENCY_KEY_REUSED": 422,
    "RATE_LIMITED": 429,
    "INTERNAL_ERROR": 500,
    "SERVICE_UNAVAILABLE": 503,
}


class ApiError(Exception):
    """An error answer: raise it anywhere in a handler and the pipeline renders the envelope."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        reason: str | None = None,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = STATUS_BY_CODE[code]
        self.message = message
        self.reason = reason
        self.details = details or []
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self, request_id: str) -> bytes:
        """Render the error envelope for this error."""
        error: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "reason": self.reason,
            "details": self.details,
            "request_id": request_id,
        }
        error.update(self.extra)
        return error_envelope(error)


def invalid(field: str, message: str) -> ApiError:
    """A 400 INVALID_REQUEST naming one field."""
    return ApiError(
        "INVALID_REQUEST",
        f"The request is invalid: {field} {message}. Fix the field and send it again.",
        details=[{"field": field, "message": message}],
    )


def not_found(kind: str, identifier: str) -> ApiError:
    """A 404 NOT_FOUND for an unknown object id."""
    return ApiError("NOT_FOUND", f"No {kind} with id {identifier!r} exists for this API key.")
