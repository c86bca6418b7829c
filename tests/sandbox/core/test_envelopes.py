"""The JSON the sandbox writes: compact ASCII, and the success and list envelopes."""

from __future__ import annotations

import json

import pytest
from larkpay_sandbox.core.envelopes import dumps, error_envelope, success, success_list


def test_dumps_is_compact_ascii_and_refuses_nan() -> None:
    assert dumps({"a": "é", "b": [1, 2]}) == b'{"a":"\\u00e9","b":[1,2]}'
    with pytest.raises(ValueError, match="JSON"):
        dumps(float("nan"))


def test_envelopes_wrap_already_serialised_data() -> None:
    assert json.loads(success(b'{"id":"pay_1"}')) == {"status": "success", "data": {"id": "pay_1"}}
    page = json.loads(success_list([b"1", b"2"], True, "abc"))
    assert page == {"status": "success", "data": [1, 2], "has_more": True, "next_cursor": "abc"}
    last = json.loads(success_list([], False, None))
    assert last == {"status": "success", "data": [], "has_more": False, "next_cursor": None}
    assert json.loads(error_envelope({"code": "X"})) == {"status": "error", "error": {"code": "X"}}
