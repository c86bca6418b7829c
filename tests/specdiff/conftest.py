"""Generated SDKs are cached per test session, never in the user's cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sdk_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's cache of generated clients."""
    return tmp_path_factory.mktemp("sdk-cache")


@pytest.fixture(autouse=True)
def _isolated_cache(sdk_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LARKPAY_CACHE_DIR", str(sdk_cache))
    return
