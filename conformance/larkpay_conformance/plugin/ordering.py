"""The order tests are handed out in: the longest first, so that workers pulling tests one at a
time finish together (a long state machine started last would keep one worker busy alone); the
tests with a webhook receiver last, the webhook layer before the clock layer (which moves the
sandbox's clock)."""

from __future__ import annotations

import pytest

#: test function name prefixes by expected length, longest first; the rest keep their order
_LONGEST_FIRST = (
    "test_payment_and_refund_rules_hold",
    "test_linked_operations_conform",
    "test_schema",
    "test_paging_returns_each_payment_once",
)


#: the modules with a webhook receiver, in the order they run, after every other test
_LAST = ("test_webhooks.py", "test_endpoint_health.py", "test_clock.py")


def _rank(item: pytest.Item) -> int:
    name = item.name
    for rank, prefix in enumerate(_LONGEST_FIRST):
        if name.startswith(prefix):
            return rank
    module = item.nodeid.split("::", 1)[0]
    for rank, suffix in enumerate(_LAST, start=len(_LONGEST_FIRST) + 1):
        if module.endswith(suffix):
            return rank
    return len(_LONGEST_FIRST)


def longest_first(items: list[pytest.Item]) -> None:
    """Sort ``items`` in place (stable: every worker collects the same order)."""
    items.sort(key=_rank)
