"""The JSON the sandbox writes: compact ASCII, and the success and list envelopes."""

from __future__ import annotations

import json

import pytest
from larkpay_sandbox.core.envelopes import (
    canonical_json,
    dumps,
    error_envelope,
    success,
    success_list,
)


def test_dumps_is_compact_ascii_and_refuses_nan() -> None:
    assert dumps({"a": "é", "b": [1, 2]}) == b'{"a":"\\u00e9","b":[1,2]}'
    with pytest.raises(ValueError, match="JSON"):
        dumps(float("nan"))


@pytest.mark.parametrize(
    "value",
    [
        {"b": 1, "a": [1.5, -0.0, 10**30, True, None], "c": {"d": '\u2028\ud800 "q"'}},
        [],
        "text",
        1e300,
        {"": {"nested": [[{}], []]}},
    ],
)
def test_dumps_gives_the_bytes_of_json_dumps_compact_ascii(value: object) -> None:
    expected = json.dumps(value, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    assert dumps(value) == expected.encode()


def test_dumps_refuses_a_value_json_cannot_encode() -> None:
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        dumps({"a": {1, 2}})


def test_canonical_json_is_the_same_for_equal_values_in_any_key_order() -> None:
    first = canonical_json({"b": {"y": 1, "x": [2, "é"]}, "a": None})
    second = canonical_json({"a": None, "b": {"x": [2, "é"], "y": 1}})
    assert first == second == '{"a":null,"b":{"x":[2,"\\u00e9"],"y":1}}'


def test_envelopes_wrap_already_serialised_data() -> None:
    assert json.loads(success(b'{"id":"pay_1"}')) == {"status": "success", "data": {"id": "pay_1"}}
    page = json.loads(success_list([b"1", b"2"], True, "abc"))
    assert page == {"status": "success", "data": [1, 2], "has_more": True, "next_cursor": "abc"}
    last = json.loads(success_list([], False, None))
    assert last == {"status": "success", "data": [], "has_more": False, "next_cursor": None}
    assert json.loads(error_envelope({"code": "X"})) == {"status": "error", "error": {"code": "X"}}
