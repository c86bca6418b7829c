"""The mutation harness's sweep as a bench section: ``make mutation`` timed from outside, its
score, its survivors and every mutant's outcome (target: >= 95% killed, the sweep < 10 min)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import REPO

TARGET_SCORE = 95.0
TARGET_SECONDS = 600.0


def section() -> str:
    """Run ``python -m tools.mutation`` and render what it found."""
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-mutation-") as tmp:
        report = Path(tmp) / "mutation.json"
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "tools.mutation", "--json", str(report)],
            cwd=REPO, capture_output=True, text=True, timeout=3 * TARGET_SECONDS, check=False,
        )  # fmt: skip
        wall = time.monotonic() - started
        result = json.loads(report.read_text(encoding="utf-8"))
    return render(result, wall)


def render(result: dict[str, object], wall: float) -> str:
    """The section's Markdown from the harness's JSON and the wall time measured outside."""
    outcomes = list(result["outcomes"])  # type: ignore[call-overload]
    killed = sum(1 for o in outcomes if o["killed"])
    score = 100.0 * killed / max(len(outcomes), 1)
    met = score >= TARGET_SCORE and wall < TARGET_SECONDS
    lines = [
        f"`make mutation` (`python -m tools.mutation`, {result['jobs']} mutants at a time, seed "
        f"{result['seed']}): **{killed}/{len(outcomes)} killed = {score:.1f}%** in "
        f"**{wall:.0f} s** from launch to exit (targets >= {TARGET_SCORE:g}% and < "
        f"{TARGET_SECONDS:.0f} s: {'met' if met else '**not met**'}).",
        "",
        "Each mutant runs the quick profile on one worker with the layers of its module's area "
        "(`AREAS` in `tools/mutation/harness.py`) and stops at the first failing test.",
        "",
        "| mutant | killed | s | first checks that failed | the bug |",
        "| --- | --- | ---: | --- | --- |",
    ]
    for o in outcomes:
        names = ", ".join(f"`{c}`" for c in o["checks"][:3]) or f"exit {o['exit_code']}"
        lines.append(
            f"| {o['mutant']} | {'yes' if o['killed'] else '**no**'} | {o['seconds']:.0f} | "
            f"{names} | {o['description']} |"
        )
    survivors = [o for o in outcomes if not o["killed"]]
    lines += ["", "Survivors: " + (", ".join(o["mutant"] for o in survivors) or "none") + "."]
    return "\n".join(lines)
