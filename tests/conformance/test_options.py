"""The webhook receiver options: HOST:PORT parsing and the public URL they need."""

from __future__ import annotations

import pytest
from larkpay_conformance.plugin.options import parse_listen


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("0.0.0.0:8800", ("0.0.0.0", 8800)), ("[::1]:0", ("::1", 0)), ("host:1", ("host", 1))],
)
def test_parse_listen_reads_host_and_port(value: str, parsed: tuple[str, int]) -> None:
    assert parse_listen(value) == parsed


@pytest.mark.parametrize("value", ["8800", "host:", ":80", "host:99999", "host:x"])
def test_parse_listen_refuses_anything_else(value: str) -> None:
    with pytest.raises(pytest.UsageError, match="expected HOST:PORT"):
        parse_listen(value)
