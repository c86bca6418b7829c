"""Which webhook URLs the sandbox may deliver to: loopback only, unless explicitly allowed.

The sandbox is fuzzed with arbitrary endpoint URLs, so by default it never sends a delivery,
nor a DNS query, anywhere but this machine. Host names other than ``localhost`` are refused
without being resolved.
"""

from __future__ import annotations

from larkpay_sandbox.core.loopback import is_loopback_url


def delivery_refusal(url: str, *, allow_external: bool) -> str | None:
    """Why a delivery to ``url`` is not attempted, or None when it may be sent."""
    if allow_external or is_loopback_url(url):
        return None
    return (
        "not sent: this sandbox delivers webhooks to loopback addresses only "
        "(localhost, 127.0.0.0/8, ::1); start it with --allow-external-webhooks true "
        "(or LARKPAY_SANDBOX_ALLOW_EXTERNAL_WEBHOOKS=true) to deliver elsewhere"
    )
