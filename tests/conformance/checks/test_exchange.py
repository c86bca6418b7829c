"""The exchange every check works on, and the failure it raises."""

from __future__ import annotations

import json

import pytest
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange, as_check


def test_lower_joins_list_values_and_lowercases_names() -> None:
    assert Exchange.lower({"X-A": ["1", "2"], "B": 3}) == {"x-a": "1, 2", "b": "3"}


def test_exchange_reads_path_query_and_a_body_that_is_not_json() -> None:
    ex = Exchange("GET", "http://h/v2/payments?limit=2&limit=3&x=", 200, {}, b"not json")
    assert ex.path == "/v2/payments"
    assert ex.query == {"limit": "3", "x": ""}
    assert ex.doc is None
    with pytest.raises(json.JSONDecodeError, match="Expecting value"):
        ex.json()


def test_as_check_renames_a_failure_and_keeps_its_request() -> None:
    with pytest.raises(CheckFailedError) as info, as_check("larkpay_property"):
        raise CheckFailedError("larkpay_step", "went wrong", operation="getPayment", curl="curl x")
    assert (info.value.check, info.value.detail) == ("larkpay_property", "went wrong")
    assert (info.value.operation, info.value.curl) == ("getPayment", "curl x")
