"""Spec-diff timings: wall time of ``larkpay spec ...`` from command start to exit, as a user
sees it (interpreter start and imports included), several rounds, median. There is no peer:
oasdiff cannot be built here, so the rows have absolute targets (architecture.md).

    .venv/bin/python -m bench.spec_diff            print the section
    .venv/bin/python -m bench.spec_diff --rounds 7 --sdk-rounds 5

``measure()`` returns the rows and ``section()`` the Markdown that bench/run.py can include.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import REPO
from bench.spec_pairs import changed, synthetic_spec

LARKPAY = Path(sys.executable).parent / "larkpay"
OPERATIONS = 1000
TIMEOUT = 120.0
REQUIRED_LINE = "metadata, failure_code, failure_message, created_at, updated_at]"


@dataclass(frozen=True)
class Timing:
    """One measured command: every round's wall time in seconds, and its target."""

    what: str
    command: str
    rounds: tuple[float, ...]
    target: float | None
    note: str = ""

    @property
    def median(self) -> float:
        """The median round."""
        return statistics.median(self.rounds)

    @property
    def met(self) -> bool | None:
        """Whether the median is within the target (None: informational)."""
        return None if self.target is None else self.median <= self.target


def _time(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    return elapsed


def _rounds(argv: list[str], cwd: Path, env: dict[str, str], count: int) -> tuple[float, ...]:
    _time(argv, cwd, env)  # warm the file-system cache; not counted
    return tuple(_time(argv, cwd, env) for _ in range(count))


def _write_pairs(folder: Path) -> None:
    base = synthetic_spec(OPERATIONS)
    (folder / "big-base.json").write_text(json.dumps(base))
    (folder / "big-head.json").write_text(json.dumps(changed(base)))
    released = (REPO / "specs" / "released" / "2.0.0.yaml").read_text()
    # A comment makes the text differ from generated/'s stamp, so both sides are generated.
    (folder / "released.yaml").write_text(released + "# benchmark copy\n")
    (folder / "edited.yaml").write_text(
        released.replace(REQUIRED_LINE, REQUIRED_LINE.replace(", updated_at", ""))
    )


def measure(rounds: int = 5, sdk_rounds: int = 3) -> list[Timing]:
    """Time the three targets of architecture.md, plus `spec check` as `make test` runs it."""
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-spec-") as tmp:
        folder = Path(tmp)
        _write_pairs(folder)
        env = dict(os.environ, LARKPAY_CACHE_DIR=str(folder / "cache"))
        spec = str(REPO / "openapi.yaml")
        self_diff = [str(LARKPAY), "spec", "diff", spec, spec]
        big = [str(LARKPAY), "spec", "diff", "big-base.json", "big-head.json"]
        sdk = [str(LARKPAY), "spec", "diff", "released.yaml", "edited.yaml", "--sdk", "--no-cache"]
        check = [str(LARKPAY), "spec", "check", "--no-cache"]
        return [
            Timing(
                "openapi.yaml against itself",
                "larkpay spec diff openapi.yaml openapi.yaml",
                _rounds(self_diff, folder, env, rounds),
                0.3,
            ),
            Timing(
                f"{OPERATIONS:,}-operation pair (JSON, 5% changed)",
                "larkpay spec diff big-base.json big-head.json",
                _rounds(big, folder, env, rounds),
                5.0,
                "bench/spec_pairs.py: 250 resources, every 20th changed",
            ),
            Timing(
                "SDK-surface diff, both sides generated, no cache",
                "larkpay spec diff released.yaml edited.yaml --sdk --no-cache",
                _rounds(sdk, folder, env, sdk_rounds),
                10.0,
                "updated_at out of Payment.required; two openapi-python-client runs in parallel",
            ),
            Timing(
                "make spec-check on this tree (no cache)",
                "larkpay spec check --no-cache",
                _rounds(check, REPO, env, sdk_rounds),
                None,
                "generated/ is reused when its stamp matches a side",
            ),
        ]


def section(_profile: str = "") -> str:
    """The Markdown section for RESULTS.md: one row per command, every round listed."""
    rows = measure()
    lines = [
        "| what | command | median | target | met? | rounds (s) |",
        "| --- | --- | ---: | --- | --- | --- |",
    ]
    for row in rows:
        target = "- (info)" if row.target is None else f"<= {row.target:g} s"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        rounds = ", ".join(f"{r:.3f}" for r in row.rounds)
        lines.append(
            f"| {row.what} | `{row.command}` | {row.median:.3f} s | {target} | {met} | {rounds} |"
        )
    notes = [f"- {row.what}: {row.note}" for row in rows if row.note]
    load = os.getloadavg()
    notes.append(f"- load average (1 / 5 min) after the run: {load[0]:.2f} / {load[1]:.2f}")
    return "\n".join([*lines, "", *notes])


def main(argv: list[str] | None = None) -> None:
    """Print the section."""
    parser = argparse.ArgumentParser(prog="python -m bench.spec_diff", description=__doc__)
    parser.parse_args(argv)
    print(section())


if __name__ == "__main__":
    main()
