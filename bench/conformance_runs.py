"""The conformance suite's speed as a user sees it: ``larkpay conformance`` in a subprocess, timed
from outside, from launch to exit.

- the full profile against the embedded sandbox (target >= 250 HTTP requests/s), one fixed seed
  in every round, with where the time went (start-up, tests, reports) from the run's timeline;
- ``--workers 2`` vs ``--workers 1`` against a sandbox started separately (``--base-url``):
  the wall time of the same seed, in alternating rounds, each run against a sandbox of its own
  (fresh database, the embedded sandbox's settings, started before the clock starts). Wall time
  rather than requests/s: the two runs send a few different numbers of requests (the state
  machines follow the server's answers), the same work is what they are asked to do.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from larkpay_conformance.deployment.target import EMBEDDED_OVERRIDES
from larkpay_conformance.report.coverage_render import coverage_markdown
from larkpay_sandbox.testing import running_sandbox

from bench.machine import REPO
from bench.results import Comparison

TARGET = 250.0
TIMEOUT = 600.0
SEED = 20261201
ROUNDS = 5


@dataclass(frozen=True)
class Run:
    """One ``larkpay conformance`` run: wall time from outside, its summary, its exit code."""

    wall: float
    summary: dict[str, Any]
    code: int

    @property
    def rate(self) -> float:
        """HTTP requests per second, from the command's start to its exit."""
        return float(self.summary["http_requests"]) / self.wall

    def describe(self) -> str:
        """One line: requests, time, rate, failures, timeline."""
        timeline = self.summary.get("timeline_seconds", {})
        moments = ", ".join(f"{name} {value:.1f} s" for name, value in timeline.items())
        return (
            f"{self.summary['http_requests']:,} HTTP requests "
            f"({self.summary['hypothesis_examples']:,} hypothesis examples) in {self.wall:.1f} s "
            f"= {self.rate:.1f}/s, exit {self.code}, {len(self.summary['failures'])} failures; "
            f"since the start: {moments}"
        )


def run_suite(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run ``larkpay conformance ARGS`` and time it from launch to exit."""
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-conformance-") as tmp:
        argv = [sys.executable, "-m", "larkpay_cli", "conformance", *args, "--report-dir", tmp]
        started = time.monotonic()
        done = subprocess.run(
            argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        wall = time.monotonic() - started
        summary_path = Path(tmp) / "conformance-summary.json"
        if not summary_path.exists():
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
            raise RuntimeError(f"`larkpay conformance {' '.join(args)}` wrote no summary:\n{tail}")
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    return Run(wall, summary, done.returncode)


#: the runs of the last full-profile section (the coverage section reads the last one)
LAST_RUNS: list[Run] = []


def full_profile_section(profile: str = "full", rounds: int = 3) -> str:
    """The Markdown section: the rate of ``rounds`` runs of one seed, each listed, the median
    judged."""
    runs = [run_suite("--profile", profile, "--seed", str(SEED)) for _ in range(rounds)]
    LAST_RUNS[:] = runs
    median = statistics.median(run.rate for run in runs)
    verdict = "met" if median >= TARGET else "**not met**"
    layers = runs[-1].summary["layers"]
    slowest = max(layers, key=lambda name: layers[name]["test_seconds"])
    lines = [
        f"`larkpay conformance --profile {profile} --seed {SEED}` against the embedded sandbox, "
        f"{runs[0].summary['workers']} workers, timed from outside (process launch to exit): "
        f"median **{median:.1f} HTTP requests/s** over {rounds} runs (target >= {TARGET:g}: "
        f"{verdict}). Every run:",
        "",
        *[f"- {run.describe()}" for run in runs],
        "",
        "Where the time goes (last run): start-up = process start to the first test "
        "(interpreter, pytest, schemathesis, sandbox start, preflight, workers importing and "
        "collecting); tests = first test to last; the rest writes the reports. Test seconds "
        "per layer (summed over workers): "
        + ", ".join(f"{name} {row['test_seconds']:.1f} s" for name, row in layers.items())
        + f"; the slowest is {slowest}.",
    ]
    return "\n".join(lines)


def _against_a_fresh_sandbox(profile: str, workers: str) -> Run:
    """One run of the fixed seed with ``workers`` against a sandbox started for it alone."""
    with running_sandbox(**EMBEDDED_OVERRIDES) as sandbox:
        env = {
            **os.environ,
            "LARKPAY_API_KEY": sandbox.api_key,
            "LARKPAY_API_SECRET": sandbox.api_secret,
        }
        env.pop("LARKPAY_BASE_URL", None)
        return run_suite(
            "--profile", profile, "--seed", str(SEED), "--workers", workers,
            "--base-url", sandbox.base_url, env=env,
        )  # fmt: skip


def workers_rows(profile: str = "full", rounds: int = ROUNDS) -> list[Comparison]:
    """``--workers 2`` vs ``--workers 1``: wall time of the same seed, alternating which goes
    first, a fresh ``--base-url`` sandbox per run."""
    pairs: list[tuple[float, float]] = []
    described: list[str] = []
    for index in range(rounds):
        order = ("2", "1") if index % 2 == 0 else ("1", "2")
        results: dict[str, Run] = {}
        for workers in order:
            results[workers] = _against_a_fresh_sandbox(profile, workers)
            described.append(
                f"round {index + 1}, --workers {workers}: {results[workers].describe()}"
            )
        pairs.append((results["2"].wall, results["1"].wall))
    note = (
        f"`larkpay conformance --profile {profile} --seed {SEED} --base-url <sandbox>` with "
        f"--workers 2 and --workers 1, {rounds} rounds alternating which goes first; each run "
        "against a sandbox of its own (fresh in-memory database, the embedded sandbox's "
        "settings), started before the clock; wall time from launch to exit, the same seed on "
        "both sides (the request counts differ a little: the state machines follow the "
        "server's answers). " + " / ".join(described)
    )
    return [
        Comparison.from_rounds(
            what=f"conformance {profile} profile wall time, --workers 2 vs --workers 1 "
            "(--base-url sandbox, same seed)",
            unit="s",
            rounds=pairs,
            peer_name="--workers 1",
            target=1.0,
            higher_is_better=False,
            note=note,
        )
    ]


def coverage_section(profile: str = "full") -> str:
    """The Markdown section: the coverage table of a run against the embedded sandbox (the last
    run of the rate section when it ran, else one run of its own)."""
    run = LAST_RUNS[-1] if LAST_RUNS else run_suite("--profile", profile, "--seed", str(SEED))
    summary = run.summary
    lines = [
        f"`larkpay conformance --profile {summary['profile']} --seed {summary['seed']}` against "
        f"the embedded sandbox: exit {run.code}, {len(summary['failures'])} failures, "
        f"{summary['http_requests']:,} HTTP requests. Computed by the suite from the run's "
        "recorded traffic (`coverage_report.py`); unreachable items are declared with their "
        "reasons in `conformance/larkpay_conformance/spec/unreachable.py`.",
        "",
        *coverage_markdown(summary["coverage"]),
    ]
    return "\n".join(lines)
