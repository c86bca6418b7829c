"""Every check of one exchange, by name, in the order they run: the envelope and header checks
of :mod:`~larkpay_conformance.checks`, the object rules of
:mod:`~larkpay_conformance.object_checks` and the page rules of
:mod:`~larkpay_conformance.list_checks`. Every layer runs them on every exchange it sees."""

from __future__ import annotations

from collections.abc import Callable

from larkpay_conformance import checks
from larkpay_conformance.checks import Exchange
from larkpay_conformance.list_checks import LIST_CHECKS
from larkpay_conformance.object_checks import OBJECT_CHECKS
from larkpay_conformance.stats import RECORDER

EXCHANGE_CHECKS: tuple[tuple[str, Callable[[Exchange], None]], ...] = (
    ("larkpay_envelope", checks.check_envelope),
    ("larkpay_request_id", checks.check_request_id),
    ("larkpay_error_status", checks.check_error_status),
    ("larkpay_limit_headers", checks.check_limit_headers),
    ("larkpay_replay_header", checks.check_replay_header),
    *OBJECT_CHECKS,
    *LIST_CHECKS,
)


def check_exchange(ex: Exchange) -> None:
    """Run every single-exchange check (each counted as run); the first failure is raised."""
    for name, check in EXCHANGE_CHECKS:
        RECORDER.ran(name)
        check(ex)
