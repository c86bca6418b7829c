"""Start the pinned Prism (tools/prism) as a foreign server for tests: ``prism mock`` serves
openapi.yaml's examples at its root (no /v2 prefix), with ``-v silent``."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from larkpay_sandbox.testing import free_port

REPO = Path(__file__).resolve().parents[2]
PRISM = REPO / "tools" / "prism" / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 60.0


def require_prism() -> Path:
    """The Prism binary; under CI a missing one fails, elsewhere the test is skipped."""
    if PRISM.exists():
        return PRISM
    message = f"{PRISM} is missing: run `make {PRISM.relative_to(REPO)}` (npm ci)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def running_prism() -> Iterator[str]:
    """``prism mock -v silent openapi.yaml`` on a free loopback port; yields its base URL."""
    binary = require_prism()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="larkpay-prism-") as tmp:
        log = Path(tmp) / "prism.log"
        argv = [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), "-v", "silent"]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*argv, str(REPO / "openapi.yaml")], stdout=out, stderr=subprocess.STDOUT
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    if httpx.get(base_url + "/health", timeout=2.0).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"prism did not start:\n{log.read_text()}")
                time.sleep(0.2)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=10)
