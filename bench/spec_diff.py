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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

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
    cpu: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        """The median round."""
        return statistics.median(self.rounds)

    @property
    def cpu_median(self) -> float:
        """The median CPU time (user + system) of the command and its children."""
        return statistics.median(self.cpu) if self.cpu else 0.0

    @property
    def met(self) -> bool | None:
        """Whether the median is within the target (None: informational)."""
        return None if self.target is None else self.median <= self.target


def _time(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, children included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _timed(
    what: str, argv: list[str], cwd: Path, env: dict[str, str], count: int, **row: Any
) -> Timing:
    """``count`` rounds of ``argv`` after one uncounted warm-up run."""
    _time(argv, cwd, env)
    runs = [_time(argv, cwd, env) for _ in range(count)]
    command = " ".join(["larkpay", *argv[1:]]).replace(str(REPO) + "/", "")
    return Timing(what, command, tuple(r[0] for r in runs), cpu=tuple(r[1] for r in runs), **row)


def _write_pairs(folder: Path) -> None:
    base = synthetic_spec(OPERATIONS)
    head = changed(base)
    (folder / "big-base.json").write_text(json.dumps(base, indent=1))
    (folder / "big-head.json").write_text(json.dumps(head, indent=1))
    (folder / "big-base.yaml").write_text(yaml.dump(base, Dumper=yaml.CSafeDumper))
    (folder / "big-head.yaml").write_text(yaml.dump(head, Dumper=yaml.CSafeDumper))
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
        big_yaml = [str(LARKPAY), "spec", "diff", "big-base.yaml", "big-head.yaml"]
        sdk = [str(LARKPAY), "spec", "diff", "released.yaml", "edited.yaml", "--sdk", "--no-cache"]
        check = [str(LARKPAY), "spec", "check", "--no-cache"]
        return [
            _timed("openapi.yaml against itself", self_diff, folder, env, rounds, target=0.3),
            _timed(
                f"{OPERATIONS:,}-operation pair (JSON, 5% changed)", big, folder, env, rounds,
                target=5.0, note="bench/spec_pairs.py: 250 resources, every 20th changed",
            ),
            _timed(
                f"{OPERATIONS:,}-operation pair (YAML, 5% changed)", big_yaml, folder, env,
                rounds, target=5.0, note="the same pair as YAML: libyaml composes it",
            ),
            _timed(
                "SDK-surface diff, both sides generated, no cache", sdk, folder, env, sdk_rounds,
                target=10.0,
                note="updated_at out of Payment.required; two generator runs in parallel",
            ),
            _timed(
                "make spec-check on this tree (no cache)", check, REPO, env, sdk_rounds,
                target=None, note="generated/ is reused when its stamp matches a side",
            ),
        ]  # fmt: skip


def section(_profile: str = "", rounds: int = 5, sdk_rounds: int = 3) -> str:
    """The Markdown section for RESULTS.md: one row per command, every round listed."""
    rows = measure(rounds, sdk_rounds)
    lines = [
        "| what | command | median wall | target | met? | median CPU | rounds, wall (s) |",
        "| --- | --- | ---: | --- | --- | ---: | --- |",
    ]
    for row in rows:
        target = "- (info)" if row.target is None else f"<= {row.target:g} s"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        walls = ", ".join(f"{r:.3f}" for r in row.rounds)
        lines.append(
            f"| {row.what} | `{row.command}` | {row.median:.3f} s | {target} | {met} | "
            f"{row.cpu_median:.3f} s | {walls} |"
        )
    notes = [f"- {row.what}: {row.note}" for row in rows if row.note]
    notes.append(
        "- CPU: user + system time of the command and its children (the generators); on a "
        "loaded machine the wall time exceeds it"
    )
    load = os.getloadavg()
    notes.append(f"- load average (1 / 5 min) after the run: {load[0]:.2f} / {load[1]:.2f}")
    return "\n".join([*lines, "", *notes])


def main(argv: list[str] | None = None) -> None:
    """Print the section."""
    parser = argparse.ArgumentParser(prog="python -m bench.spec_diff", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the wire diffs")
    parser.add_argument("--sdk-rounds", type=int, default=3, help="rounds of the SDK diffs")
    options = parser.parse_args(argv)
    print(section(rounds=options.rounds, sdk_rounds=options.sdk_rounds))


if __name__ == "__main__":
    main()
