"""Schemathesis (the real `st` CLI) against a real sandbox: every phase, every check, 0 failures.

Each seed gets a fresh sandbox; the case count per operation is bounded so that the three seeds
stay around a minute. The hooks file gives every valid Idempotency-Key a fresh value (see its
docstring for why).
"""

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
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
MAX_EXAMPLES = 12
SUMMARY = re.compile(r"(\d+) generated, (\d+) passed")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_schemathesis_all_phases_all_checks_pass(seed: int, tmp_path: Path) -> None:
    with running_sandbox(rate_limit=0) as sandbox:
        command = [
            str(ST),
            "run",
            str(ROOT / "openapi.yaml"),
            "--url",
            sandbox.base_url,
            "-H",
            f"Authorization: {sandbox.auth_header}",
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--checks",
            "all",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            str(seed),
            "--generation-database",
            "none",
            "--no-color",
        ]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=240, cwd=tmp_path, env=env
        )
        output = result.stdout + result.stderr
        assert "Traceback" not in sandbox.log(), sandbox.log()
    assert result.returncode == 0, output[-6000:]
    found = SUMMARY.search(output)
    assert found is not None, output[-3000:]
    generated, passed = int(found.group(1)), int(found.group(2))
    print(f"seed {seed}: {generated} cases generated, {passed} passed")
    assert generated == passed
    assert generated > 500
