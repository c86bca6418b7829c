"""Schemathesis (the real `st` CLI) against a real sandbox: every phase, every check, 5 seeds,
0 failures.

Each seed gets a fresh sandbox. The runs go side by side, a few at a time, so the five seeds
take about the wall time of two; the case count per operation is bounded for the same reason.
The hooks file gives every valid Idempotency-Key a fresh value (see its docstring for why).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from larkpay_sandbox.testing import running_sandbox

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).parent / "st"
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
SEEDS = (1, 2, 3, 4, 5)
SIDE_BY_SIDE = 3
MAX_EXAMPLES = 8
SUMMARY = re.compile(r"(\d+) generated, (\d+) passed")


@dataclass(frozen=True)
class Run:
    """What one seed's `st run` printed and how it exited, and what the sandbox logged."""

    returncode: int
    output: str
    sandbox_log: str


def run_seed(seed: int, workdir: Path) -> Run:
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
            command, capture_output=True, text=True, timeout=300, cwd=workdir, env=env
        )
        return Run(result.returncode, result.stdout + result.stderr, sandbox.log())


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Run]:
    """Every seed's run, made side by side the first time a test asks."""
    workdirs = [tmp_path_factory.mktemp(f"seed-{seed}") for seed in SEEDS]
    with ThreadPoolExecutor(max_workers=SIDE_BY_SIDE) as pool:
        return dict(zip(SEEDS, pool.map(run_seed, SEEDS, workdirs), strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_schemathesis_all_phases_all_checks_pass(seed: int, runs: dict[int, Run]) -> None:
    run = runs[seed]
    assert "Traceback" not in run.sandbox_log, run.sandbox_log
    assert run.returncode == 0, run.output[-6000:]
    found = SUMMARY.search(run.output)
    assert found is not None, run.output[-3000:]
    generated, passed = int(found.group(1)), int(found.group(2))
    print(f"seed {seed}: {generated} cases generated, {passed} passed")
    assert generated == passed
    assert generated > 500
