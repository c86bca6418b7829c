"""The one loopback definition: localhost, 127.0.0.0/8 and ::1, never resolving names."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.loopback import is_loopback_host, is_loopback_url


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "127.9.9.9", "::1", "localhost"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["10.0.0.1", "::ffff:10.0.0.1", "localhost.evil.example", ""])
def test_other_hosts_are_refused(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://127.0.0.2/hook",
        "https://localhost/hook",
        "http://LOCALHOST:1/",
        "http://[::1]:9000/hook",
    ],
)
def test_is_loopback_url_accepts_loopback_hosts(url: str) -> None:
    assert is_loopback_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example/webhooks/larkpay",
        "http://10.0.0.1/hook",
        "http://192.168.1.1/",
        "http://8.8.8.8/",
        "http://localhost.evil.example/",
        "http://[::ffff:10.0.0.1]/",
        "http://[not-an-ip/",
        "not a url",
        "",
    ],
)
def test_is_loopback_url_rejects_other_hosts_without_resolving(url: str) -> None:
    assert not is_loopback_url(url)
