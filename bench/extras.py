"""Figures the runner collects from other parts of the repository, by running them bounded.

- Webhook delivery latency: ``bench/bench_delivery_latency.py`` (absolute target, no peer), its
  output quoted and its p50/p99 read. Returns a Markdown section; if the script is missing or
  fails, the section says so.
"""

from __future__ import annotations

import re
import subprocess
import sys

from bench.machine import REPO

DELIVERY_SCRIPT = REPO / "bench" / "bench_delivery_latency.py"
DELIVERY_COUNT = 300
DELIVERY_TIMEOUT = 120.0
LATENCY_TARGETS = {"p50": 5.0, "p99": 20.0}


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
