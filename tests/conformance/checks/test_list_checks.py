"""The page rules: order, filters and limits of one list answer."""

from __future__ import annotations

import pytest
from larkpay_conformance.checks import list_checks as lc
from larkpay_conformance.checks.exchange import CheckFailedError

from tests.conformance.replies import LATER, STAMP, exchange, payment


def test_newest_first_page_passes_and_oldest_first_fails() -> None:
    newest = [payment(id="pay_2", created_at=LATER), payment(id="pay_1")]
    lc.check_order(exchange(newest))
    with pytest.raises(CheckFailedError, match="not older") as info:
        lc.check_order(exchange(list(reversed(newest))))
    assert info.value.check == lc.ORDER


def test_same_time_is_ordered_by_id_descending() -> None:
    lc.check_order(exchange([payment(id="pay_b"), payment(id="pay_a")]))
    with pytest.raises(CheckFailedError):
        lc.check_order(exchange([payment(id="pay_a"), payment(id="pay_b")]))


def test_an_object_twice_on_a_page_fails() -> None:
    with pytest.raises(CheckFailedError, match="twice"):
        lc.check_order(exchange([payment(), payment()]))


def test_delivery_attempts_must_be_newest_first_per_endpoint() -> None:
    def attempt(n: int, endpoint: str) -> dict[str, object]:
        return {
            "id": f"del_{n}{endpoint}",
            "object": "event_delivery",
            "attempt": n,
            "endpoint_id": endpoint,
            "attempted_at": STAMP,
        }

    lc.check_order(exchange([attempt(2, "a"), attempt(1, "b"), attempt(1, "a")]))
    with pytest.raises(CheckFailedError, match="attempt 2 to a"):
        lc.check_order(exchange([attempt(1, "a"), attempt(2, "a")]))


def test_filter_lets_only_matching_items_through() -> None:
    url = "http://h/v2/payments?status=failed"
    lc.check_filter(exchange([payment(status="failed")], url=url))
    with pytest.raises(CheckFailedError, match="status=failed listed pay_1") as info:
        lc.check_filter(exchange([payment()], url=url))
    assert info.value.check == lc.FILTER


def test_page_over_the_limit_or_the_default_fails() -> None:
    two = [payment(id="pay_2"), payment(id="pay_1")]
    lc.check_limit(exchange(two, url="http://h/v2/payments?limit=2"))
    with pytest.raises(CheckFailedError, match="limit 1"):
        lc.check_limit(exchange(two, url="http://h/v2/payments?limit=1"))
    with pytest.raises(CheckFailedError, match="limit 20"):
        lc.check_limit(exchange([payment(id=f"pay_{i}") for i in range(21)]))
