"""Checks for what the OpenAPI document cannot say: envelopes, request ids, codes, limit headers.

Each check takes an :class:`~larkpay_conformance.checks.exchange.Exchange` (one request and its
response, independent of the HTTP library) and raises
:class:`~larkpay_conformance.checks.exchange.CheckFailedError` naming the check when the response
breaks the design brief. :mod:`larkpay_conformance.checks.exchange_checks` lists them with the other
single-exchange checks; :func:`larkpay_conformance.schema.st_checks.register` wraps those as
schemathesis checks and the business layers run them on every httpx exchange.
"""

from __future__ import annotations

import json
from typing import Any

from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.record.stats import RECORDER

#: error.code -> the only HTTP status it may come with (design brief, "Error codes").
ERROR_STATUS: dict[str, int] = {
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

AUTH_REASONS = frozenset(
    {
        "missing_credentials",
        "malformed_credentials",
        "invalid_credentials",
        "key_expired",
        "key_revoked",
        "environment_mismatch",
    }
)

_SUCCESS_KEYS = frozenset({"status", "data", "has_more", "next_cursor"})
_ERROR_KEYS = frozenset({"status", "error"})


def _envelope(ex: Exchange, check: str) -> dict[str, Any] | None:
    """The decoded JSON object, or None for a body-less response (HEAD, 204)."""
    if not ex.body:
        if ex.status == 204 or ex.method.upper() == "HEAD":
            return None
        raise CheckFailedError(
            check, f"{ex.status} response has an empty body; expected a JSON envelope"
        )
    try:
        doc = ex.json()
    except ValueError as exc:
        raise CheckFailedError(
            check, f"{ex.status} body is not JSON ({exc}): {ex.body[:200]!r}"
        ) from None
    if not isinstance(doc, dict):
        raise CheckFailedError(
            check, f"body is a JSON {type(doc).__name__}, not an envelope object"
        )
    return doc


def check_envelope(ex: Exchange) -> None:
    """Every JSON body is ``{"status": "success", "data": ...}`` or ``{"status": "error", ...}``."""
    name = "larkpay_envelope"
    doc = _envelope(ex, name)
    if doc is None:
        return
    content_type = ex.headers.get("content-type", "")
    if not content_type.startswith("application/json"):
        raise CheckFailedError(name, f"Content-Type is {content_type!r}, expected application/json")
    status = doc.get("status")
    if status == "success":
        _check_success(doc, ex)
    elif status == "error":
        _check_error_body(doc, ex)
    else:
        raise CheckFailedError(
            name, f'envelope "status" is {status!r}, expected "success" or "error"'
        )


def _check_success(doc: dict[str, Any], ex: Exchange) -> None:
    name = "larkpay_envelope"
    if ex.status >= 400:
        raise CheckFailedError(name, f'HTTP {ex.status} carries a "success" envelope')
    extra = set(doc) - _SUCCESS_KEYS
    if extra:
        raise CheckFailedError(name, f"success envelope has unexpected keys {sorted(extra)}")
    if "data" not in doc:
        raise CheckFailedError(name, 'success envelope has no "data"')
    data = doc["data"]
    if isinstance(data, list):
        if not isinstance(doc.get("has_more"), bool):
            raise CheckFailedError(name, 'list envelope needs a boolean "has_more"')
        cursor = doc.get("next_cursor", 0)
        if cursor is not None and not isinstance(cursor, str):
            raise CheckFailedError(name, 'list envelope needs "next_cursor" (string or null)')
        if doc["has_more"] != (cursor is not None):
            raise CheckFailedError(name, f"has_more={doc['has_more']} but next_cursor={cursor!r}")
    elif not isinstance(data, dict):
        raise CheckFailedError(
            name, f'"data" is a {type(data).__name__}, expected an object or a list'
        )
    elif "has_more" in doc or "next_cursor" in doc:
        raise CheckFailedError(name, "a single-object envelope has paging keys")


def _check_error_body(doc: dict[str, Any], ex: Exchange) -> None:
    name = "larkpay_envelope"
    if ex.status < 400:
        raise CheckFailedError(name, f'HTTP {ex.status} carries an "error" envelope')
    extra = set(doc) - _ERROR_KEYS
    if extra:
        raise CheckFailedError(name, f"error envelope has unexpected keys {sorted(extra)}")
    error = doc.get("error")
    if not isinstance(error, dict):
        raise CheckFailedError(name, 'error envelope has no "error" object')
    for key in ("code", "message", "request_id"):
        if not isinstance(error.get(key), str) or not error[key]:
            raise CheckFailedError(
                name, f"error.{key} must be a non-empty string, got {error.get(key)!r}"
            )
    details = error.get("details")
    if details is not None:
        if not isinstance(details, list):
            raise CheckFailedError(name, "error.details must be a list")
        for item in details:
            if not isinstance(item, dict) or not isinstance(item.get("message"), str):
                raise CheckFailedError(name, f"error.details item {item!r} lacks a message")


def check_request_id(ex: Exchange) -> None:
    """Every response has X-Request-Id, equal to ``error.request_id`` on errors."""
    name = "larkpay_request_id"
    request_id = ex.headers.get("x-request-id", "")
    if not request_id:
        raise CheckFailedError(name, f"{ex.status} response has no X-Request-Id header")
    if ex.status < 400 or not ex.body:
        return
    try:
        doc = ex.json()
    except ValueError:
        return  # check_envelope reports the broken body
    error = doc.get("error") if isinstance(doc, dict) else None
    if isinstance(error, dict) and error.get("request_id") != request_id:
        raise CheckFailedError(
            name, f"X-Request-Id {request_id!r} != error.request_id {error.get('request_id')!r}"
        )


def check_error_status(ex: Exchange) -> None:
    """error.code matches the HTTP status of the code table; 401s say why."""
    name = "larkpay_error_status"
    if ex.status < 400 or not ex.body:
        return
    try:
        doc = ex.json()
    except ValueError:
        return
    error = doc.get("error") if isinstance(doc, dict) else None
    if not isinstance(error, dict):
        return
    code = error.get("code")
    expected = ERROR_STATUS.get(str(code))
    if expected is None:
        raise CheckFailedError(name, f"unknown error.code {code!r} (HTTP {ex.status})")
    if expected != ex.status:
        raise CheckFailedError(
            name, f"error.code {code} must come with HTTP {expected}, got {ex.status}"
        )
    if code == "AUTH_FAILED" and error.get("reason") not in AUTH_REASONS:
        raise CheckFailedError(
            name, f"AUTH_FAILED reason {error.get('reason')!r} is not a known reason"
        )
    if code == "PAYMENT_FAILED" and not str(error.get("payment_id", "")).startswith("pay_"):
        raise CheckFailedError(
            name, "PAYMENT_FAILED error does not name the payment (error.payment_id)"
        )


def _int_header(ex: Exchange, header: str, check: str) -> int:
    value = ex.headers.get(header)
    if value is None:
        raise CheckFailedError(check, f"HTTP {ex.status} without a {header} header")
    try:
        number = int(value)
    except ValueError:
        raise CheckFailedError(check, f"{header}: {value!r} is not an integer") from None
    if number < 0:
        raise CheckFailedError(check, f"{header}: {value!r} is negative")
    return number


def check_limit_headers(ex: Exchange) -> None:
    """429 has Retry-After and RateLimit-*; an authenticated 2xx has RateLimit-*; 503 has
    Retry-After; 405 has Allow."""
    name = "larkpay_limit_headers"
    authenticated = "authorization" in {h.lower() for h in ex.request_headers}
    if 200 <= ex.status < 300 and authenticated and not ex.url.rstrip("/").endswith("/health"):
        for header in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
            _int_header(ex, header, name)
    elif ex.status == 429:
        for header in ("retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
            _int_header(ex, header, name)
    elif ex.status == 503:
        _int_header(ex, "retry-after", name)
    elif ex.status == 405 and not ex.headers.get("allow"):
        raise CheckFailedError(name, "405 response without an Allow header")


def check_replay_header(ex: Exchange) -> None:
    """Idempotent-Replayed appears only as "true", only on a POST/PATCH with an Idempotency-Key."""
    name = "larkpay_replay_header"
    value = ex.headers.get("idempotent-replayed")
    if value is None:
        return
    if value != "true":
        raise CheckFailedError(
            name, f"Idempotent-Replayed: {value!r}; the only allowed value is true"
        )
    sent_key = any(h.lower() == "idempotency-key" for h in ex.request_headers)
    if ex.method.upper() not in {"POST", "PATCH"} or not sent_key:
        raise CheckFailedError(name, "Idempotent-Replayed on a request without an Idempotency-Key")
    if ex.status == 429 or ex.status >= 500:
        raise CheckFailedError(
            name, f"HTTP {ex.status} was replayed, but 429 and 5xx are never stored"
        )


def check_idempotent_replay(first: Exchange, replay: Exchange) -> None:
    """Resending a request with the same Idempotency-Key replays status and body exactly.

    The one field allowed to differ is ``error.request_id``: it must equal the X-Request-Id of
    the response that carries it (a unique id per request), so a replayed error names the replay.
    """
    name = "larkpay_idempotent_replay"
    RECORDER.ran(name)
    if first.status == 429 or first.status >= 500:
        return  # not stored: a retry may legitimately differ
    if first.headers.get("idempotent-replayed") == "true":
        raise CheckFailedError(
            name, "the first request with a fresh key is marked Idempotent-Replayed"
        )
    if replay.headers.get("idempotent-replayed") != "true":
        raise CheckFailedError(
            name, f"replay (HTTP {replay.status}) lacks Idempotent-Replayed: true"
        )
    if replay.status != first.status:
        raise CheckFailedError(
            name, f"replay answered HTTP {replay.status}, first answer {first.status}"
        )
    if _comparable(replay.body) != _comparable(first.body):
        raise CheckFailedError(
            name,
            f"replay body differs:\n first:  {first.body[:300]!r}\n replay: {replay.body[:300]!r}",
        )


def _comparable(body: bytes) -> Any:
    try:
        doc = json.loads(body)
    except ValueError:
        return body
    if isinstance(doc, dict) and isinstance(doc.get("error"), dict):
        doc["error"].pop("request_id", None)
    return doc
