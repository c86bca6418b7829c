"""Figures the runner collects from other parts of the repository, by running them bounded.

- Webhook delivery latency: ``bench/bench_delivery_latency.py`` (absolute target,
  no peer), its output quoted and its p50/p99 read.
- Conformance cases per second: ``python -m larkpay_conformance --profile quick`` (or full), read
  from the
  ``conformance-summary.json`` it writes.
Each returns a Markdown section; if the part is missing or fails, the section says so.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.machine import REPO

DELIVERY_SCRIPT = REPO / "bench" / "bench_delivery_latency.py"
DELIVERY_COUNT = 300
DELIVERY_TIMEOUT = 120.0
CONFORMANCE_TIMEOUT = 240.0
CONFORMANCE_TARGET = 200.0
LATENCY_TARGETS = {"p50": 20.0, "p99": 100.0}


def _run(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        done = subprocess.run(
            argv,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {timeout:g} s"
    return done.returncode, (done.stdout + done.stderr).strip()


def _fenced(text: str) -> str:
    return "```\n" + text + "\n```"


def delivery_latency() -> str:
    """The section for webhook delivery latency (p50 <= 20 ms, p99 <= 100 ms)."""
    if not DELIVERY_SCRIPT.exists():
        return "Not measured: bench/bench_delivery_latency.py does not exist."
    code, output = _run(
        [sys.executable, str(DELIVERY_SCRIPT), str(DELIVERY_COUNT)], DELIVERY_TIMEOUT
    )
    if code != 0:
        return f"Not measured: bench_delivery_latency.py failed ({code}):\n\n{_fenced(output)}"
    line = next((x for x in output.splitlines() if x.startswith("event -> arrival")), "")
    found = {
        name: float(match.group(1))
        for name in LATENCY_TARGETS
        if (match := re.search(rf"{name}=\s*([\d.]+) ms", line))
    }
    verdicts = [
        f"{name} {found[name]:.2f} ms (target <= {limit:g} ms: "
        f"{'met' if found[name] <= limit else '**not met**'})"
        for name, limit in LATENCY_TARGETS.items()
        if name in found
    ]
    head = (
        "Event commit -> arrival at a loopback receiver: " + "; ".join(verdicts) + "."
        if len(verdicts) == len(LATENCY_TARGETS)
        else "Could not read p50/p99 from the output below."
    )
    command = f"python bench/bench_delivery_latency.py {DELIVERY_COUNT}"
    return f"{head} Output of `{command}`:\n\n{_fenced(output)}"


def conformance_rate(profile: str = "quick") -> str:
    """The section for conformance cases per second (target >= 200 against the sandbox)."""
    env = dict(os.environ)
    # The conformance package lives in conformance/, which may not be installed yet.
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(REPO / "conformance"), env.get("PYTHONPATH", "")) if part
    )
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-conformance-") as tmp:
        argv = [sys.executable, "-m", "larkpay_conformance", "--profile", profile]
        code, output = _run([*argv, "--report-dir", tmp], CONFORMANCE_TIMEOUT, env)
        summary_path = Path(tmp) / "conformance-summary.json"
        if not summary_path.exists():
            tail = "\n".join(output.splitlines()[-15:])
            return (
                f"Not measured: `python -m larkpay_conformance --profile {profile}` wrote no "
                f"summary (exit {code}):\n\n{_fenced(tail)}"
            )
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    rate = float(summary["cases_per_second"])
    verdict = "met" if rate >= CONFORMANCE_TARGET else "**not met**"
    failures = sum(int(layer["failures"]) for layer in summary["layers"].values())
    layers = ", ".join(
        f"{name} {layer['cases']} cases in {layer['seconds']} s"
        for name, layer in summary["layers"].items()
    )
    return (
        f"`python -m larkpay_conformance --profile {profile}` against the embedded sandbox "
        f"(seed {summary['seed']}, exit {code}): {summary['total_cases']:,} cases in "
        f"{summary['elapsed_seconds']} s = **{rate:g} cases/s** (target >= "
        f"{CONFORMANCE_TARGET:g}: {verdict}); {failures} failures. Per layer: {layers}."
    )
