"""The retry policy as pure functions: what to retry, and how long to wait.

Nothing here does I/O, sleeps or reads the clock: the caller passes ``now`` and ``random``,
so the same decisions drive the sync and the async transport and are tested directly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

DEFAULT_MAX_RETRIES = 2
MAX_SERVER_DELAY = 60.0
"""A server-requested delay longer than this is not waited for: the error is raised instead."""

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
IDEMPOTENCY_KEYED_METHODS = frozenset({"POST", "PATCH"})

# The request never reached the server, so resending it cannot duplicate anything.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The request may have reached the server: resend only if that is harmless.
_MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryDecision:
    """Whether to retry, after how many seconds, and why (a short phrase for logs)."""

    retry: bool
    delay: float
    reason: str


def is_idempotent(method: str, headers: Mapping[str, str]) -> bool:
    """A safe method, or a request that carries an Idempotency-Key, can be resent safely."""
    return method.upper() in SAFE_METHODS or bool(headers.get("idempotency-key"))


def backoff_delay(retry_number: int, random: Callable[[], float]) -> float:
    """Seconds before retry ``retry_number`` (0 for the first): U(0.5, 1) * min(8, 0.5 * 2^n)."""
    base = min(8.0, 0.5 * 2.0 ** min(retry_number, 16))
    return (0.5 + 0.5 * random()) * base


def parse_retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds the server asked to wait: ``retry-after-ms``, else ``Retry-After`` (seconds or
    an HTTP date). ``None`` if absent or unparseable; never negative."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        value = _finite_float(millis)
        if value is not None:
            return max(0.0, value / 1000.0)
    raw = headers.get("retry-after")
    if raw is None:
        return None
    value = _finite_float(raw)
    if value is not None:
        return max(0.0, value)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date without a zone is GMT (RFC 9110 5.6.7)
        return None
    return max(0.0, when.timestamp() - now)


def _finite_float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def error_code_of(content: bytes) -> str | None:
    """The ``error.code`` of an error envelope, or ``None`` for any other body."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        code = body["error"].get("code")
        return code if isinstance(code, str) else None
    return None


def may_retry_status(status_code: int) -> bool:
    """Whether an answer with this status can be retried at all: never below 400, whatever
    ``X-Should-Retry`` says (the transport returns such answers without further checks)."""
    return status_code >= 400


def needs_error_code(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether :func:`decide_after_response` needs the body's error code for this answer."""
    return status_code == 409 and headers.get("x-should-retry") is None


def _retryable_status_reason(
    status_code: int, headers: Mapping[str, str], error_code: str | None
) -> str | None:
    if not may_retry_status(status_code):
        return None
    should = headers.get("x-should-retry")
    if should is not None and should.strip().lower() in ("true", "false"):
        return f"x-should-retry on HTTP {status_code}" if should.strip().lower() == "true" else None
    if status_code in RETRYABLE_STATUSES:
        return f"HTTP {status_code}"
    if status_code == 409 and error_code == "IDEMPOTENCY_IN_PROGRESS":
        return "HTTP 409 IDEMPOTENCY_IN_PROGRESS"
    return None


def _schedule(
    reason: str | None,
    server_delay: float | None,
    *,
    retries_done: int,
    max_retries: int,
    now: float,
    deadline: float | None,
    random: Callable[[], float],
) -> RetryDecision:
    if reason is None:
        return RetryDecision(False, 0.0, "not retryable")
    if retries_done >= max_retries:
        return RetryDecision(False, 0.0, f"{reason}; retries exhausted ({max_retries})")
    if server_delay is not None and server_delay > MAX_SERVER_DELAY:
        return RetryDecision(False, 0.0, f"{reason}; server asked to wait {server_delay:g}s")
    delay = server_delay if server_delay is not None else backoff_delay(retries_done, random)
    if deadline is not None and now + delay >= deadline:
        return RetryDecision(False, 0.0, f"{reason}; the deadline leaves no time to retry")
    return RetryDecision(True, delay, reason)


def decide_after_response(
    status_code: int,
    headers: Mapping[str, str],
    error_code: str | None,
    *,
    retries_done: int,
    max_retries: int,
    now: float,
    deadline: float | None,
    random: Callable[[], float],
    wall_now: float | None = None,
) -> RetryDecision:
    """Whether an answer with this status and headers is retried, and after how long.

    ``now`` is the clock of ``deadline`` (monotonic in the transport); ``wall_now`` is Unix
    time, needed to read a ``Retry-After`` given as an HTTP date (default: ``now``).
    """
    reason = _retryable_status_reason(status_code, headers, error_code)
    wall = now if wall_now is None else wall_now
    return _schedule(
        reason,
        parse_retry_after(headers, wall) if reason else None,
        retries_done=retries_done,
        max_retries=max_retries,
        now=now,
        deadline=deadline,
        random=random,
    )


def decide_after_exception(
    exc: Exception,
    *,
    idempotent: bool,
    retries_done: int,
    max_retries: int,
    now: float,
    deadline: float | None,
    random: Callable[[], float],
) -> RetryDecision:
    """Whether a request that raised ``exc`` is retried, and after how long."""
    reason: str | None = None
    if isinstance(exc, _NOT_SENT):
        reason = f"connection failed ({type(exc).__name__})"
    elif isinstance(exc, _MAYBE_SENT) and idempotent:
        reason = f"no answer ({type(exc).__name__})"
    return _schedule(
        reason,
        None,
        retries_done=retries_done,
        max_retries=max_retries,
        now=now,
        deadline=deadline,
        random=random,
    )
