"""The checks of :mod:`larkpay_conformance.checks.exchange_checks` as schemathesis checks (same
names), and the built-in schemathesis checks the schema and stateful layers run on every case."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import schemathesis

from larkpay_conformance.checks.exchange import Exchange
from larkpay_conformance.checks.exchange_checks import EXCHANGE_CHECKS
from larkpay_conformance.record.stats import RECORDER

#: schemathesis' own checks that run on every validated case (their names in failure records)
BUILT_IN_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
)

#: the last response turned into an exchange, per thread: every check of one response in turn
#: gets the same exchange (its body decoded once); responses have __slots__, so no attribute
_last = threading.local()


def exchange_from(response: Any) -> Exchange:
    """An :class:`Exchange` from a schemathesis ``Response`` (its ``request`` is the sent one)."""
    cached = getattr(_last, "pair", None)
    if cached is not None and cached[0] is response:
        return cached[1]  # type: ignore[no-any-return]
    request = response.request
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    exchange = Exchange(
        method=str(request.method),
        url=str(request.url),
        status=int(response.status_code),
        headers=Exchange.lower(response.headers),
        body=bytes(response.content or b""),
        request_headers=Exchange.lower(dict(request.headers)),
        request_body=body if isinstance(body, bytes) else None,
    )
    _last.pair = (response, exchange)
    return exchange


def _as_schemathesis_check(name: str, check: Callable[[Exchange], None]) -> Any:
    def run(ctx: Any, response: Any, case: Any) -> bool | None:
        RECORDER.ran(name)
        check(exchange_from(response))
        return None

    run.__name__ = run.__qualname__ = name
    run.__doc__ = check.__doc__
    return run


CUSTOM_CHECKS = tuple(_as_schemathesis_check(name, check) for name, check in EXCHANGE_CHECKS)

_registered = False


def register() -> tuple[Any, ...]:
    """Register the custom checks with schemathesis once; returns them."""
    global _registered
    if not _registered:
        for check in CUSTOM_CHECKS:
            schemathesis.check(check)
        _registered = True
    return CUSTOM_CHECKS


def count_built_in_runs() -> None:
    """Count one run of each built-in check (a case was validated)."""
    for name in BUILT_IN_CHECKS:
        RECORDER.ran(name)
