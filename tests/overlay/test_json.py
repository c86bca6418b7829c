"""Tests of larkpay._json: the fast decode gives what json.loads gives, or a ValueError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from larkpay._json import loads

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=10,
)


@given(value=JSON, compact=st.booleans())
def test_loads_gives_what_json_loads_gives(value: object, compact: bool) -> None:
    text = json.dumps(value, separators=(",", ":") if compact else None, ensure_ascii=False)
    assert loads(text.encode()) == json.loads(text)


@pytest.mark.parametrize("content", [b' {"a": 1}', b'{"a": 1}\n \t', b"\n[1]"])
def test_loads_accepts_whitespace_around_the_value(content: bytes) -> None:
    assert loads(content) == json.loads(content)


@pytest.mark.parametrize("content", [b'{"a": 1} x', b"", b"{", b"\xff{}", b"nan-ish", b"1 2"])
def test_loads_refuses_what_is_not_one_json_value_in_utf8_with_value_error(content: bytes) -> None:
    with pytest.raises(ValueError, match=r"Expecting|Extra data|codec can't decode"):
        loads(content)
