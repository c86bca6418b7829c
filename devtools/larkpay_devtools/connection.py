"""Which deployment the tools talk to, and with which credentials.

Flags first, then the SDK's environment variables (``LARKPAY_BASE_URL``, ``LARKPAY_API_KEY``,
``LARKPAY_API_SECRET``, ``LARKPAY_ENVIRONMENT``), then the local sandbox on
``http://127.0.0.1:8787/v2`` with its documented demo credentials.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from larkpay import APIConnectionError, APIError, LarkpayClient

EXIT_FAILED = 1
"""The exit status of a command whose API call failed (or whose event did not happen)."""
EXIT_USAGE = 2
"""The exit status of a command given bad input; nothing was sent."""
LOCAL_SANDBOX = "http://127.0.0.1:8787/v2"
DEMO_API_KEY = "lk_test_DemoDemoDemoDemo00000001"
DEMO_API_SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """``--base-url``, ``--api-key`` and ``--api-secret``."""
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--base-url",
        help=f"the API, e.g. {LOCAL_SANDBOX} (default: LARKPAY_BASE_URL, else the local sandbox)",
    )
    group.add_argument("--api-key", help="default: LARKPAY_API_KEY, else the sandbox's demo key")
    group.add_argument(
        "--api-secret", help="default: LARKPAY_API_SECRET, else the sandbox's demo secret"
    )


def client_from(
    options: argparse.Namespace,
    env: Mapping[str, str] | None = None,
    *,
    timeout: float = 30.0,
    max_retries: int = 2,
) -> LarkpayClient:
    """The SDK client for these options; raises ``larkpay.ConfigurationError`` saying what to
    fix."""
    environ = os.environ if env is None else env
    api_key = options.api_key or environ.get("LARKPAY_API_KEY") or DEMO_API_KEY
    api_secret = options.api_secret or environ.get("LARKPAY_API_SECRET") or DEMO_API_SECRET
    base_url = options.base_url or environ.get("LARKPAY_BASE_URL") or None
    if base_url is None and not environ.get("LARKPAY_ENVIRONMENT"):
        base_url = LOCAL_SANDBOX
    return LarkpayClient(
        api_key=api_key,
        api_secret=api_secret,
        base_url=base_url,
        timeout=timeout,
        max_retries=max_retries,
    )


def unreachable(base_url: str, error: Exception) -> str:
    """What to say when nothing answers at ``base_url``."""
    return (
        f"cannot reach {base_url} ({error}); start the sandbox (larkpay-sandbox) or pass --base-url"
    )


def api_error_text(exc: APIError) -> str:
    """The API's error message, then one line per invalid field its ``details`` name."""
    details = getattr(exc, "details", None) or []
    lines = [str(exc)] + [
        f"  {item.get('field')}: {item.get('message')}"
        for item in details
        if isinstance(item, dict)
    ]
    return "\n".join(lines)


def failure_text(exc: APIError, base_url: str) -> str:
    """What to print when a call to ``base_url`` failed: nothing answered, or the API's error
    with its details."""
    if isinstance(exc, APIConnectionError):
        return unreachable(base_url, exc)
    return api_error_text(exc)
