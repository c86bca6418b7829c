"""A sandbox per docs test module, and the environment the guides' code reads to reach it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_sandbox.testing import running_sandbox


@pytest.fixture(scope="module")
def sandbox_env() -> Iterator[dict[str, str]]:
    """LARKPAY_* variables pointing the SDK at a fresh sandbox."""
    with running_sandbox(rate_limit=1000, burst=2000, settle_delay=60.0) as sandbox:
        yield {
            "LARKPAY_API_KEY": sandbox.api_key,
            "LARKPAY_API_SECRET": sandbox.api_secret,
            "LARKPAY_ENVIRONMENT": "local",
            "LARKPAY_BASE_URL": sandbox.base_url,
        }
