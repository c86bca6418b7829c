"""The webhook receiver flags: HOST:PORT parsing, the public URL and the pair they form."""

from __future__ import annotations

import pytest
from larkpay_conformance.run.webhook_flags import check_pair, parse_listen, parse_public_url


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("0.0.0.0:8800", ("0.0.0.0", 8800)), ("[::1]:0", ("::1", 0)), ("host:1", ("host", 1))],
)
def test_parse_listen_reads_host_and_port(value: str, parsed: tuple[str, int]) -> None:
    assert parse_listen(value) == parsed


@pytest.mark.parametrize("value", ["8800", "host:", ":80", "host:99999", "host:x"])
def test_parse_listen_refuses_anything_else(value: str) -> None:
    with pytest.raises(ValueError, match="expected HOST:PORT"):
        parse_listen(value)


def test_parse_public_url_takes_http_and_https_urls_only() -> None:
    assert parse_public_url("https://hooks.example.com/x") == "https://hooks.example.com/x"
    for value in ("ftp://hooks.example.com", "hooks.example.com", "http://"):
        with pytest.raises(ValueError, match="is not an http"):
            parse_public_url(value)


def test_a_public_url_needs_the_port_it_leads_to() -> None:
    check_pair("0.0.0.0:8800", "https://hooks.example.com")
    check_pair("0.0.0.0:8800", None)
    check_pair(None, None)
    with pytest.raises(ValueError, match="needs --webhook-listen"):
        check_pair(None, "https://hooks.example.com")
