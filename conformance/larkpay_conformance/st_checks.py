"""The checks of :mod:`larkpay_conformance.checks` as schemathesis checks (same names)."""

from __future__ import annotations

from typing import Any

import schemathesis

from larkpay_conformance import checks
from larkpay_conformance.checks import Exchange


def exchange_from(response: Any) -> Exchange:
    """An :class:`Exchange` from a schemathesis ``Response`` (its ``request`` is the sent one)."""
    request = response.request
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    return Exchange(
        method=str(request.method),
        url=str(request.url),
        status=int(response.status_code),
        headers=Exchange.lower(response.headers),
        body=bytes(response.content or b""),
        request_headers=Exchange.lower(dict(request.headers)),
        request_body=body if isinstance(body, bytes) else None,
    )


def larkpay_envelope(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every JSON body is a success or error envelope of the right shape."""
    checks.check_envelope(exchange_from(response))
    return None


def larkpay_request_id(ctx: Any, response: Any, case: Any) -> bool | None:
    """X-Request-Id on every response, equal to error.request_id."""
    checks.check_request_id(exchange_from(response))
    return None


def larkpay_error_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """error.code agrees with the HTTP status (design brief code table)."""
    checks.check_error_status(exchange_from(response))
    return None


def larkpay_limit_headers(ctx: Any, response: Any, case: Any) -> bool | None:
    """Retry-After and RateLimit-* on 429, Retry-After on 503, Allow on 405."""
    checks.check_limit_headers(exchange_from(response))
    return None


def larkpay_replay_header(ctx: Any, response: Any, case: Any) -> bool | None:
    """Idempotent-Replayed only where a replay is possible."""
    checks.check_replay_header(exchange_from(response))
    return None


def larkpay_endpoint_state(ctx: Any, response: Any, case: Any) -> bool | None:
    """A webhook endpoint is disabled exactly when it says why."""
    checks.check_endpoint_state(exchange_from(response))
    return None


CUSTOM_CHECKS = (
    larkpay_envelope,
    larkpay_request_id,
    larkpay_error_status,
    larkpay_limit_headers,
    larkpay_replay_header,
    larkpay_endpoint_state,
)

_registered = False


def register() -> tuple[Any, ...]:
    """Register the custom checks with schemathesis once; returns them."""
    global _registered
    if not _registered:
        for check in CUSTOM_CHECKS:
            schemathesis.check(check)
        _registered = True
    return CUSTOM_CHECKS
