"""larkpay_sandbox.webhooks.egress: deliveries go to loopback only unless explicitly allowed."""

from __future__ import annotations

from larkpay_sandbox.webhooks.egress import delivery_refusal


def test_delivery_refusal_names_the_flag_that_allows_external_hosts() -> None:
    reason = delivery_refusal("https://shop.example/hook", allow_external=False)
    assert reason is not None
    assert "--allow-external-webhooks" in reason


def test_delivery_refusal_allows_everything_when_external_is_allowed() -> None:
    assert delivery_refusal("https://shop.example/hook", allow_external=True) is None
    assert delivery_refusal("http://127.0.0.1:1/", allow_external=False) is None
    assert delivery_refusal("http://127.0.0.2:1/", allow_external=False) is None
