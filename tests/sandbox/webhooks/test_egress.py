"""larkpay_sandbox.webhooks.egress: deliveries go to loopback only unless explicitly allowed."""

from __future__ import annotations

import pytest
from larkpay_sandbox.webhooks.egress import delivery_refusal, is_loopback_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://127.9.9.9/hook",
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


def test_delivery_refusal_names_the_flag_that_allows_external_hosts() -> None:
    reason = delivery_refusal("https://shop.example/hook", allow_external=False)
    assert reason is not None
    assert "--allow-external-webhooks" in reason


def test_delivery_refusal_allows_everything_when_external_is_allowed() -> None:
    assert delivery_refusal("https://shop.example/hook", allow_external=True) is None
    assert delivery_refusal("http://127.0.0.1:1/", allow_external=False) is None
