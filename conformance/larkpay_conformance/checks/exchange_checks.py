"""Every check of one exchange, by name, in the order they run: the envelope and header checks
of :mod:`~larkpay_conformance.checks.checks`, the object rules of
:mod:`~larkpay_conformance.checks.object_checks` and the page rules of
:mod:`~larkpay_conformance.checks.list_checks`. Every layer runs them on every exchange it sees."""

from __future__ import annotations

from collections.abc import Callable

from larkpay_conformance.checks import checks
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.checks.list_checks import LIST_CHECKS
from larkpay_conformance.checks.object_checks import OBJECT_CHECKS
from larkpay_conformance.record.stats import RECORDER

#: the protocol: without it nothing else of an answer can be read
PROTOCOL_CHECKS: tuple[tuple[str, Callable[[Exchange], None]], ...] = (
    ("larkpay_envelope", checks.check_envelope),
    ("larkpay_request_id", checks.check_request_id),
    ("larkpay_error_status", checks.check_error_status),
    ("larkpay_limit_headers", checks.check_limit_headers),
    ("larkpay_replay_header", checks.check_replay_header),
)
#: the business rules of the objects and pages in an answer
RULE_CHECKS: tuple[tuple[str, Callable[[Exchange], None]], ...] = (*OBJECT_CHECKS, *LIST_CHECKS)
EXCHANGE_CHECKS = (*PROTOCOL_CHECKS, *RULE_CHECKS)


def check_exchange(ex: Exchange) -> None:
    """Run every single-exchange check (each counted as run); the first failure is raised."""
    for name, check in EXCHANGE_CHECKS:
        RECORDER.ran(name)
        check(ex)


def check_protocol(ex: Exchange) -> None:
    """Run the protocol checks; the first failure is raised."""
    for name, check in PROTOCOL_CHECKS:
        RECORDER.ran(name)
        check(ex)


def rule_violations(ex: Exchange) -> list[CheckFailedError]:
    """Run the rule checks; every failure is returned, none raised."""
    found = []
    for name, check in RULE_CHECKS:
        RECORDER.ran(name)
        try:
            check(ex)
        except CheckFailedError as exc:
            found.append(exc)
    return found
