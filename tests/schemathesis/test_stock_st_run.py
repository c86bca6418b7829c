"""Stock schemathesis from the repository root: ``st run openapi.yaml --url <sandbox>/v2
-H "Authorization: Basic ..." --checks all`` picks up ./schemathesis.toml (and its hooks) by
itself and passes every phase with 0 failures, on the five seeds architecture.md asks for.

What differs from the plain command, to stay quick and independent: ``--seed N`` for each of
the five seeds, ``--max-examples 10`` (the default is 100), ``--generation-database none`` (no
examples carried over between runs), ``--no-color``, and a fresh sandbox per seed with its rate
limit off (``rate_limit=0``: three runs go side by side). README.md gives the plain command and
a run of it by hand."""

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
SUMMARY = re.compile(r"(\d+) generated, (\d+) passed")
SEEDS = (1, 2, 3, 4, 5)
SIDE_BY_SIDE = 3
MAX_EXAMPLES = 10

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Run:
    """What one seed's `st run` printed and how it exited, and what the sandbox logged."""

    returncode: int
    output: str
    sandbox_log: str


def run_seed(seed: int) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "SCHEMATHESIS_HOOKS"}
    with running_sandbox(rate_limit=0) as sandbox:
        command = [
            str(ST), "run", "openapi.yaml", "--url", sandbox.base_url,
            "-H", f"Authorization: {sandbox.auth_header}", "--checks", "all",
            "--seed", str(seed), "--max-examples", str(MAX_EXAMPLES),
            "--generation-database", "none", "--no-color",
        ]  # fmt: skip
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env
        )
        return Run(done.returncode, done.stdout + done.stderr, sandbox.log())


@pytest.fixture(scope="module")
def runs() -> dict[int, Run]:
    """Every seed's run, made side by side the first time a test asks."""
    assert (ROOT / "schemathesis.toml").is_file()
    with ThreadPoolExecutor(max_workers=SIDE_BY_SIDE) as pool:
        return dict(zip(SEEDS, pool.map(run_seed, SEEDS), strict=True))


@pytest.mark.parametrize("seed", SEEDS)
def test_stock_st_run_from_the_repository_root_passes_every_phase(
    seed: int, runs: dict[int, Run]
) -> None:
    run = runs[seed]
    assert "Traceback" not in run.sandbox_log, run.sandbox_log
    assert run.returncode == 0, run.output[-6000:]
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in run.output, run.output[-3000:]
    found = SUMMARY.search(run.output)
    assert found is not None, run.output[-3000:]
    generated, passed = int(found.group(1)), int(found.group(2))
    assert generated == passed
    assert generated > 500
