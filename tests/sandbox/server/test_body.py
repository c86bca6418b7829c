"""larkpay_sandbox.server.body: strict JSON bodies, refused with a 400 INVALID_REQUEST."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.server.body import parse_json


def test_parse_json_returns_the_object_of_a_valid_body() -> None:
    assert parse_json(b'{"amount": 1, "metadata": {"a": "b"}}') == {
        "amount": 1,
        "metadata": {"a": "b"},
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"amount": 1, "amount": 2}', "'amount' more than once"),
        (b'{"metadata": {"k": "a", "k": "b"}}', "'k' more than once"),
        (b'{"amount": NaN}', "NaN is not valid JSON"),
        (b'{"amount": 1', "is not valid JSON"),
        (b'{"a": "\\ud800"}', "lone surrogate"),
        (b"\xff{}", "is not valid UTF-8"),
    ],
)
def test_parse_json_refuses_ambiguous_or_broken_bodies(raw: bytes, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_json(raw)
    assert caught.value.code == "INVALID_REQUEST"
    assert message in caught.value.message
