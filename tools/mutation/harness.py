"""The mutation harness: each mutant of :mod:`tools.mutation.mutants` applied to a copy of the
sandbox package, the conformance suite run against a sandbox started from that copy.

    python -m tools.mutation [--jobs 2] [--seed N] [--only ID ...] [--write-results]

The copy goes to a temporary folder put first on ``PYTHONPATH`` (bytecode writing off), so the
embedded sandbox the suite starts imports the mutant, and nothing in the working tree is
touched. Each run is ``larkpay conformance --profile quick --workers 1`` with the layers of the
mutant's area (``AREAS``); a mutant is killed when the run fails (exit 1: a check failed; or
the preflight refused the mutated sandbox: exit 3), survives otherwise (an exit other than 0
is printed with the survivor). Mutants run ``--jobs`` at a
time (one per core), each stopping at its first failing test. Prints the score, each survivor
with its description, and the time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.mutation.mutants import MUTANTS, Mutant

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "sandbox" / "larkpay_sandbox"
#: area -> the layers (pytest -k) run against its mutants: those that drive its behaviour
AREAS: dict[str, str] = {
    "money": "workflows or rules_money or rules_events or scenarios or tenants",
    "listing": "workflows or rules_paging or rules_events or tenants",
    "idempotency": "workflows or rules_idempotency or limits or tenants",
    "http": "rules_http or limits or workflows or schema",
    "webhooks": "webhooks or rules_events or rules_paging or tenants or clock",
    "clock": "clock or endpoint_health or webhooks",
    "tenants": "tenants or workflows or rules_http or schema",
}
TIMEOUT = 240.0
#: exits that kill a mutant: a check failed (1), or the preflight refused the mutated sandbox
#: (3: it does not even answer as a Larkpay sandbox). A crash of the suite (70), a usage error
#: (2, 4), a timeout (-1) or nothing collected (5) is the harness's problem, never a kill.
KILLING_EXITS = (1, 3)


@dataclass
class Outcome:
    """What the suite did against one mutant."""

    mutant: str
    killed: bool
    exit_code: int
    seconds: float
    checks: list[str]
    description: str


def find_count(mutant: Mutant, root: Path = PACKAGE) -> int:
    """How many times the mutant's text occurs in its file under ``root``."""
    return (root / mutant.file).read_text(encoding="utf-8").count(mutant.find)


def apply(mutant: Mutant, root: Path) -> None:
    """Apply ``mutant`` to the package copy at ``root`` (its text must occur exactly once)."""
    path = root / mutant.file
    text = path.read_text(encoding="utf-8")
    count = text.count(mutant.find)
    if count != 1:
        raise ValueError(f"{mutant.id}: its text occurs {count} times in {mutant.file}, not once")
    path.write_text(text.replace(mutant.find, mutant.replace), encoding="utf-8")


def mutated_copy(mutant: Mutant, into: Path) -> Path:
    """A copy of the sandbox package with ``mutant`` applied, at ``into/larkpay_sandbox``."""
    root = into / "larkpay_sandbox"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    apply(mutant, root)
    return root


def _failing_checks(report_dir: Path) -> list[str]:
    try:
        summary = json.loads((report_dir / "conformance-summary.json").read_text())
    except (OSError, ValueError):
        return []
    return sorted({name for f in summary.get("failures", []) for name in f.get("checks", [])})


def run_mutant(mutant: Mutant, seed: int, *, first_failure: bool = True) -> Outcome:
    """Run the suite against a sandbox built from a mutated copy; never edits the tree.

    ``first_failure`` stops the run at the first failing test (enough to kill the mutant);
    without it every failing check is named."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.id}-") as tmp:
        folder = Path(tmp)
        mutated_copy(mutant, folder)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]),
            "PYTHONDONTWRITEBYTECODE": "1",
            "LARKPAY_SPEC": str(REPO / "openapi.yaml"),
        }
        env.pop("LARKPAY_BASE_URL", None)
        command = [
            sys.executable, "-m", "larkpay_conformance", "--profile", "quick", "--workers", "1",
            "--seed", str(seed), "--report-dir", str(folder / "reports"),
            "-k", AREAS[mutant.area], *(["-x"] if first_failure else []),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command, cwd=folder, env=env, capture_output=True, timeout=TIMEOUT, check=False
            )
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = -1
        checks = _failing_checks(folder / "reports")
    killed = code in KILLING_EXITS
    return Outcome(mutant.id, killed, code, time.monotonic() - started, checks, mutant.description)


def sweep(mutants: Sequence[Mutant], seed: int, jobs: int) -> list[Outcome]:
    """Every mutant, ``jobs`` at a time, printing each outcome as it comes."""
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(jobs) as pool:
        for outcome in pool.map(lambda m: run_mutant(m, seed), mutants):
            verdict = "killed" if outcome.killed else "SURVIVED"
            names = ", ".join(outcome.checks[:4]) or f"exit {outcome.exit_code}"
            print(
                f"{verdict:>8}  {outcome.mutant:<28} {outcome.seconds:5.1f} s  {names}", flush=True
            )
            outcomes.append(outcome)
    return outcomes


def summary_lines(outcomes: Sequence[Outcome], seconds: float, jobs: int) -> list[str]:
    """The score, the survivors and the time."""
    killed = sum(o.killed for o in outcomes)
    lines = [
        f"mutation score: {killed}/{len(outcomes)} killed = "
        f"{100.0 * killed / max(len(outcomes), 1):.1f}% in {seconds:.0f} s wall "
        f"({jobs} at a time)"
    ]
    survivors = [o for o in outcomes if not o.killed]
    lines += [
        f"  survivor {o.mutant} (exit {o.exit_code}): {o.description}" for o in survivors
    ] or ["  no survivors"]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``make mutation``: run the sweep; exit 1 below 95% killed."""
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__)
    parser.add_argument("--jobs", type=int, default=max(len(os.sched_getaffinity(0)), 1))
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--only", nargs="*", help="mutant ids to run (default: all)")
    parser.add_argument("--json", type=Path, default=REPO / "reports" / "mutation.json")
    options = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not options.only or m.id in options.only]
    started = time.monotonic()
    outcomes = sweep(chosen, options.seed, options.jobs)
    seconds = time.monotonic() - started
    lines = summary_lines(outcomes, seconds, options.jobs)
    print("\n".join(lines))
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "jobs": options.jobs,
                "seed": options.seed,
                "outcomes": [asdict(o) for o in outcomes],
            },
            indent=2,
        )
        + "\n"
    )
    killed = sum(o.killed for o in outcomes)
    return 0 if killed >= 0.95 * len(outcomes) else 1
