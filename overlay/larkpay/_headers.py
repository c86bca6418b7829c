"""The Larkpay API's own headers, and what they say about a call.

Every answer carries ``X-Request-Id``; a replayed idempotent answer carries
``Idempotent-Replayed: true``; the SDK numbers its attempts with ``Larkpay-Retry-Count``. The
raw responses, the errors and the logs read them here, so all three say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

REQUEST_ID = "x-request-id"
IDEMPOTENT_REPLAYED = "idempotent-replayed"
IDEMPOTENCY_KEY = "idempotency-key"
RETRY_COUNT = "Larkpay-Retry-Count"


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The ``X-Request-Id`` of an answer, if it has one."""
    return headers.get(REQUEST_ID)


def is_replayed(headers: Mapping[str, str]) -> bool:
    """True if the API answered with the stored result of an earlier request (same key)."""
    return headers.get(IDEMPOTENT_REPLAYED, "").strip().lower() == "true"


def retries_taken(request: httpx.Request | None) -> int:
    """How many retries came before ``request``'s last attempt (its ``Larkpay-Retry-Count``)."""
    if request is None:
        return 0
    count = request.headers.get(RETRY_COUNT, "0")
    return int(count) if count.isdigit() else 0


def request_of(error: Exception) -> httpx.Request | None:
    """The request an httpx exception was raised for, if httpx attached one."""
    try:
        request: httpx.Request = error.request  # type: ignore[attr-defined]
    except (AttributeError, RuntimeError):  # RuntimeError: httpx's "request not set"
        return None
    return request
