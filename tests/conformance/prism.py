"""The pinned Prism (tools/prism) as a foreign server for tests: ``prism mock -v silent`` serves
openapi.yaml's examples at its root (no /v2 prefix). Started by :func:`bench.servers.prism`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.machine import PRISM_BIN, REPO
from bench.servers import SPEC, prism


def require_prism() -> None:
    """Under CI a missing Prism fails the test; elsewhere it is skipped."""
    if PRISM_BIN.exists():
        return
    message = f"{PRISM_BIN} is missing: run `make {PRISM_BIN.relative_to(REPO)}` (npm ci)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def running_prism(spec: Path = SPEC) -> Iterator[str]:
    """Prism serving ``spec`` (default openapi.yaml) on a free loopback port; yields its base
    URL."""
    require_prism()
    with prism(spec) as target:
        yield target.base_url
