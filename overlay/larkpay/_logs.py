"""The SDK's logs: the standard ``logging`` logger ``larkpay``, silent unless asked.

- INFO: one line per attempt: method, path, status (or the connection error), elapsed time to
  the answer's headers, attempt number, request id and idempotency key; an attempt that will be
  retried says when and why.
- DEBUG: also the headers and body of each request and answer (bodies cut at
  ``BODY_LIMIT`` characters). A logged answer body has been read in full before the SDK returns.

Set ``LARKPAY_LOG=info`` or ``LARKPAY_LOG=debug`` to log to stderr without code, or configure
the ``larkpay`` logger as any other. Whatever the level, secrets are replaced by
``[redacted]`` before a line is formatted: the ``Authorization`` header (and cookies), API
secrets (``lsk_...``), webhook secrets (``whsec_...``), and every body field whose name says it
is a secret (``secret``, ``api_secret``, ``password``...), such as the ``secret`` that creating an
endpoint or rotating its secret answers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import warnings
from collections.abc import Mapping
from typing import Any

import httpx

from ._headers import IDEMPOTENCY_KEY, request_id_of

logger = logging.getLogger("larkpay")
logger.addHandler(logging.NullHandler())

ENVIRONMENT_VARIABLE = "LARKPAY_LOG"
LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
BODY_LIMIT = 4096
REDACTED = "[redacted]"

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_FIELD = re.compile(r"secret|password|passwd|token|authorization", re.IGNORECASE)
_SECRET_TEXT = re.compile(r"\b(whsec_|lsk_)[A-Za-z0-9+/=_\-]+")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler LARKPAY_LOG installs (one at most, however often the SDK is set up)."""


def configure_from_environment(environ: Mapping[str, str] = os.environ) -> None:
    """Log to stderr at the level ``LARKPAY_LOG`` names (``info`` or ``debug``), if it is set."""
    value = environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if not value:
        return
    level = LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"{ENVIRONMENT_VARIABLE}={value!r} is not one of {', '.join(LEVELS)}; "
            f"the larkpay logs stay off",
            stacklevel=2,
        )
        return
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)


def _redact_text(text: str) -> str:
    return _SECRET_TEXT.sub(lambda match: match.group(1) + REDACTED, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED if _SECRET_FIELD.search(str(key)) else _redact_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


def redact_headers(headers: httpx.Headers) -> dict[str, str]:
    """The headers, with secret ones replaced by ``[redacted]``."""
    return {
        name: REDACTED if name.lower() in _SECRET_HEADERS else _redact_text(value)
        for name, value in headers.multi_items()
    }


def redact_body(content: bytes) -> str:
    """The body as text, with secret fields and secret-looking values replaced, cut to size."""
    if not content:
        return "(empty)"
    try:
        text = json.dumps(_redact_value(json.loads(content)), ensure_ascii=False)
    except (ValueError, RecursionError):
        text = content.decode("utf-8", "replace")
    text = _redact_text(text)
    if len(text) > BODY_LIMIT:
        text = f"{text[:BODY_LIMIT]}... ({len(text) - BODY_LIMIT} more characters)"
    return text


def _request_body(request: httpx.Request) -> str:
    try:
        return redact_body(request.content)
    except httpx.RequestNotRead:
        return "(streamed)"


class AttemptLog:
    """The log lines of one attempt; only made when INFO is enabled for the ``larkpay`` logger.

    ``debug`` says whether the caller must read the answer's body before ``answered``.
    """

    __slots__ = ("attempts", "debug", "number", "request", "started")

    def __init__(self, request: httpx.Request, number: int, attempts: int) -> None:
        self.request = request
        self.number = number
        self.attempts = attempts
        self.debug = logger.isEnabledFor(logging.DEBUG)
        if self.debug:
            logger.debug(
                "request %s %s headers=%s body=%s",
                request.method,
                request.url,
                redact_headers(request.headers),
                _request_body(request),
            )
        self.started = time.perf_counter()

    def answered(self, response: httpx.Response, retry_in: float | None, reason: str) -> None:
        """One line for an answer; ``retry_in`` is the delay before the retry, if there is one."""
        elapsed = time.perf_counter() - self.started
        if self.debug:
            logger.debug(
                "answer %s to %s %s headers=%s body=%s",
                response.status_code,
                self.request.method,
                self.request.url.path,
                redact_headers(response.headers),
                redact_body(response.content),
            )
        self._line(
            str(response.status_code), elapsed, request_id_of(response.headers), retry_in, reason
        )

    def failed(self, error: Exception, retry_in: float | None, reason: str) -> None:
        """One line for an attempt that got no answer."""
        elapsed = time.perf_counter() - self.started
        self._line(type(error).__name__, elapsed, None, retry_in, reason)

    def _line(
        self,
        outcome: str,
        elapsed: float,
        request_id: str | None,
        retry_in: float | None,
        reason: str,
    ) -> None:
        request = self.request
        key = request.headers.get(IDEMPOTENCY_KEY)
        retry = "" if retry_in is None else f"; retrying in {retry_in:.3f}s: {reason}"
        logger.info(
            "%s %s -> %s in %.1f ms (attempt %d of %d, request_id=%s, idempotency_key=%s)%s",
            request.method,
            request.url.path,
            outcome,
            elapsed * 1000,
            self.number,
            self.attempts,
            request_id,
            key,
            retry,
            extra={
                "larkpay_method": request.method,
                "larkpay_path": request.url.path,
                "larkpay_outcome": outcome,
                "larkpay_elapsed_ms": round(elapsed * 1000, 3),
                "larkpay_attempt": self.number,
                "larkpay_request_id": request_id,
                "larkpay_idempotency_key": key,
            },
        )
