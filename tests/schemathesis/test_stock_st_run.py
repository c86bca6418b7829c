"""Stock schemathesis from the repository root: ``st run openapi.yaml --url <sandbox>/v2
-H "Authorization: Basic ..." --checks all`` picks up ./schemathesis.toml (and its hooks) by
itself and passes every phase with 0 failures. One seed here, with fewer examples per operation
to stay quick; README.md gives the full command and the seeds run by hand."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from larkpay_sandbox.testing import running_sandbox

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).parent / "st"
SUMMARY = re.compile(r"(\d+) generated, (\d+) passed")
SEED = 1

pytestmark = pytest.mark.slow


def test_stock_st_run_from_the_repository_root_passes_every_phase() -> None:
    assert (ROOT / "schemathesis.toml").is_file()
    env = {k: v for k, v in os.environ.items() if k != "SCHEMATHESIS_HOOKS"}
    with running_sandbox(rate_limit=0) as sandbox:
        command = [
            str(ST), "run", "openapi.yaml", "--url", sandbox.base_url,
            "-H", f"Authorization: {sandbox.auth_header}", "--checks", "all",
            "--seed", str(SEED), "--max-examples", "25", "--generation-database", "none",
            "--no-color",
        ]  # fmt: skip
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env
        )
        output = done.stdout + done.stderr
        assert "Traceback" not in sandbox.log(), sandbox.log()
    assert done.returncode == 0, output[-6000:]
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in output, output[-3000:]
    found = SUMMARY.search(output)
    assert found is not None, output[-3000:]
    generated, passed = int(found.group(1)), int(found.group(2))
    assert generated == passed
    assert generated > 500
