"""The /docs page of a running sandbox, opened in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from larkpay_sandbox.testing import RunningSandbox, running_sandbox

pytestmark = pytest.mark.slow

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_browser() -> str | None:
    for candidate in BROWSER_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> str:
    found = find_browser()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium was found (apt-get install chromium)")
        pytest.skip("no Chromium installed (apt-get install chromium); the page check needs one")
    return found


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox() as sb:
        yield sb


def operation_ids(spec: dict[str, Any]) -> set[str]:
    ids = set()
    for section in ("paths", "webhooks"):
        for item in spec[section].values():
            for method in ("get", "post", "put", "patch", "delete"):
                if method in item:
                    ids.add(item[method]["operationId"])
    return ids


def run_browser(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run(
        [browser, *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def test_browser_renders_every_operation_id_of_the_spec(
    browser: str, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    docs_url = sandbox.base_url.removesuffix("/v2") + "/docs"
    result = run_browser(browser, tmp_path, "--dump-dom", docs_url)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<main>" in dom
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    expected = operation_ids(spec)
    assert len(expected) >= 24
    missing = {op_id for op_id in expected if f'id="op-{op_id}"' not in dom}
    assert not missing, f"operations missing from the rendered page: {sorted(missing)}"


def test_browser_screenshot_of_the_page_is_written(
    browser: str, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    docs_url = sandbox.base_url.removesuffix("/v2") + "/docs"
    shot = tmp_path / "docs.png"
    result = run_browser(
        browser, tmp_path, "--window-size=1280,900", f"--screenshot={shot}", docs_url
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few KB


def test_docs_page_is_served_anonymously_with_no_external_references(
    sandbox: RunningSandbox,
) -> None:
    docs_url = sandbox.base_url.removesuffix("/v2") + "/docs"
    page = httpx.get(docs_url, timeout=10)
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "<script" not in page.text
    assert " src=" not in page.text
