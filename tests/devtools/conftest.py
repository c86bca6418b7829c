"""A sandbox per devtools test module, and the SDK's variables pointing at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_sandbox.testing import RunningSandbox, running_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    """A fresh sandbox subprocess on a free port."""
    with running_sandbox(rate_limit=0) as running:
        yield running


@pytest.fixture
def sandbox_env(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> RunningSandbox:
    """LARKPAY_BASE_URL (and the demo key) of the module's sandbox, for this test."""
    monkeypatch.setenv("LARKPAY_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("LARKPAY_API_KEY", sandbox.api_key)
    monkeypatch.setenv("LARKPAY_API_SECRET", sandbox.api_secret)
    monkeypatch.delenv("LARKPAY_ENVIRONMENT", raising=False)
    return sandbox
